/**
 * Display of Apache Arrow tables (from `tracelab` results or user code): an HTML table of the first rows
 * with the row count and schema, plus an aligned text/plain rendering. The size is bounded whatever the
 * table size (rows, columns and cell text are capped), so a 10M-row table displays in a few kilobytes.
 * Recognised by shape, not `instanceof`, so any copy of apache-arrow a notebook loads works.
 */

/** The part of an Arrow Table this module reads. */
export interface IArrowTableLike {
  numRows: number;
  schema: { fields: { name: string; type: unknown }[] };
  getChildAt(i: number): { get(i: number): unknown } | null;
}

/** Display limits. */
export const TABLE_LIMITS = { rows: 20, columns: 40, cellChars: 80 };

export function isArrowTable(x: unknown): x is IArrowTableLike {
  const t = x as Partial<IArrowTableLike> | null;
  return (
    typeof x === 'object' &&
    t !== null &&
    typeof t.numRows === 'number' &&
    typeof t.getChildAt === 'function' &&
    Array.isArray(t.schema?.fields)
  );
}

/** Cell text: bigint as decimal, nested values as JSON-ish text, capped in length. */
export function cellText(v: unknown): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'bigint') s = v.toString();
  else if (v instanceof Date) s = v.toISOString();
  else if (typeof v === 'object') s = safeJson(v);
  else s = String(v);
  return s.length > TABLE_LIMITS.cellChars ? `${s.slice(0, TABLE_LIMITS.cellChars - 1)}…` : s;
}

function safeJson(v: object): string {
  const plain =
    typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v;
  try {
    return JSON.stringify(plain, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The first rows as text cells, with the header. */
function headRows(t: IArrowTableLike): { header: string[]; rows: string[][] } {
  const fields = t.schema.fields.slice(0, TABLE_LIMITS.columns);
  const n = Math.min(t.numRows, TABLE_LIMITS.rows);
  const cols = fields.map((_f, c) => t.getChildAt(c));
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) rows.push(cols.map(col => cellText(col?.get(i))));
  return { header: fields.map(f => f.name), rows };
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function summary(t: IArrowTableLike, shown: number): string {
  const cols = t.schema.fields.length;
  const more = cols > TABLE_LIMITS.columns ? ` (first ${TABLE_LIMITS.columns} columns shown)` : '';
  return `Arrow table: ${t.numRows} rows × ${cols} columns${more}; rows 1–${shown} shown`;
}

/** text/html and text/plain for a table. */
export function arrowTableBundle(t: IArrowTableLike): Record<string, string> {
  const { header, rows } = headRows(t);
  const note = summary(t, rows.length);
  const th = header.map(h => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map(r => `<tr>${r.map(c => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  const html = `<div class="tracelab-table"><table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table><p>${escapeHtml(note)}</p></div>`;
  return { 'text/html': html, 'text/plain': textTable(header, rows, note) };
}

function textTable(header: string[], rows: string[][], note: string): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map(r => r[c].length)));
  const line = (cells: string[]): string =>
    cells
      .map((s, c) => s.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), note].join('\n');
}
