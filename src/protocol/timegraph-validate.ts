/**
 * Runtime validation of time-graph payloads (`timegraph.ts`) and of their parts, reused by the critical-path
 * and comm validators.
 *
 * Scope: pure checks of untrusted JSON. Every index is range-checked, every offset is an exact integer inside
 * the payload's range, every colour is `#rgb`/`#rrggbb`, and interval order (by row, then start, no overlap in a
 * row) is verified in one O(n) pass so renderers can binary-search without sorting.
 */
import { MAX_OFFSET_NS, parseNs } from './ns';
import { decodeRowColumns } from './row-columns';
import { ROW_KINDS, TIMEGRAPH_VERSION } from './timegraph';
import type { ITimeGraphPayload } from './timegraph';
import {
  checkIntColumn,
  checkOptionalInt,
  checkString,
  checkStringArray,
  isHexColor,
  isRecord,
  Issues,
  MAX_ID_LENGTH
} from './validate-util';
import type { ValidationResult } from './validate-util';

/** Upper bounds that keep a hostile payload from exhausting memory in the renderer. */
export const LIMITS = { rows: 2_000_000, intervals: 50_000_000, legend: 4096, strings: 1_000_000 } as const;

/** A validated range, as bigints, with its length as an exact number. */
export interface IValidRange {
  start: bigint;
  end: bigint;
  length: number;
}

/** Checks `{start, end}` decimal ns strings with 0 < end - start <= 2^53 - 1. */
export function validateRange(x: unknown, path: string, issues: Issues): IValidRange | null {
  if (!isRecord(x)) {
    issues.add(path, 'expected {start, end}');
    return null;
  }
  const start = parseNs(x.start);
  const end = parseNs(x.end);
  if (start === null || end === null) {
    issues.add(path, 'start and end must be decimal integer strings of ns');
    return null;
  }
  if (end <= start || end - start > BigInt(MAX_OFFSET_NS)) {
    issues.add(path, 'need start < end and end - start <= 2^53 - 1 ns');
    return null;
  }
  return { start, end, length: Number(end - start) };
}

/** Checks the row list (parents before children). Returns the row count or -1. */
export function validateRows(x: unknown, path: string, issues: Issues): number {
  if (!Array.isArray(x) || x.length > LIMITS.rows) {
    issues.add(path, 'expected an array of rows');
    return -1;
  }
  const ids = new Set<string>();
  for (let i = 0; i < x.length; i++) {
    const r: unknown = x[i];
    const p = `${path}[${i}]`;
    if (!isRecord(r)) {
      issues.add(p, 'expected a row object');
      return -1;
    }
    const okText =
      checkString(r, 'id', p, issues, { max: MAX_ID_LENGTH, nonEmpty: true }) &&
      checkString(r, 'label', p, issues) &&
      checkString(r, 'host', p, issues, { optional: true });
    if (!okText) return -1;
    if (ids.has(r.id as string)) {
      issues.add(`${p}.id`, 'duplicate row id');
      return -1;
    }
    ids.add(r.id as string);
    if (typeof r.parent !== 'number' || !Number.isInteger(r.parent) || r.parent < -1 || r.parent >= i) {
      issues.add(`${p}.parent`, 'expected -1 or the index of an earlier row');
      return -1;
    }
    if (!ROW_KINDS.includes(r.kind as never)) {
      issues.add(`${p}.kind`, `expected one of ${ROW_KINDS.join(', ')}`);
      return -1;
    }
    const okNums =
      checkOptionalInt(r, 'tid', p, issues, -1, 2 ** 31) &&
      checkOptionalInt(r, 'pid', p, issues, -1, 2 ** 31) &&
      checkOptionalInt(r, 'cpu', p, issues, 0, 1 << 20);
    if (!okNums) return -1;
  }
  return x.length;
}

/** Checks a legend or arrow-kind list: `{id, label, color, active?}`. Returns its length or -1. */
export function validateLegend(x: unknown, path: string, issues: Issues): number {
  if (!Array.isArray(x) || x.length > LIMITS.legend) {
    issues.add(path, 'expected an array of {id, label, color}');
    return -1;
  }
  for (let i = 0; i < x.length; i++) {
    const e: unknown = x[i];
    const p = `${path}[${i}]`;
    if (!isRecord(e)) {
      issues.add(p, 'expected an object');
      return -1;
    }
    if (!checkString(e, 'id', p, issues, { max: MAX_ID_LENGTH }) || !checkString(e, 'label', p, issues)) {
      return -1;
    }
    if (!isHexColor(e.color)) {
      issues.add(`${p}.color`, 'expected #rgb or #rrggbb');
      return -1;
    }
    if (e.active !== undefined && typeof e.active !== 'boolean') {
      issues.add(`${p}.active`, 'expected a boolean');
      return -1;
    }
  }
  return x.length;
}

