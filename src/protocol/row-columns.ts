/**
 * Compact rows for time graphs with many rows: the payload's `rows` as parallel columns over a shared text
 * table instead of one JSON object per row (a control flow of 8,805 threads: 0.9 MB of row objects, about a
 * third of that as columns). Ids and labels such as `t:host:4297` or `kworker/0:1 [59]` are written as a
 * text-table prefix, a number and a text-table suffix, so the repeated parts are stored once.
 *
 * Both forms are valid `application/vnd.tracelab.timegraph.v1+json` (saved notebooks keep the object form);
 * the validator expands columns back into `ITimeGraphRow` objects, so renderers only ever see objects.
 *
 * Scope: encoding (`compactRows`, `toWireTimeGraph`), checked decoding (`decodeRowColumns`).
 */
import type { ITimeGraphPayload, ITimeGraphRow } from './timegraph';
import { ROW_KINDS } from './timegraph';
import type { Issues } from './validate-util';
import { checkIntColumn, checkStringArray, isRecord } from './validate-util';

/**
 * A text column: text i is `texts[pre[i]] + (num[i] >= 0 ? String(num[i]) : '') + texts[post[i]]` (no suffix
 * when `post` is absent).
 */
export interface ITextColumn {
  pre: number[];
  /** A non-negative integer written in decimal (no leading zeros), -1 for none. */
  num: number[];
  post?: number[];
}

/** Rows as columns (all of one length, the row count); optional numeric columns use null for "absent". */
export interface ITimeGraphRowColumns {
  /** The texts `id`, `label` and `host` index. */
  texts: string[];
  id: ITextColumn;
  label: ITextColumn;
  /** Index of an earlier row, -1 for a top-level row. */
  parent: number[];
  /** Index into `ROW_KINDS` (host, process, thread, cpu, irq, group, other). */
  kind: number[];
  /** Index into `texts`, -1 for none. */
  host?: number[];
  tid?: (number | null)[];
  pid?: (number | null)[];
  cpu?: (number | null)[];
}

/** A time-graph payload as sent: rows as objects (small views, old notebooks) or as columns. */
export type ITimeGraphPayloadWire = Omit<ITimeGraphPayload, 'rows'> & {
  rows: ITimeGraphRow[] | ITimeGraphRowColumns;
};

/** Row count from which `toWireTimeGraph` sends columns (smaller views keep readable row objects). */
export const COMPACT_ROWS_FROM = 1000;

const MAX_NUM_DIGITS = 15;

