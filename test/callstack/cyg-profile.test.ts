/**
 * Call stacks of `tracecompass/cyg-profile/glxgears-cyg-profile{,-fast}` with `cyg-profile-mapping.txt`.
 *
 * The expected stacks below were read by hand from the raw events (`babeltrace2 --clock-seconds`): e.g. around
 * 1378850468.0230 s thread 16073 does
 *   .022995872 func_entry 0x403760 (draw_frame)   .022997778 func_entry 0x401AAC (current_time)
 *   .022999809 func_exit  0x401AAC                .023001469 func_entry 0x40357A (draw_gears)
 *   .023002819 func_entry 0x4033A7 (draw)          .023191143 func_exit  0x4033A7
 *   .023194816 func_exit  0x40357A                .039409067 func_exit  0x403760
 * inside main (0x40472B, entered by the first event at .596911581 s, never left) and event_loop (0x4045C8, entered
 * at 1378850463.804884622, never left); names from the nm mapping (`000000000040472b T main`, ...).
 */
import * as path from 'node:path';
import { callStacks, callStackTable, flameGraph } from '../../src/analysis/callstack';
import type { CallStacks } from '../../src/analysis/callstack';
import { openExperiment } from '../../src/analysis/trace/open';
import { parseNmMapping } from '../../src/analysis/symbols';
import * as fs from 'node:fs';
import { tracePath } from '../helpers/traces';

const DIR = tracePath('tracecompass/cyg-profile');
const MAPPING = path.join(DIR, 'cyg-profile-mapping.txt');

function load(name: string): CallStacks {
  const exp = openExperiment([path.join(DIR, name)]);
  try {
    return callStacks(exp, { symbols: { symbolFiles: [MAPPING] } });
  } finally {
    exp.close();
  }
}

const S = 1378850463000000000n;
/** `5.023100000` → 1378850468.023100000 s in ns. */
const t = (secs: string): bigint => {
  const [a, b] = secs.split('.');
  return S + BigInt(a) * 1000000000n + BigInt(b.padEnd(9, '0'));
};

