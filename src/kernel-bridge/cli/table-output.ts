/**
 * Writes an analysis result (an Arrow table) in the CLI's formats: JSONL (one object per row, every integer exact,
 * bigints included), CSV (RFC 4180, header row), an Arrow IPC file, or an aligned text table for terminals.
 *
 * Scope: formatting rows of any Arrow table; the analyses decide the columns.
 */
import type { Table } from 'apache-arrow';
import { IpcFileOutput } from '../../analysis/arrow/ipc';
import { jsonString, jsonValue } from '../../analysis/arrow/value-json';
import type { FieldValue } from '../../analysis/trace/types';
import { csvCell } from './event-rows';
import type { Output } from './output';

export const TABLE_FORMATS = ['jsonl', 'csv', 'arrow', 'table'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** A cell as plain JS: Arrow returns bigint for 64-bit integers, typed arrays or Vectors for lists. */
function cellValue(v: unknown): FieldValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean') {
    return v;
  }
  if (v instanceof Uint8Array) return v;
  if (typeof (v as { toArray?: unknown }).toArray === 'function') {
    return Array.from((v as { toArray(): ArrayLike<unknown> }).toArray(), cellValue);
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    const o = (v as { toJSON(): Record<string, unknown> }).toJSON();
    const out: { [k: string]: FieldValue } = {};
    for (const k of Object.keys(o)) out[k] = cellValue(o[k]);
    return out;
  }
  return String(v);
}

function tableCsvCell(v: FieldValue): string {
  if (v === null) return '';
  return csvCell(typeof v === 'string' ? v : typeof v === 'object' ? jsonValue(v) : String(v));
}

function textCell(v: FieldValue): string {
  if (v === null) return '';
  const text = typeof v === 'string' ? v : typeof v === 'object' ? jsonValue(v) : String(v);
  // Control characters from trace strings must not drive the terminal.
  return text.replace(/[\u0000-\u001f\u007f]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Iterates the rows of `table` as arrays of plain values, column by column (no StructRow objects). */
function* rows(table: Table): Generator<FieldValue[]> {
  const cols = table.schema.fields.map((_, i) => table.getChildAt(i)!);
  for (let r = 0; r < table.numRows; r++) yield cols.map(c => cellValue(c.get(r)));
}

/** Writes `table` to `out` in `format`. `limit` caps the rows written. */
export async function writeTable(
  table: Table,
  format: TableFormat,
  out: Output,
  limit?: number
): Promise<void> {
  const t = limit !== undefined && limit < table.numRows ? table.slice(0, limit) : table;
  const names = t.schema.fields.map(f => f.name);
  if (format === 'arrow') {
    const ipc = new IpcFileOutput(t.schema, chunk => out.writeBytes(chunk));
    for (const rb of t.batches) await ipc.write(rb);
    await ipc.finish();
    return;
  }
  if (format === 'table') {
    await writeTextTable(t, names, out);
    return;
  }
  if (format === 'csv') out.append(names.map(n => csvCell(n)).join(',') + '\n');
  const keys = names.map(n => jsonString(n) + ':');
  for (const row of rows(t)) {
    if (out.broken) return;
    const line =
      format === 'csv'
        ? row.map(tableCsvCell).join(',') + '\n'
        : '{' + row.map((v, i) => keys[i] + jsonValue(v)).join(',') + '}\n';
    if (out.append(line)) await out.flush();
  }
  await out.flush();
}

async function writeTextTable(t: Table, names: string[], out: Output): Promise<void> {
  const cells: string[][] = [names];
  for (const row of rows(t)) cells.push(row.map(textCell));
  const widths = names.map((_, i) => Math.min(60, Math.max(...cells.map(r => r[i].length))));
  const numeric = names.map((_, i) => cells.slice(1).every(r => r[i] === '' || /^-?\d+(\.\d+)?$/.test(r[i])));
  for (const r of cells) {
    const line = r
      .map((c, i) => {
        const s = c.length > widths[i] ? c.slice(0, widths[i] - 1) + '…' : c;
        return numeric[i] ? s.padStart(widths[i]) : s.padEnd(widths[i]);
      })
      .join('  ');
    if (out.append(line.trimEnd() + '\n')) await out.flush();
  }
  await out.flush();
}