/** `[digitsStart, digitsEnd)` of the last run of decimal digits in `s` ([-1, -1]: none). */
function lastNumber(s: string): [number, number] {
  let end = s.length;
  while (end > 0 && !isDigit(s.charCodeAt(end - 1))) end--;
  if (end === 0) return [-1, -1];
  let begin = end - 1;
  while (begin > 0 && isDigit(s.charCodeAt(begin - 1))) begin--;
  return [begin, end];
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Builds text columns over a shared, deduplicated text table. */
class TextTable {
  readonly texts: string[] = [];

  index(s: string): number {
    let k = this._index.get(s);
    if (k === undefined) {
      k = this.texts.push(s) - 1;
      this._index.set(s, k);
    }
    return k;
  }

  column(values: readonly string[]): ITextColumn {
    const n = values.length;
    const col = { pre: new Array<number>(n), num: new Array<number>(n), post: new Array<number>(n) };
    let anyPost = false;
    for (let i = 0; i < n; i++) {
      const s = values[i];
      const [a, b] = lastNumber(s);
      // Only numbers that print back identically (no leading zero, exact as a double).
      const split = a >= 0 && b - a <= MAX_NUM_DIGITS && (b - a === 1 || s.charCodeAt(a) !== 48);
      const post = split ? s.slice(b) : '';
      col.pre[i] = this.index(split ? s.slice(0, a) : s);
      col.num[i] = split ? Number(s.slice(a, b)) : -1;
      col.post[i] = post === '' ? -1 : this.index(post);
      anyPost ||= post !== '';
    }
    if (!anyPost) return { pre: col.pre, num: col.num };
    const empty = col.post.includes(-1) ? this.index('') : -1;
    return { ...col, post: col.post.map(p => (p < 0 ? empty : p)) };
  }

  private readonly _index = new Map<string, number>();
}

/** Rows as columns (the inverse of `decodeRowColumns`). */
export function compactRows(rows: readonly ITimeGraphRow[]): ITimeGraphRowColumns {
  const t = new TextTable();
  const id = t.column(rows.map(r => r.id));
  const label = t.column(rows.map(r => r.label));
  const cols: ITimeGraphRowColumns = {
    texts: t.texts,
    id,
    label,
    parent: rows.map(r => r.parent),
    kind: rows.map(r => ROW_KINDS.indexOf(r.kind))
  };
  if (rows.some(r => r.host !== undefined)) {
    cols.host = rows.map(r => (r.host === undefined ? -1 : t.index(r.host)));
  }
  for (const k of ['tid', 'pid', 'cpu'] as const) {
    if (rows.some(r => r[k] !== undefined)) cols[k] = rows.map(r => r[k] ?? null);
  }
  return cols;
}

/** The payload to send: rows as columns from `COMPACT_ROWS_FROM` rows on, else unchanged. */
export function toWireTimeGraph(
  p: ITimeGraphPayload,
  compactFrom = COMPACT_ROWS_FROM
): ITimeGraphPayloadWire {
  return p.rows.length >= compactFrom ? { ...p, rows: compactRows(p.rows) } : p;
}

function checkTextColumn(x: unknown, path: string, issues: Issues, n: number, texts: number): boolean {
  if (!isRecord(x)) {
    issues.add(path, 'expected {pre, num, post?}');
    return false;
  }
  return (
    checkIntColumn(x.pre, `${path}.pre`, issues, 0, texts - 1, n) >= 0 &&
    checkIntColumn(x.num, `${path}.num`, issues, -1, 10 ** MAX_NUM_DIGITS - 1, n) >= 0 &&
    (x.post === undefined || checkIntColumn(x.post, `${path}.post`, issues, 0, texts - 1, n) >= 0)
  );
}

function checkOptionalNumbers(x: unknown, path: string, issues: Issues, n: number): boolean {
  if (x === undefined) return true;
  if (!Array.isArray(x) || x.length !== n) {
    issues.add(path, `expected ${n} integers or nulls`);
    return false;
  }
  for (let i = 0; i < n; i++) {
    const v: unknown = x[i];
    if (v !== null && (typeof v !== 'number' || !Number.isInteger(v))) {
      issues.add(`${path}[${i}]`, 'expected an integer or null');
      return false;
    }
  }
  return true;
}

function textAt(texts: readonly string[], c: ITextColumn, i: number): string {
  const n = c.num[i];
  return texts[c.pre[i]] + (n >= 0 ? String(n) : '') + (c.post ? texts[c.post[i]] : '');
}

/**
 * Checks the shape of row columns (`maxRows` at most) and expands them into row objects, or returns null with
 * `issues` filled. Row-level rules (unique ids, parents first, kinds, number ranges) are `validateRows`' job.
 */
export function decodeRowColumns(
  x: unknown,
  path: string,
  issues: Issues,
  maxRows: number
): ITimeGraphRow[] | null {
  if (!isRecord(x) || !Array.isArray(x.parent) || x.parent.length > maxRows) {
    issues.add(path, 'expected row columns {texts, id, label, parent, kind, host?, tid?, pid?, cpu?}');
    return null;
  }
  const n = x.parent.length;
  const texts = checkStringArray(x.texts, `${path}.texts`, issues);
  const ok =
    texts >= 0 &&
    checkTextColumn(x.id, `${path}.id`, issues, n, texts) &&
    checkTextColumn(x.label, `${path}.label`, issues, n, texts) &&
    checkIntColumn(x.parent, `${path}.parent`, issues, -1, n - 1, n) >= 0 &&
    checkIntColumn(x.kind, `${path}.kind`, issues, 0, ROW_KINDS.length - 1, n) >= 0 &&
    (x.host === undefined || checkIntColumn(x.host, `${path}.host`, issues, -1, texts - 1, n) >= 0) &&
    checkOptionalNumbers(x.tid, `${path}.tid`, issues, n) &&
    checkOptionalNumbers(x.pid, `${path}.pid`, issues, n) &&
    checkOptionalNumbers(x.cpu, `${path}.cpu`, issues, n);
  if (!ok) return null;
  const c = x as unknown as ITimeGraphRowColumns;
  const rows = new Array<ITimeGraphRow>(n);
  for (let i = 0; i < n; i++) {
    const row: ITimeGraphRow = {
      id: textAt(c.texts, c.id, i),
      label: textAt(c.texts, c.label, i),
      parent: c.parent[i],
      kind: ROW_KINDS[c.kind[i]]
    };
    if (c.host && c.host[i] >= 0) row.host = c.texts[c.host[i]];
    if (c.tid && c.tid[i] !== null) row.tid = c.tid[i]!;
    if (c.pid && c.pid[i] !== null) row.pid = c.pid[i]!;
    if (c.cpu && c.cpu[i] !== null) row.cpu = c.cpu[i]!;
    rows[i] = row;
  }
  return rows;
}