describe('glxgears-cyg-profile with the nm mapping', () => {
  const cs = load('glxgears-cyg-profile');

  test('one thread, glxgears-16073; one frame per func_entry (2,490), three still open at the end', () => {
    expect(cs.threads.map(x => [x.tid, x.comm])).toEqual([[16073, 'glxgears']]);
    expect(cs.length).toBe(2490);
    expect(cs.anomalies).toBe(0);
    const open = cs.list(f => !f.endKnown).map(f => f.symbol);
    expect(open).toEqual(['main', 'event_loop', 'draw_frame']);
    expect(cs.list(f => !f.startKnown)).toEqual([]);
  });

  test('the stack inside draw at 1378850468.023100000', () => {
    const st = cs.stackAt(16073, t('5.0231'));
    expect(st.map(f => [f.depth, f.symbol])).toEqual([
      [0, 'main'],
      [1, 'event_loop'],
      [2, 'draw_frame'],
      [3, 'draw_gears'],
      [4, 'draw']
    ]);
    expect(st.map(f => f.start)).toEqual([
      t('0.596911581'),
      t('0.804884622'),
      t('5.022995872'),
      t('5.023001469'),
      t('5.023002819')
    ]);
    expect(st[4].end).toBe(t('5.023191143'));
    expect(st[3].end).toBe(t('5.023194816'));
    expect(st[2].end).toBe(t('5.039409067'));
    expect(st[4].address).toBe(0x4033a7n);
  });

  test('between draw_gears and the next frame (1378850468.030) only draw_frame is left above event_loop', () => {
    expect(cs.stackAt(16073, t('5.03')).map(f => f.symbol)).toEqual(['main', 'event_loop', 'draw_frame']);
  });

  test('an exit instant belongs to the caller only (intervals are half-open)', () => {
    expect(cs.stackAt(16073, t('5.023191143')).map(f => f.symbol)).toEqual([
      'main',
      'event_loop',
      'draw_frame',
      'draw_gears'
    ]);
  });

  test('during start-up: main > query_vsync > is_glx_extension_supported at 1378850463.713670000', () => {
    const st = cs.stackAt(16073, t('0.71367'));
    expect(st.map(f => f.symbol)).toEqual(['main', 'query_vsync', 'is_glx_extension_supported']);
    expect(st[2].start).toBe(t('0.713661983'));
    expect(st[2].end).toBe(t('0.713675131'));
  });

  test('the Arrow table has the documented columns and one row per frame', () => {
    const tab = callStackTable(cs);
    expect(tab.schema.fields.map(f => f.name)).toEqual([
      'host',
      'pid',
      'tid',
      'thread',
      'depth',
      'start',
      'end',
      'address',
      'symbol',
      'start_known',
      'end_known'
    ]);
    expect(tab.numRows).toBe(2490);
    const row = tab.get(0)!.toJSON();
    expect(row).toMatchObject({
      host: 'loki',
      tid: 16073,
      thread: 'glxgears-16073',
      depth: 0,
      symbol: 'main'
    });
    expect(row.address).toBe(0x40472bn);
  });

  test('flame graph over [1378850468.0230, 1378850468.0231]: times clipped to the range', () => {
    const fg = flameGraph(cs, { start: t('5.023'), end: t('5.0231') });
    const node = (...p: string[]): [bigint, bigint, number] => {
      const n = fg.find(p)!;
      return [n.total, n.self, n.calls];
    };
    expect(node('main', 'event_loop', 'draw_frame')).toEqual([100000n, 1469n, 1]);
    expect(node('main', 'event_loop', 'draw_frame', 'draw_gears')).toEqual([
      t('5.0231') - t('5.023001469'),
      t('5.023002819') - t('5.023001469'),
      1
    ]);
    expect(node('main', 'event_loop', 'draw_frame', 'draw_gears', 'draw')).toEqual([
      t('5.0231') - t('5.023002819'),
      t('5.0231') - t('5.023002819'),
      1
    ]);
    expect(fg.find(['main', 'event_loop', 'draw_frame', 'current_time'])).toBeUndefined();
    expect(fg.folded()).toContain('main;event_loop;draw_frame 1469');
  });

  test('whole-trace flame graph: call counts match the func_entry events of each address', () => {
    const exp = openExperiment([path.join(DIR, 'glxgears-cyg-profile')]);
    const entries = new Map<bigint, number>();
    const cls = exp.eventClasses.find(c => c.name === 'lttng_ust_cyg_profile:func_entry')!;
    for (const b of exp.batches({ classIds: new Set([cls.id]) })) {
      for (let i = 0; i < b.length; i++) {
        const a = b.bigint(i, cls.fieldIndex('addr'))!;
        entries.set(a, (entries.get(a) ?? 0) + 1);
      }
    }
    exp.close();
    const fg = flameGraph(cs);
    const calls = new Map<string, number>();
    for (const n of fg.nodes) calls.set(n.symbol, (calls.get(n.symbol) ?? 0) + n.calls);
    const names = parseNmMapping(fs.readFileSync(MAPPING, 'utf8'));
    for (const [a, n] of entries) {
      const name = names.lookup(a)!.name;
      expect([name, calls.get(name)]).toEqual([name, n]);
    }
    expect(fg.roots().map(r => r.symbol)).toEqual(['main']);
    expect(fg.roots()[0].total).toBe(cs.end - t('0.596911581'));
  });
});

describe('glxgears-cyg-profile-fast (func_exit without address)', () => {
  const slow = load('glxgears-cyg-profile');
  const fast = load('glxgears-cyg-profile-fast');

  // The recordings differ in when the user's input events (handle_event) interleave with the drawing loop: the
  // first 24 calls (start-up and the first draw_frame iterations) and the set of call paths are the same.
  test('same call paths as the regular variant, and the same start-up sequence', () => {
    const paths = (cs: CallStacks): string[] => {
      const fg = flameGraph(cs);
      return fg.nodes.map(n => fg.path(n.id)).sort();
    };
    expect(paths(fast)).toEqual(paths(slow));
    const seq = (cs: CallStacks): string[] =>
      cs
        .list()
        .slice(0, 24)
        .map(f => `${f.depth}:${f.symbol}`);
    expect(seq(fast)).toEqual(seq(slow));
  });

  test('thread glxgears-29822 at 1379361250.431375000: main > query_vsync > is_glx_extension_supported', () => {
    expect(fast.threads.map(x => x.tid)).toEqual([29822]);
    expect(fast.length).toBe(2582);
    const st = fast.stackAt(29822, 1379361250431375000n);
    expect(st.map(f => f.symbol)).toEqual(['main', 'query_vsync', 'is_glx_extension_supported']);
    expect(st[2].start).toBe(1379361250431371639n);
    expect(st[2].end).toBe(1379361250431382381n);
  });
});
