/**
 * An independent check of Arrow IPC *file* bytes, written from the format spec (Columnar.html "IPC File Format",
 * File.fbs, Message.fbs, Schema.fbs) rather than with apache-arrow's reader: magic at both ends, the footer
 * flatbuffer (schema field names, dictionary and record batch blocks), and for each block the encapsulated
 * message at that offset (continuation marker, header type, body length, record batch row count).
 * pyarrow and DuckDB locate batches exactly this way, so a file passing this is readable by them.
 */

const MAGIC = 'ARROW1';

class Flat {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u32(p: number): number {
    return this.view.getUint32(p, true);
  }
  /** Root table position of a flatbuffer starting at `base`. */
  root(base: number): number {
    return base + this.u32(base);
  }
  /** Position of field `k` of the table at `t`, or 0 when absent. */
  field(t: number, k: number): number {
    const vt = t - this.view.getInt32(t, true);
    const vtSize = this.view.getUint16(vt, true);
    if (4 + 2 * k >= vtSize) return 0;
    const off = this.view.getUint16(vt + 4 + 2 * k, true);
    return off === 0 ? 0 : t + off;
  }
  /** Follows a uoffset stored at `p`. */
  deref(p: number): number {
    return p + this.u32(p);
  }
  vector(t: number, k: number): { start: number; length: number } {
    const p = this.field(t, k);
    if (p === 0) return { start: 0, length: 0 };
    const v = this.deref(p);
    return { start: v + 4, length: this.u32(v) };
  }
  string(p: number): string {
    const s = this.deref(p);
    return new TextDecoder().decode(this.bytes.subarray(s + 4, s + 4 + this.u32(s)));
  }
}

export interface Block {
  offset: number;
  metaDataLength: number;
  bodyLength: number;
}

export interface FileCheck {
  fieldNames: string[];
  dictionaries: Block[];
  records: Block[];
  /** Row count of each record batch, read from its message header. */
  recordRows: number[];
}

function blocks(f: Flat, footer: number, k: number): Block[] {
  const { start, length } = f.vector(footer, k);
  const out: Block[] = [];
  for (let i = 0; i < length; i++) {
    const p = start + 24 * i;
    out.push({
      offset: Number(f.view.getBigInt64(p, true)),
      metaDataLength: f.view.getInt32(p + 8, true),
      bodyLength: Number(f.view.getBigInt64(p + 16, true))
    });
  }
  return out;
}

/** Reads the message at `block`; returns its header type (2 dictionary, 3 record batch) and row count. */
function message(f: Flat, block: Block, limit: number): { type: number; rows: number } {
  if (f.u32(block.offset) !== 0xffffffff) throw new Error(`no continuation marker at ${block.offset}`);
  const metaSize = f.u32(block.offset + 4);
  if (8 + metaSize > block.metaDataLength) throw new Error(`message at ${block.offset} exceeds its block`);
  if (block.offset + block.metaDataLength + block.bodyLength > limit) {
    throw new Error('block runs past footer');
  }
  const m = f.root(block.offset + 8);
  const type = f.bytes[f.field(m, 1)];
  const bodyLength = Number(f.view.getBigInt64(f.field(m, 3), true));
  if (bodyLength !== block.bodyLength) {
    throw new Error(`body length ${bodyLength} != block's ${block.bodyLength}`);
  }
  const header = f.deref(f.field(m, 2));
  const rowsAt = type === 3 ? f.field(header, 0) : 0;
  return { type, rows: rowsAt ? Number(f.view.getBigInt64(rowsAt, true)) : 0 };
}

export function checkIpcFile(bytes: Uint8Array): FileCheck {
  const dec = new TextDecoder();
  if (dec.decode(bytes.subarray(0, 6)) !== MAGIC) throw new Error('no leading magic');
  if (dec.decode(bytes.subarray(bytes.length - 6)) !== MAGIC) throw new Error('no trailing magic');
  const f = new Flat(bytes);
  const footerLength = f.view.getInt32(bytes.length - 10, true);
  const footerStart = bytes.length - 10 - footerLength;
  if (footerLength <= 0 || footerStart < 8) throw new Error(`bad footer length ${footerLength}`);
  const footer = f.root(footerStart);
  const schema = f.deref(f.field(footer, 1));
  const { start, length } = f.vector(schema, 1);
  const fieldNames: string[] = [];
  for (let i = 0; i < length; i++) fieldNames.push(f.string(f.field(f.deref(start + 4 * i), 0)));
  const dictionaries = blocks(f, footer, 2);
  const records = blocks(f, footer, 3);
  for (const d of dictionaries) {
    if (message(f, d, footerStart).type !== 2) {
      throw new Error(`block at ${d.offset} is not a dictionary batch`);
    }
  }
  const recordRows = records.map(r => {
    const m = message(f, r, footerStart);
    if (m.type !== 3) throw new Error(`block at ${r.offset} is not a record batch`);
    return m.rows;
  });
  return { fieldNames, dictionaries, records, recordRows };
}
