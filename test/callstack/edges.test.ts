/**
 * Tolerance of the stack machine at the trace edges and to lost events, on synthetic cyg-profile events (read
 * through the XML stub reader): exits without entries before the first entry (calls already running when tracing
 * began), an exit whose inner calls lost their exits, an exit whose entry was lost, and calls still running at the
 * end. Expected frames are worked out by hand in the comments.
 */
import { callStacks, callStackTable, flameGraph } from '../../src/analysis/callstack';
import type { Frame } from '../../src/analysis/callstack';
import { SymbolTable } from '../../src/analysis/symbols';
import { stubExperiment } from './stub-events';
import type { StubEvent } from './stub-events';

const ENTRY = 'lttng_ust_cyg_profile:func_entry';
const EXIT = 'lttng_ust_cyg_profile:func_exit';
const FAST_ENTRY = 'lttng_ust_cyg_profile_fast:func_entry';
const FAST_EXIT = 'lttng_ust_cyg_profile_fast:func_exit';

/** Thread 1's story; thread 2 (listed first: it appears first) only frames the range: [5, 100]. */
function events(fast: boolean): StubEvent[] {
  const en = fast ? FAST_ENTRY : ENTRY;
  const ex = (addr: number): [string, Record<string, number>] =>
    fast ? [FAST_EXIT, { vtid: 1 }] : [EXIT, { vtid: 1, addr, call_site: 0 }];
  const e = (ts: number, addr: number, tid = 1): StubEvent => [ts, en, { vtid: tid, addr, call_site: 0 }];
  const x = (ts: number, addr: number): StubEvent => [ts, ...ex(addr)];
  return [
    e(5, 0x700, 2), // thread 2: runs to the end
    x(10, 0x100), // 0x100 was running when tracing began: [5, 10], start unknown
    e(20, 0x200),
    e(30, 0x300),
    x(40, 0x200), // 0x300 lost its exit: ends at 40, end unknown; 0x200 is [20, 40]
    x(50, 0x999), // 0x999 was running since the start and encloses all the above: [5, 50]
    e(60, 0x400),
    x(65, 0x555), // entry lost: ignored (non-fast) / closes 0x400 (fast)
    [100, ENTRY, { vtid: 2, addr: 0x701, call_site: 0 }]
  ];
}

const brief = (f: Frame): string =>
  `${f.thread.tid}:${f.depth}:${f.symbol}:${f.start}-${f.end}${f.startKnown ? '' : '?s'}${f.endKnown ? '' : '?e'}`;

describe('edges and lost events', () => {
  test('addressed exits: depths corrected for calls running before the trace, lost exits and entries', () => {
    const cs = callStacks(stubExperiment(events(false)));
    expect(cs.list().map(brief)).toEqual([
      '2:0:0x700:5-100?e',
      '2:1:0x701:100-100?e',
      '1:0:0x999:5-50?s',
      '1:1:0x100:5-10?s',
      '1:1:0x200:20-40',
      '1:2:0x300:30-40?e',
      '1:0:0x400:60-100?e'
    ]);
    expect(cs.anomalies).toBe(1);
    expect(cs.stackAt(1, 35n).map(f => f.symbol)).toEqual(['0x999', '0x200', '0x300']);
    expect(cs.stackAt(1, 55n)).toEqual([]);
  });

  test('fast exits (no address) close the innermost call', () => {
    const cs = callStacks(stubExperiment(events(true)));
    // Without addresses: exit@40 closes 0x300 (not 0x200), exit@50 closes 0x200, exit@65 closes 0x400.
    expect(cs.list().map(brief)).toEqual([
      '2:0:0x700:5-100?e',
      '2:1:0x701:100-100?e',
      '1:0:undefined:5-10?s',
      '1:0:0x200:20-50',
      '1:1:0x300:30-40',
      '1:0:0x400:60-65'
    ]);
  });

  test('symbols from a table, one thread only, and a per-thread flame graph', () => {
    const table = new SymbolTable([
      { name: 'outer', addr: 0x999n, size: 0x10n },
      { name: 'f200', addr: 0x200n, size: 0x10n },
      { name: 'f300', addr: 0x300n, size: 0n }
    ]);
    const cs = callStacks(stubExperiment(events(false)), { symbols: { symbolTables: [table] }, tid: 1 });
    expect(cs.threads.map(t => t.tid)).toEqual([1]);
    expect(cs.list().map(f => f.symbol)).toEqual(['outer', '0x100', 'f200', 'f300', 'f300+0x100']);
    const fg = flameGraph(cs, { groupBy: 'thread' });
    expect(fg.find(['1', 'outer', 'f200'])?.total).toBe(20n);
    expect(fg.find(['1', 'outer', 'f200', 'f300'])?.total).toBe(10n);
    expect(fg.find(['1', 'outer'])?.self).toBe(45n - 20n - 5n);
    expect(fg.find(['1'])?.total).toBe(45n + 40n);
    const tab = callStackTable(cs, { start: 35n, end: 45n });
    expect(tab.toArray().map(r => r.symbol)).toEqual(['outer', 'f200', 'f300']);
  });
});
