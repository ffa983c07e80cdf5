/**
 * The fully incremental convex-hull synchronisation of one host pair, on synthetic packets from a known clock
 * relation B = α·A + β with positive one-way delays: the bounds must contain the truth, the estimate must make
 * every packet arrive after it was sent, and the quality must follow the rules.
 */
import { PairSync, apply } from '../../src/analysis/sync';

const ALPHA = 1.00002; // B runs 20 ppm fast
const BETA = 5_000_000; // and 5 ms ahead at A = 0
const A0 = 1_000_000_000_000n;
const toB = (a: bigint): bigint => BigInt(Math.round(ALPHA * Number(a - A0) + BETA)) + A0;

/** Deterministic delays 20–80 µs. */
function delay(k: number): bigint {
  return BigInt(20_000 + ((k * 7919) % 60_000));
}

function exchange(p: PairSync, n: number): { aToB: [bigint, bigint][]; bToA: [bigint, bigint][] } {
  const aToB: [bigint, bigint][] = [];
  const bToA: [bigint, bigint][] = [];
  for (let k = 0; k < n; k++) {
    const t = A0 + BigInt(k) * 10_000_000n; // every 10 ms of A time
    const sendA = t;
    const recvB = toB(t + delay(k));
    p.addRefToOther(sendA, recvB);
    aToB.push([sendA, recvB]);
    const sendB = toB(t + 3_000_000n);
    const recvA = t + 3_000_000n + delay(k + 1);
    p.addOtherToRef(sendB, recvA);
    bToA.push([sendB, recvA]);
  }
  return { aToB, bToA };
}

test('incomplete with packets in one direction only', () => {
  const p = new PairSync('A', 'B');
  p.addRefToOther(A0, toB(A0 + 50_000n));
  p.addRefToOther(A0 + 1_000_000n, toB(A0 + 1_050_000n));
  expect(p.quality).toBe('incomplete');
  expect(p.otherToRef()).toBeUndefined();
});

test('approximate with one packet each way: slope 1, offset in the middle of the feasible range', () => {
  const p = new PairSync('A', 'B');
  p.addRefToOther(100n, 150n); // B - A > 50 - ... : β < 50
  p.addOtherToRef(200n, 230n); // β > -30 (send on B at 200 before receive on A at 230)
  expect(p.quality).toBe('approximate');
  const t = p.otherToRef();
  expect(t?.slope).toBe(1);
  // β range (−30, 50) → 10: A = B − 10
  expect(apply(t!, 150n)).toBe(140n);
  expect(Number.isNaN(p.accuracy)).toBe(true);
});

test('accurate with many packets: bounds contain the true slope; every packet has a positive latency', () => {
  const p = new PairSync('A', 'B');
  const { aToB, bToA } = exchange(p, 200);
  expect(p.quality).toBe('accurate');
  expect(p.matches).toBe(400);
  expect(p.accuracy).toBeGreaterThan(0);
  // 60 µs of delay spread over 2 s of packets: a slope range of a few 1e-5
  expect(p.accuracy).toBeLessThan(1e-4);
  const t = p.otherToRef()!;
  expect(Math.abs(1 / t.slope - ALPHA)).toBeLessThan(p.accuracy);
  for (const [sA, rB] of aToB) expect(apply(t, rB) > sA).toBe(true);
  for (const [sB, rA] of bToA) expect(apply(t, sB) < rA).toBe(true);
  // the estimate maps B's clock to A's within the 20 µs minimum delay
  const probe = A0 + 1_000_000_000n;
  expect(Math.abs(Number(apply(t, toB(probe)) - probe))).toBeLessThan(20_000);
});

test('the reverse transform is the inverse', () => {
  const p = new PairSync('A', 'B');
  exchange(p, 50);
  const ab = p.refToOther()!;
  const ba = p.otherToRef()!;
  const x = A0 + 123_456_789n;
  expect(Number(apply(ba, apply(ab, x)) - x)).toBeLessThanOrEqual(1);
});

test('fail when packets contradict each other; the last good estimate is kept', () => {
  const p = new PairSync('A', 'B');
  exchange(p, 20);
  const before = p.otherToRef()!;
  p.addOtherToRef(toB(A0 + 50_000_000n), A0 + 50_000_000n - 1_000_000n); // arrives 1 ms before it was sent
  expect(p.quality).toBe('fail');
  expect(p.otherToRef()).toEqual(before);
});

test('points inside the hulls do not change the estimate', () => {
  const p = new PairSync('A', 'B');
  exchange(p, 30);
  const before = p.otherToRef();
  // a slow packet (large delay) lies well inside the A→B hull
  p.addRefToOther(A0 + 100_000_000n, toB(A0 + 100_000_000n + 5_000_000n));
  expect(p.otherToRef()).toEqual(before);
});
