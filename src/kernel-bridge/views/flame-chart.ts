/**
 * The flame-chart view's data: function calls of a `CallStacks` result as a time graph. One group row per thread
 * (`t:<host>:<tid>`, the control-flow thread id, so views of one experiment follow the same thread), with one
 * child row per call depth (depth 0 = outermost); each call is an interval on its depth row labelled with its
 * symbol. Colours come from a fixed palette of `FLAME_PALETTE.length` states a symbol hashes to, so the legend
 * stays bounded; the interval label carries the symbol itself.
 *
 * Scope: CallStacks -> rows + interval source + legend; display is `timegraph-view.ts`.
 */
import type { CallStacks } from '../../analysis/callstack';
import type { ThreadInfo } from '../../analysis/callstack';
import { selectRows } from '../../analysis/callstack/tables';
import type { ILegendEntry, ITimeGraphRowInput } from '../../protocol';
import type { IViewData } from './control-flow';
import { IntervalSource } from './interval-source';
import { threadRowId } from './row-ids';

/** Colours symbols hash to (distinct, readable under dark label text). */
export const FLAME_PALETTE: readonly string[] = [
  '#e6550d',
  '#fd8d3c',
  '#fdae6b',
  '#31a354',
  '#74c476',
  '#a1d99b',
  '#3182bd',
  '#6baed6',
  '#9ecae1',
  '#756bb1',
  '#9e9ac8',
  '#bcbddc',
  '#d6616b',
  '#e7ba52',
  '#8ca252',
  '#ce6dbd'
];

/** Symbols a legend entry lists by name (the most time-consuming ones) before "+N more". */
const LEGEND_NAMES = 3;

/** What a call without a symbol is shown as. */
export const UNKNOWN_SYMBOL = '[unknown]';

/** The palette index of a symbol (FNV-1a hash of its text). */
export function symbolColorIndex(symbol: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < symbol.length; i++) {
    h ^= symbol.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % FLAME_PALETTE.length;
}

/** Which calls a flame chart shows. */
export interface IFlameChartFilter {
  tid?: number;
  start?: bigint;
  end?: bigint;
}

/** Rows, intervals and legend of a flame chart. */
export interface IFlameChartData extends IViewData {
  legend: ILegendEntry[];
}

/** Thread group rows (sorted by host, pid, tid) and the index of each thread's depth-0 row. */
function threadRows(
  threads: readonly ThreadInfo[],
  maxDepth: Int32Array
): { rows: ITimeGraphRowInput[]; firstRow: Int32Array } {
  const used = threads.filter(t => maxDepth[t.index] >= 0);
  used.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : a.pid - b.pid || a.tid - b.tid));
  const multiHost = new Set(used.map(t => t.host)).size > 1;
  const rows: ITimeGraphRowInput[] = [];
  const firstRow = new Int32Array(threads.length).fill(-1);
  const ids = new Set<string>();
  for (const t of used) {
    let id = threadRowId(t.host, t.tid);
    if (ids.has(id)) id = `${id}:pid${t.pid}:${t.traceIndex}`;
    ids.add(id);
    const hostField = multiHost ? { host: t.host } : {};
    const pidField = t.pid >= 0 ? { pid: t.pid } : {};
    const label = `${t.comm || 'thread'} [${t.tid}]`;
    rows.push({ id, label, parentId: null, kind: 'thread', ...hostField, tid: t.tid, ...pidField });
    firstRow[t.index] = rows.length;
    for (let d = 0; d <= maxDepth[t.index]; d++) {
      rows.push({ id: `${id}/depth:${d}`, label: `depth ${d}`, parentId: id, kind: 'other', ...hostField });
    }
  }
  return { rows, firstRow };
}

/** Legend: one entry per palette colour, labelled with the symbols (by total time) that hash to it. */
function legendOf(symbolTime: Map<string, bigint>): ILegendEntry[] {
  const bySlot: { name: string; time: bigint }[][] = FLAME_PALETTE.map(() => []);
  for (const [name, time] of symbolTime) bySlot[symbolColorIndex(name)].push({ name, time });
  return FLAME_PALETTE.map((color, i) => {
    const names = bySlot[i].sort((a, b) => (a.time > b.time ? -1 : a.time < b.time ? 1 : 0)).map(s => s.name);
    const more = names.length > LEGEND_NAMES ? ` +${names.length - LEGEND_NAMES} more` : '';
    const label = names.length === 0 ? `(no symbol ${i})` : names.slice(0, LEGEND_NAMES).join(', ') + more;
    return { id: `SYMBOL_${i}`, label, color, active: true };
  });
}

/** Flame-chart rows, intervals and legend of the calls of `cs` matching `filter` (overlapping its window). */
export function flameChartData(cs: CallStacks, filter: IFlameChartFilter = {}): IFlameChartData {
  const fr = cs.frames;
  const picked = selectRows(cs, filter);
  const maxDepth = new Int32Array(cs.threads.length).fill(-1);
  for (const k of picked) if (fr.depth[k] > maxDepth[fr.thread[k]]) maxDepth[fr.thread[k]] = fr.depth[k];
  const { rows, firstRow } = threadRows(cs.threads, maxDepth);
  const strings = [...fr.strings];
  const unknown = strings.length;
  strings.push(UNKNOWN_SYMBOL);
  const stateOf = Uint8Array.from(strings, symbolColorIndex);
  const n = picked.length;
  const raw = {
    row: new Int32Array(n),
    start: new BigInt64Array(n),
    end: new BigInt64Array(n),
    state: new Uint8Array(n),
    label: new Int32Array(n),
    strings
  };
  const symbolTime = new Map<string, bigint>();
  for (let i = 0; i < n; i++) {
    const k = picked[i];
    const sym = fr.symbol[k] < 0 ? unknown : fr.symbol[k];
    raw.row[i] = firstRow[fr.thread[k]] + fr.depth[k];
    raw.start[i] = fr.start[k];
    raw.end[i] = fr.end[k];
    raw.state[i] = stateOf[sym];
    raw.label[i] = sym;
    symbolTime.set(strings[sym], (symbolTime.get(strings[sym]) ?? 0n) + (fr.end[k] - fr.start[k]));
  }
  const source = new IntervalSource(
    rows.map(r => r.id),
    raw
  );
  return { rows, source, legend: legendOf(symbolTime) };
}
