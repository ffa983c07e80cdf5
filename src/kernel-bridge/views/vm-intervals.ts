/**
 * Interval lists of the VM views (objects with bigint times and a text label) turned into the views' interval
 * source, labels interned into one string table.
 *
 * Scope: list → `IntervalSource`, and a VM view's data (its rows and that source).
 */
import type { ITimeGraphRowInput } from '../../protocol';
import type { IViewData } from './control-flow';
import { IntervalSource } from './interval-source';

/** One interval of a VM view; `row` indexes the view's row list. */
export interface IVmInterval {
  row: number;
  start: bigint;
  end: bigint;
  state: number;
  label?: string;
}

/** The interval source of `list` over rows `rowIds` (empty intervals dropped). */
export function vmIntervalSource(rowIds: readonly string[], list: readonly IVmInterval[]): IntervalSource {
  const kept = list.filter(i => i.end > i.start);
  const strings: string[] = [];
  const index = new Map<string, number>();
  const label = Int32Array.from(kept, i => {
    if (i.label === undefined || i.label === '') return -1;
    let k = index.get(i.label);
    if (k === undefined) {
      k = strings.push(i.label) - 1;
      index.set(i.label, k);
    }
    return k;
  });
  return new IntervalSource(rowIds, {
    row: Int32Array.from(kept, i => i.row),
    start: BigInt64Array.from(kept, i => i.start),
    end: BigInt64Array.from(kept, i => i.end),
    state: Uint8Array.from(kept, i => i.state),
    label,
    strings
  });
}

/** Clips [start, end) to the window; undefined when nothing is left. */
export function clipTo(i: IVmInterval, w: { start?: bigint; end?: bigint }): IVmInterval | undefined {
  const start = w.start !== undefined && i.start < w.start ? w.start : i.start;
  const end = w.end !== undefined && i.end > w.end ? w.end : i.end;
  return end > start ? { ...i, start, end } : undefined;
}

/** A VM view's data: its rows and the interval source of `list` over them. */
export function vmViewData(rows: ITimeGraphRowInput[], list: readonly IVmInterval[]): IViewData {
  return {
    rows,
    source: vmIntervalSource(
      rows.map(r => r.id),
      list
    )
  };
}
