/**
 * Packet matching and synchronisation on traces: the Trace Compass stub network experiments (msgid) and the real
 * `synctraces` pair (scp from VM1 to VM3, lttng-modules 2.1 `inet_sock_local_out/in`: 49 + 51 TCP events, 46
 * pairs — the 4 others belong to connections with hosts that were not traced).
 */
import * as path from 'node:path';
import { openExperiment } from '../../src/analysis/trace/open';
import { apply, matchPackets, packetsTable, synchronize, syncTable } from '../../src/analysis/sync';

const TRACES = path.join(process.cwd(), '..', 'shared', 'traces');
const STUBS = path.join(TRACES, 'tracecompass-stubs', 'lttng2.kernel.core.tests', 'graph');

test('stub experiment: 2 msgid pairs, approximate, identity', () => {
  const exp = openExperiment([
    path.join(STUBS, 'network_exchange_eth.xml'),
    path.join(STUBS, 'network_exchange_wifi.xml')
  ]);
  const rows = packetsTable(matchPackets(exp))
    .toArray()
    .map(r => r.toJSON());
  expect(rows).toEqual([
    {
      send_host: 'network_exchange_wifi.xml',
      send_ts: 13n,
      recv_host: 'network_exchange_eth.xml',
      recv_ts: 33n,
      seq: 1n,
      ack: null,
      flags: null,
      loopback: false
    },
    {
      send_host: 'network_exchange_eth.xml',
      send_ts: 45n,
      recv_host: 'network_exchange_wifi.xml',
      recv_ts: 65n,
      seq: 2n,
      ack: null,
      flags: null,
      loopback: false
    }
  ]);
  const sync = syncTable(synchronize(exp))
    .toArray()
    .map(r => r.toJSON());
  expect(sync.map(r => [r.host, r.reference, r.quality, r.slope, r.offset])).toEqual([
    ['network_exchange_eth.xml', 'network_exchange_eth.xml', 'reference', 1, 0n],
    ['network_exchange_wifi.xml', 'network_exchange_eth.xml', 'approximate', 1, 0n]
  ]);
});

describe('synctraces (scp_src on VM1, scp_dest on VM3)', () => {
  const exp = openExperiment([
    path.join(TRACES, 'tracecompass/synctraces/scp_src'),
    path.join(TRACES, 'tracecompass/synctraces/scp_dest')
  ]);
  const pm = matchPackets(exp);
  const sr = synchronize(exp);

  test('100 TCP events, 46 matched pairs in both directions', () => {
    expect(pm.log.length).toBe(100);
    expect(pm.matches.send.length).toBe(46);
    const rows = packetsTable(pm)
      .toArray()
      .map(r => r.toJSON());
    const dirs = new Set(rows.map(r => `${r.send_host}>${r.recv_host}`));
    expect(dirs).toEqual(new Set(['VM1>VM3', 'VM3>VM1']));
    expect(rows[0]).toMatchObject({
      send_host: 'VM1',
      recv_host: 'VM3',
      seq: 2769203724n,
      ack: 0n,
      flags: 16394n
    });
  });

  test('VM3 synchronised to VM1 with quality accurate; every packet arrives after it left', () => {
    const vm3 = sr.hosts.find(h => h.host === 'VM3')!;
    expect([sr.reference, vm3.quality, vm3.matches]).toEqual(['VM1', 'accurate', 46]);
    expect(Math.abs(vm3.transform.slope - 1)).toBeLessThan(1e-3);
    expect(vm3.accuracy).toBeGreaterThan(0);
    const { log, matches } = pm;
    for (let k = 0; k < matches.send.length; k++) {
      const s = matches.send[k];
      const r = matches.recv[k];
      const sent = sr.toSynced(log.hosts[log.host.buf[s]], log.ts.buf[s]);
      const recv = sr.toSynced(log.hosts[log.host.buf[r]], log.ts.buf[r]);
      expect(recv > sent).toBe(true);
    }
    // VM3's clock runs about 80 ms behind VM1's
    const t = sr.transformOf('VM3');
    const d = Number(apply(t, 1361214092775785329n) - 1361214092775785329n);
    expect(d).toBeGreaterThan(70e6);
    expect(d).toBeLessThan(90e6);
  });
});