/** The sizes interval indices are checked against. */
export interface IIntervalLimits {
  rows: number;
  states: number;
  strings: number;
  rangeLength: number;
}

/** True when the four required interval columns are valid and in payload order (one pass, no messages). */
function fusedIntervalsOk(
  row: unknown,
  start: unknown,
  end: unknown,
  state: unknown,
  lim: IIntervalLimits
): boolean {
  if (!Array.isArray(row) || !Array.isArray(start) || !Array.isArray(end) || !Array.isArray(state)) {
    return false;
  }
  const n = row.length;
  if (start.length !== n || end.length !== n || state.length !== n) return false;
  const { rows, states, rangeLength } = lim;
  let prevRow = -1;
  let prevEnd = 0;
  for (let i = 0; i < n; i++) {
    const r: unknown = row[i];
    const s: unknown = start[i];
    const e: unknown = end[i];
    const st: unknown = state[i];
    if (typeof r !== 'number' || typeof s !== 'number' || typeof e !== 'number' || typeof st !== 'number') {
      return false;
    }
    if ((r | 0) !== r || r < 0 || r >= rows || (st | 0) !== st || st < 0 || st >= states) return false;
    if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e < s || e > rangeLength) return false;
    if (r < prevRow || (r === prevRow && s < prevEnd)) return false;
    prevRow = r;
    prevEnd = e;
  }
  return true;
}

/** Checks interval columns: equal lengths, indices in range, sorted by row then start, no overlap in a row. */
export function validateIntervals(x: unknown, path: string, issues: Issues, lim: IIntervalLimits): number {
  if (!isRecord(x)) {
    issues.add(path, 'expected interval columns');
    return -1;
  }
  const n = Array.isArray(x.row) ? x.row.length : -1;
  if (n > LIMITS.intervals) {
    issues.add(path, 'too many intervals');
    return -1;
  }
  const optionalOk = (): boolean =>
    (x.count === undefined || checkIntColumn(x.count, `${path}.count`, issues, 1, MAX_OFFSET_NS, n) >= 0) &&
    (x.label === undefined || checkIntColumn(x.label, `${path}.label`, issues, -1, lim.strings - 1, n) >= 0);
  // One fused pass for the common (valid) case; the detailed passes below only run to explain a failure.
  if (fusedIntervalsOk(x.row, x.start, x.end, x.state, lim)) return optionalOk() ? n : -1;
  const ok =
    checkIntColumn(x.row, `${path}.row`, issues, 0, lim.rows - 1) >= 0 &&
    checkIntColumn(x.start, `${path}.start`, issues, 0, lim.rangeLength, n) >= 0 &&
    checkIntColumn(x.end, `${path}.end`, issues, 0, lim.rangeLength, n) >= 0 &&
    checkIntColumn(x.state, `${path}.state`, issues, 0, lim.states - 1, n) >= 0 &&
    optionalOk();
  if (!ok) return -1;
  const row = x.row as number[];
  const start = x.start as number[];
  const end = x.end as number[];
  for (let i = 0; i < n; i++) {
    if (end[i] < start[i]) {
      issues.add(`${path}.end[${i}]`, 'end before start');
      return -1;
    }
    if (i > 0 && (row[i] < row[i - 1] || (row[i] === row[i - 1] && start[i] < end[i - 1]))) {
      issues.add(`${path}[${i}]`, 'intervals must be sorted by row then start, without overlap in a row');
      return -1;
    }
  }
  return n;
}

