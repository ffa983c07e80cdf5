/**
 * The state-view time graph's data: a declarative state view's result (`src/analysis/stateview`) as rows,
 * intervals and legend. Rows come from the spec's first time-graph view (`timeGraphRows`, nested as the view
 * nests them) or, when the spec has none, one row per leaf attribute labelled with its path. States are the
 * distinct non-null values drawn: labels and colours from the view's legend when it maps the value, otherwise the
 * value itself and a fixed palette. Past `MAX_STATES - 1` distinct values, the rest share an "other" state and
 * each such interval is labelled with its value. Null intervals draw nothing.
 *
 * Scope: StateViewResult -> rows + interval source + legend; display is `timegraph-view.ts`.
 */
import type { StateViewResult, TimeGraphRow, TimeGraphViewSpec } from '../../analysis/stateview';
import { rowStates, timeGraphRows, valueString } from '../../analysis/stateview';
import type { ILegendEntry, ITimeGraphRowInput } from '../../protocol';
import type { IViewData } from './control-flow';
import { FLAME_PALETTE } from './flame-chart';
import { IntervalSource } from './interval-source';

/** Distinct states a view shows (the last one is "other" when there are more values). */
export const MAX_STATES = 64;

/** Colour of the "other" state. */
const OTHER_COLOR = '#999999';

/** Rows, intervals and legend of a state view. */
export interface IStateViewData extends IViewData {
  legend: ILegendEntry[];
}

/** Which intervals a state view shows: those overlapping [start, end] (inclusive). */
export interface IStateViewWindow {
  start?: bigint;
  end?: bigint;
}

/** Rows of a spec without a view section: every leaf attribute, in tree order, labelled with its path. */
function leafRows(result: StateViewResult): TimeGraphRow[] {
  const ss = result.ss;
  const rows: TimeGraphRow[] = [];
  const visit = (q: number): void => {
    const kids = ss.children(q);
    if (kids.length === 0 && q >= 0) {
      const path = ss.fullName(q);
      rows.push({ id: rows.length, parent: -1, label: path, path, quark: q, display: q, start: 0n, end: 0n });
    }
    for (const k of kids) visit(k);
  };
  visit(-1);
  return rows;
}

/** Protocol rows: ids `sv:<attribute path>` (made unique), grouping rows for views rows without states. */
function protocolRows(rows: readonly TimeGraphRow[]): ITimeGraphRowInput[] {
  const ids: string[] = [];
  const used = new Set<string>();
  const hasChildren = new Set(rows.map(r => r.parent));
  return rows.map(r => {
    let id = `sv:${r.path}`;
    for (let k = 2; used.has(id); k++) id = `sv:${r.path}#${k}`;
    used.add(id);
    ids[r.id] = id;
    const kind = r.display < 0 || hasChildren.has(r.id) ? 'group' : 'other';
    return { id, label: r.label, parentId: r.parent < 0 ? null : ids[r.parent], kind };
  });
}

/** Assigns state indices to values (first seen order), with legend entries. */
class StateTable {
  constructor(private readonly view: TimeGraphViewSpec | undefined) {}

  readonly legend: ILegendEntry[] = [];
  private readonly byValue = new Map<string, number>();
  private other = -1;

  /** The state of a value, or -1 when it falls into "other" (state `otherState`). */
  stateOf(value: string, label: string, color: string | undefined): number {
    const s = this.byValue.get(value);
    if (s !== undefined) return s;
    if (this.legend.length >= MAX_STATES - 1) return -1;
    const k = this.legend.length;
    this.byValue.set(value, k);
    const mapped = this.view?.legend?.find(l => String(l.value) === value);
    this.legend.push({
      id: `V_${k}`,
      label: mapped?.label ?? label,
      color: validColor(color) ?? FLAME_PALETTE[k % FLAME_PALETTE.length]
    });
    return k;
  }

  get otherState(): number {
    if (this.other < 0) {
      this.other = this.legend.length;
      this.legend.push({ id: 'OTHER', label: 'other values', color: OTHER_COLOR });
    }
    return this.other;
  }
}

function validColor(c: string | undefined): string | undefined {
  return c !== undefined && /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(c) ? c : undefined;
}

/** Time-graph rows, intervals and legend of a state view's result over a window. */
export function stateViewData(result: StateViewResult, w: IStateViewWindow = {}): IStateViewData {
  const view = result.spec.views?.[0];
  const ss = result.ss;
  const rows = view ? timeGraphRows(ss, view) : leafRows(result);
  const states = new StateTable(view);
  const row: number[] = [];
  const start: bigint[] = [];
  const end: bigint[] = [];
  const state: number[] = [];
  const label: number[] = [];
  const strings: string[] = [];
  for (const r of rows) {
    for (const st of rowStates(ss, r, view, w.start, w.end)) {
      if (st.value === null) continue;
      const value = valueString(st.value);
      let s = states.stateOf(value, st.label, st.color);
      let l = -1;
      if (s < 0) {
        s = states.otherState;
        l = strings.push(value) - 1;
      }
      row.push(r.id);
      start.push(st.start);
      end.push(st.end);
      state.push(s);
      label.push(l);
    }
  }
  const protoRows = protocolRows(rows);
  const raw = {
    row: Int32Array.from(row),
    start: BigInt64Array.from(start),
    end: BigInt64Array.from(end),
    state: Uint8Array.from(state),
    ...(strings.length > 0 ? { label: Int32Array.from(label), strings } : {})
  };
  const source = new IntervalSource(
    protoRows.map(r => r.id),
    raw
  );
  return { rows: protoRows, source, legend: states.legend };
}
