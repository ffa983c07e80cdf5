/**
 * Several hosts: per-pair estimates composed along a spanning tree, from synthetic packet logs with known clocks
 * (B = A + 2 ms at 10 ppm; C = B − 7 ms at −30 ppm; A and C never talk; D talks to nobody).
 */
import { apply, matchLog, PacketLog, syncFromMatches, syncTable } from '../../src/analysis/sync';

const T0 = 5_000_000_000_000n;
const clocks: Record<string, (a: bigint) => bigint> = {
  A: a => a,
  B: a => BigInt(Math.round(Number(a - T0) * 1.00001)) + T0 + 2_000_000n,
  C: a => BigInt(Math.round(Number(a - T0) * 1.00001 * 0.99997)) + T0 + 2_000_000n - 7_000_000n
};

function exchange(log: PacketLog, x: string, y: string, n: number): void {
  const hx = log.hostIndex(x);
  const hy = log.hostIndex(y);
  for (let k = 0; k < n; k++) {
    const t = T0 + BigInt(k) * 20_000_000n;
    const d = BigInt(30_000 + ((k * 104729) % 50_000));
    const key = (dir: string) => ({
      key: `${x}${y}${dir}${k}`,
      seq: k,
      ack: 0,
      flags: 0,
      sameHostOnly: false
    });
    log.add(0, hx, clocks[x](t), key('>'));
    log.add(1, hy, clocks[y](t + d), key('>'));
    log.add(0, hy, clocks[y](t + 5_000_000n), key('<'));
    log.add(1, hx, clocks[x](t + 5_000_000n + d), key('<'));
  }
}

test('C is synchronised to A through B; D stays alone', () => {
  const log = new PacketLog();
  exchange(log, 'A', 'B', 100);
  exchange(log, 'B', 'C', 100);
  const sr = syncFromMatches(['C', 'B', 'A', 'D'], log, matchLog(log));
  const byHost = Object.fromEntries(sr.hosts.map(h => [h.host, h]));
  expect(sr.reference).toBe('A');
  expect(byHost.A.quality).toBe('reference');
  expect([byHost.B.parent, byHost.B.quality, byHost.B.matches]).toEqual(['A', 'accurate', 200]);
  expect([byHost.C.parent, byHost.C.reference, byHost.C.quality]).toEqual(['B', 'A', 'accurate']);
  expect([byHost.D.reference, byHost.D.quality]).toEqual(['D', 'incomplete']);
  for (const h of ['B', 'C']) {
    const probe = T0 + 1_000_000_000n;
    expect(Math.abs(Number(apply(byHost[h].transform, clocks[h](probe)) - probe))).toBeLessThan(60_000);
  }
  expect(byHost.C.accuracy).toBeCloseTo(
    byHost.B.accuracy + sr.pairs.find(p => p.other === 'C')!.accuracy,
    12
  );
  const t = syncTable(sr);
  expect(t.schema.fields.map(f => f.name)).toEqual([
    'host',
    'reference',
    'parent',
    'slope',
    'offset',
    'quality',
    'accuracy',
    'matches'
  ]);
  expect(t.numRows).toBe(4);
});