/** Checks arrow columns against the row count, arrow-kind count and range length. */
export function validateArrows(
  x: unknown,
  path: string,
  issues: Issues,
  rows: number,
  kinds: number,
  len: number
): number {
  if (!isRecord(x)) {
    issues.add(path, 'expected arrow columns');
    return -1;
  }
  const n = Array.isArray(x.fromRow) ? x.fromRow.length : -1;
  const ok =
    n <= LIMITS.intervals &&
    checkIntColumn(x.fromRow, `${path}.fromRow`, issues, 0, rows - 1) >= 0 &&
    checkIntColumn(x.fromTime, `${path}.fromTime`, issues, 0, len, n) >= 0 &&
    checkIntColumn(x.toRow, `${path}.toRow`, issues, 0, rows - 1, n) >= 0 &&
    checkIntColumn(x.toTime, `${path}.toTime`, issues, 0, len, n) >= 0 &&
    checkIntColumn(x.kind, `${path}.kind`, issues, 0, kinds - 1, n) >= 0 &&
    (x.owner === undefined || checkIntColumn(x.owner, `${path}.owner`, issues, -1, rows - 1, n) >= 0);
  return ok ? n : -1;
}

/** Checks critical-path segment columns of a time graph. */
export function validatePathSegments(x: unknown, path: string, issues: Issues, lim: IIntervalLimits): number {
  if (!isRecord(x)) {
    issues.add(path, 'expected path segment columns');
    return -1;
  }
  const n = Array.isArray(x.row) ? x.row.length : -1;
  const ok =
    n <= LIMITS.intervals &&
    checkIntColumn(x.row, `${path}.row`, issues, 0, lim.rows - 1) >= 0 &&
    checkIntColumn(x.owner, `${path}.owner`, issues, 0, lim.rows - 1, n) >= 0 &&
    checkIntColumn(x.start, `${path}.start`, issues, 0, lim.rangeLength, n) >= 0 &&
    checkIntColumn(x.end, `${path}.end`, issues, 0, lim.rangeLength, n) >= 0 &&
    checkIntColumn(x.state, `${path}.state`, issues, 0, lim.states - 1, n) >= 0;
  return ok ? n : -1;
}

/**
 * Validates a whole time-graph payload. On success `value` is the same object, typed; when the payload carries
 * compact row columns (`row-columns.ts`), `value` is a shallow copy whose `rows` are expanded into objects.
 */
export function validateTimeGraphPayload(x: unknown): ValidationResult<ITimeGraphPayload> {
  const issues = new Issues();
  if (!isRecord(x)) {
    issues.add('$', 'expected an object');
    return issues.result(x);
  }
  if (x.version !== TIMEGRAPH_VERSION) issues.add('$.version', `expected ${TIMEGRAPH_VERSION}`);
  checkString(x, 'experimentId', '$', issues, { max: MAX_ID_LENGTH, nonEmpty: true });
  checkString(x, 'title', '$', issues, { optional: true });
  if (parseNs(x.resolution) === null) issues.add('$.resolution', 'expected a decimal ns string');
  const range = validateRange(x.range, '$.range', issues);
  const rowList = isRecord(x.rows) ? decodeRowColumns(x.rows, '$.rows', issues, LIMITS.rows) : x.rows;
  const rows = rowList === null ? -1 : validateRows(rowList, '$.rows', issues);
  const states = validateLegend(x.legend, '$.legend', issues);
  const strings = x.strings === undefined ? 0 : checkStringArray(x.strings, '$.strings', issues);
  if (!issues.ok || range === null) return issues.result(x);
  const lim = { rows, states, strings, rangeLength: range.length };
  validateIntervals(x.intervals, '$.intervals', issues, lim);
  if (x.arrows !== undefined) {
    const kinds = validateLegend(x.arrowKinds ?? [], '$.arrowKinds', issues);
    if (kinds >= 0) validateArrows(x.arrows, '$.arrows', issues, rows, kinds, range.length);
  }
  if (x.pathSegments !== undefined) validatePathSegments(x.pathSegments, '$.pathSegments', issues, lim);
  if (x.comm !== undefined) validateCommRef(x.comm, '$.comm', issues);
  return issues.result(rowList === x.rows ? x : { ...x, rows: rowList });
}

/** Checks a `{target, handle}` comm reference. */
export function validateCommRef(x: unknown, path: string, issues: Issues): boolean {
  if (!isRecord(x)) {
    issues.add(path, 'expected {target, handle}');
    return false;
  }
  return (
    checkString(x, 'target', path, issues, { max: MAX_ID_LENGTH, nonEmpty: true }) &&
    checkString(x, 'handle', path, issues, { max: MAX_ID_LENGTH, nonEmpty: true })
  );
}
