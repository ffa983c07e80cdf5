/**
 * The view section of a spec applied to a finished state system: time-graph rows (entries matched by relative
 * paths with `*` wildcards, nested, each drawing one attribute's intervals, with legend labels and colours) and XY
 * series (one per matched attribute, sampled at given times, absolute or delta).
 *
 * Scope: data for renderers and tests (the renderer payloads are built elsewhere). Row time bounds follow Trace
 * Compass: from the first to the end of the last non-null interval of the drawn attribute, or the whole analysis.
 */
import { ROOT } from './state-system';
import type { StateSystem } from './state-system';
import type { LegendEntry, RowSpec, TimeGraphViewSpec, XyViewSpec } from './spec-types';
import { toNumber, valueString } from './values';
import type { Value } from './values';

export interface TimeGraphRow {
  id: number;
  /** Parent row id, or -1. */
  parent: number;
  label: string;
  /** Attribute path of the row (joined with `/`). */
  path: string;
  quark: number;
  /** Attribute drawn in the row, or -1 (a grouping row without states). */
  display: number;
  start: bigint;
  end: bigint;
}

export interface RowState {
  start: bigint;
  end: bigint;
  value: Value;
  label: string;
  color?: string;
}

/** Attributes matching a relative path (`*` = every child) under `base`, without creating any. */
export function matchAttributes(
  ss: StateSystem,
  base: number,
  path: string
): { quark: number; stars: string[] }[] {
  let cur = [{ quark: base, stars: [] as string[] }];
  for (const part of path.split('/').filter(p => p !== '' && p !== '.')) {
    const next: typeof cur = [];
    for (const c of cur) {
      if (part === '*') {
        for (const k of ss.children(c.quark)) next.push({ quark: k, stars: [...c.stars, ss.name(k)] });
      } else {
        const k = ss.find(c.quark, part);
        if (k >= 0) next.push({ quark: k, stars: c.stars });
      }
    }
    cur = next;
  }
  return cur;
}

function relative(ss: StateSystem, q: number, path: string): number {
  const m = matchAttributes(ss, q, path);
  return m.length > 0 ? m[0].quark : -1;
}

/** Last non-null value of an attribute, as a string. */
function lastNonNull(ss: StateSystem, q: number): string | undefined {
  const iv = ss.intervals(q);
  for (let k = iv.length - 1; k >= 0; k--) if (iv[k].value !== null) return valueString(iv[k].value);
  return undefined;
}

function bounds(ss: StateSystem, q: number): [bigint, bigint] {
  const all: [bigint, bigint] = [ss.start ?? 0n, ss.end ?? 0n];
  if (q < 0) return all;
  const iv = ss.intervals(q).filter(i => i.value !== null);
  return iv.length === 0 ? all : [iv[0].start, iv[iv.length - 1].end];
}

function rowLabel(ss: StateSystem, spec: RowSpec, q: number, stars: string[]): string {
  if (spec.nameFrom !== undefined) {
    const src = relative(ss, q, spec.nameFrom);
    const v = src >= 0 ? lastNonNull(ss, src) : undefined;
    if (v !== undefined) return v;
  }
  if (spec.label === undefined) return ss.name(q);
  return spec.label.replace(/\{(\w+)\}/g, (m, k: string) =>
    k === 'name' ? ss.name(q) : /^\d+$/.test(k) ? (stars[Number(k) - 1] ?? m) : m
  );
}

/** Rows of a time-graph view, parents before children, in attribute creation order. */
export function timeGraphRows(ss: StateSystem, view: TimeGraphViewSpec): TimeGraphRow[] {
  const rows: TimeGraphRow[] = [];
  const add = (specs: readonly RowSpec[], base: number, parent: number, inherited: string[]): void => {
    for (const spec of specs) {
      for (const { quark, stars } of matchAttributes(ss, base, spec.path)) {
        const display = spec.display === null ? -1 : relative(ss, quark, spec.display ?? '.');
        const [start, end] = bounds(ss, display);
        const all = [...inherited, ...stars];
        const row: TimeGraphRow = {
          id: rows.length,
          parent,
          label: rowLabel(ss, spec, quark, all),
          path: ss.fullName(quark),
          quark,
          display,
          start,
          end
        };
        rows.push(row);
        if (spec.children) add(spec.children, quark, row.id, all);
      }
    }
  };
  add(view.rows, ROOT, -1, []);
  return rows;
}

function legendOf(view: TimeGraphViewSpec | undefined, v: Value): LegendEntry | undefined {
  if (v === null || view?.legend === undefined) return undefined;
  const s = valueString(v);
  return view.legend.find(l => String(l.value) === s);
}

/** The states of a row in [from, to] (its whole range by default); null intervals included. */
export function rowStates(
  ss: StateSystem,
  row: TimeGraphRow,
  view?: TimeGraphViewSpec,
  from?: bigint,
  to?: bigint
): RowState[] {
  if (row.display < 0) return [];
  return ss.intervals(row.display, from, to).map(i => {
    const l = legendOf(view, i.value);
    const st: RowState = {
      start: i.start,
      end: i.end,
      value: i.value,
      label: l?.label ?? (i.value === null ? '' : valueString(i.value))
    };
    if (l?.color !== undefined) st.color = l.color;
    return st;
  });
}

/** `n` evenly spaced times from `start` to `end` (both included). */
export function sampleTimes(start: bigint, end: bigint, n: number): bigint[] {
  if (n <= 1) return [start];
  const span = end - start;
  return Array.from({ length: n }, (_, k) => start + (span * BigInt(k)) / BigInt(n - 1));
}

export interface XySeries {
  name: string;
  path: string;
  quark: number;
  values: Float64Array;
}

/** One series per attribute matching the view's path, sampled at `times` (null → 0). */
export function xySeries(ss: StateSystem, view: XyViewSpec, times: readonly bigint[]): XySeries[] {
  return matchAttributes(ss, ROOT, view.path).map(({ quark }) => {
    const display = relative(ss, quark, view.display ?? '.');
    const values = new Float64Array(times.length);
    times.forEach((t, k) => {
      const n = display < 0 ? 0 : toNumber(ss.valueAt(display, t));
      values[k] = Number.isNaN(n) ? 0 : n;
    });
    if (view.delta) {
      for (let k = values.length - 1; k > 0; k--) values[k] -= values[k - 1];
      if (values.length > 0) values[0] = 0;
    }
    const src = view.nameFrom !== undefined ? relative(ss, quark, view.nameFrom) : -1;
    const name = (src >= 0 ? lastNonNull(ss, src) : undefined) ?? ss.name(quark);
    return { name, path: ss.fullName(quark), quark, values };
  });
}
