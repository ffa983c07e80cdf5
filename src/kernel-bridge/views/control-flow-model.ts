/**
 * The control-flow view's thread-state columns straight from the kernel model's derived rows (`derive.ts`
 * typed arrays), without building the `thread-states` Arrow table and reading it back: the same rows, in the same
 * order, as `threadStateColumns(analyze('thread-states', exp, window))` (a test checks both paths agree), at a
 * fraction of the cost (no per-row closure calls, no Arrow vectors).
 *
 * Scope: model rows -> `IThreadStateColumns`; rows and intervals of the view are `control-flow.ts`.
 */
import { kernelModel } from '../../analysis/kernel';
import { threadStateRows, THREAD_ROW_INTS } from '../../analysis/kernel/derive';
import type { Rows } from '../../analysis/kernel/derive';
import type { KernelModel } from '../../analysis/kernel/model';
import { THREAD_STATE_NAMES } from '../../analysis/kernel/state-values';
import { relBounds } from '../../analysis/kernel/tables';
import { AbsTimeColumn } from '../../analysis/kernel/time-base';
import type { Experiment } from '../../analysis/trace/types';
import type { IDictColumn, IThreadStateColumns } from './control-flow';
import { THREAD_LEGEND } from './legends';

/** Indices (into the model's rows) of the rows overlapping [lo, hi], as the table keeps them. */
function kept(rows: Rows, lo: number, hi: number): Int32Array {
  const keep = new Int32Array(rows.length);
  let n = 0;
  for (let k = 0; k < rows.length; k++) if (rows.end[k] > lo && rows.start[k] <= hi) keep[n++] = k;
  return keep.subarray(0, n);
}

/** `ids[keep[k]]` as codes into the strings actually used (first-seen order); `isNull(id)`: code -1. */
function dense(ids: Int32Array, keep: Int32Array, names: readonly string[], isNull: (id: number) => boolean) {
  const remap = new Map<number, number>();
  const out: IDictColumn = { codes: new Int32Array(keep.length), strings: [] };
  for (let k = 0; k < keep.length; k++) {
    const id = ids[keep[k]];
    if (isNull(id)) {
      out.codes[k] = -1;
      continue;
    }
    let c = remap.get(id);
    if (c === undefined) {
      c = out.strings.push(names[id] ?? String(id)) - 1;
      remap.set(id, c);
    }
    out.codes[k] = c;
  }
  return out;
}

/** Absolute int64 ns of the model offsets `rel[keep[k]]`. */
function absTimes(rel: Float64Array, keep: Int32Array, base: bigint): BigInt64Array {
  const col = new AbsTimeColumn(keep.length, base);
  for (let k = 0; k < keep.length; k++) col.set(k, rel[keep[k]]);
  return col.values;
}

/** Thread-state columns of `model` over the inclusive window [start, end] (whole model when absent). */
export function modelThreadStateColumns(
  model: KernelModel,
  w: { start?: bigint; end?: bigint }
): IThreadStateColumns {
  const [lo, hi] = relBounds(model, w);
  const rows = threadStateRows(model, { keepHost: () => true, lo, hi });
  const col = (name: (typeof THREAD_ROW_INTS)[number]): Int32Array =>
    rows.ints[THREAD_ROW_INTS.indexOf(name)];
  const keep = kept(rows, lo, hi);
  const pool = model.out.pool.strings;
  const tidCol = col('tid');
  const pidCol = col('pid');
  const stateCol = col('state');
  const legendOf = THREAD_STATE_NAMES.map(s =>
    Math.max(
      0,
      THREAD_LEGEND.findIndex(l => l.id === s)
    )
  );
  const tid = new Int32Array(keep.length);
  const pid = new Int32Array(keep.length);
  const state = new Uint8Array(keep.length);
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k];
    tid[k] = tidCol[i];
    pid[k] = pidCol[i] < 0 ? -1 : pidCol[i];
    state[k] = legendOf[stateCol[i]] ?? 0;
  }
  return {
    host: dense(
      col('host'),
      keep,
      model.hosts.map(h => h.name),
      () => false
    ),
    tid,
    pid,
    name: dense(col('name'), keep, pool, id => id === 0),
    start: absTimes(rows.start, keep, model.clock.base),
    end: absTimes(rows.end, keep, model.clock.base),
    state,
    syscall: dense(col('syscall'), keep, pool, id => id === 0)
  };
}

/** Thread-state columns of an experiment's kernel model (built once per experiment). */
export function experimentThreadStateColumns(
  exp: Experiment,
  w: { start?: bigint; end?: bigint }
): IThreadStateColumns {
  return modelThreadStateColumns(kernelModel(exp), w);
}
