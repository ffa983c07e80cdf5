/**
 * Linear clock transforms in anchored form: exact application, composition, inversion and the plain offset of
 * "slope × local + offset", checked against hand-computed values and exact rational arithmetic.
 */
import { apply, compose, invert, makeTransform, offsetNs } from '../../src/analysis/sync';

test('identity-slope transforms shift exactly, even on 1e18 ns timestamps', () => {
  const t = makeTransform(1, 1_361_214_092_775_785_329n, 1_361_214_092_856_347_528n);
  expect(apply(t, 1_361_214_092_775_785_329n)).toBe(1_361_214_092_856_347_528n);
  expect(apply(t, 1_361_214_099_000_000_000n)).toBe(1_361_214_099_000_000_000n + 80_562_199n);
  expect(offsetNs(t)).toBe(80_562_199n);
});

test('a slope applies to the distance from the anchor (no precision lost on the absolute time)', () => {
  const t = makeTransform(1.0001, 1_000_000_000_000_000_000n, 2_000_000_000_000_000_000n, 0.25);
  // 1e10 ns after the anchor: 2e18 + 0.25 + 1.0001e10 → rounds to 2e18 + 10001000000
  expect(apply(t, 1_000_000_010_000_000_000n)).toBe(2_000_000_010_001_000_000n);
  expect(apply(t, 1_000_000_000_000_000_000n)).toBe(2_000_000_000_000_000_000n);
});

test('offsetNs is exact: slope × anchor computed with bigint', () => {
  // slope 1.5 (exact in binary); offset = 3000 - 1.5 × 1000 = 1500
  expect(offsetNs(makeTransform(1.5, 1000n, 3000n))).toBe(1500n);
  // slope 1 + 2^-20, anchor 2^40: slope × anchor = 2^40 + 2^20 exactly
  const t = makeTransform(1 + 2 ** -20, 2n ** 40n, 0n);
  expect(offsetNs(t)).toBe(-(2n ** 40n + 2n ** 20n));
  // the formula, evaluated exactly (slope × 2^60 is an integer for a double in [0.5, 2)), reproduces apply()
  const u = makeTransform(0.99995, 1_361_214_092_000_000_000n, 1_361_214_000_000_000_000n, 0.4);
  const scaled = BigInt(0.99995 * 2 ** 60);
  for (const x of [1_361_214_092_000_000_000n, 1_361_214_100_123_456_789n, 1_361_215_000_000_000_017n]) {
    const exact = offsetNs(u) + (scaled * x) / 2n ** 60n;
    const diff = exact - apply(u, x);
    expect(diff >= -1n && diff <= 1n).toBe(true);
  }
});

test('compose and invert', () => {
  const a = makeTransform(2, 100n, 1000n); // y = 1000 + 2 (x - 100)
  const b = makeTransform(0.5, 0n, 10n); // z = 10 + 0.5 y
  const ab = compose(b, a); // z(x) = 10 + 0.5 (1000 + 2 (x - 100)) = 410 + x
  expect(apply(ab, 100n)).toBe(510n);
  expect(apply(ab, 300n)).toBe(710n);
  expect(ab.slope).toBe(1);
  const inv = invert(a);
  expect(apply(inv, 1000n)).toBe(100n);
  expect(apply(inv, 1400n)).toBe(300n);
  expect(apply(compose(inv, a), 12345n)).toBe(12345n);
});
