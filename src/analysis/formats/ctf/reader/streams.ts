/**
 * Stream discovery and the per-stream packet index of a CTF trace folder.
 *
 * Every regular, non-empty file of the folder except `metadata` and hidden files is a stream file. Files whose
 * first packet names the same stream class and data stream id (`stream_instance_id`: LTTng tracefile rotation
 * writes `chan_0_0`, `chan_0_1`, ...) form one stream, read in the order of their first timestamps; without a
 * data stream id each file is its own stream. Streams are numbered by stream class id, then data stream id, then
 * file name — the order babeltrace2 breaks timestamp ties in.
 *
 * The packet index (offsets, sizes, begin/end clock values) is built lazily, from LTTng's `index/*.idx` files
 * when they are consistent, else by reading each packet's header and context.
 */
import type { ByteSource, FileSystemAccess } from '../../../io/byte-source';
import { TraceDataError } from '../../../trace/types';
import type { CompiledStream } from '../decode/compile';
import { readLttngIndex } from './lttng-index';
import type { PacketHead, PacketReader } from './packet-reader';

export interface StreamFile {
  name: string;
  src: ByteSource;
  first: PacketHead;
}

export interface PacketEntry {
  file: number;
  offset: number;
  totalBits: number;
  /** Clock cycles. */
  begin?: bigint;
  end?: bigint;
}

export class CtfStream {
  private index: PacketEntry[] | undefined;
  constructor(
    readonly id: number,
    readonly name: string,
    readonly files: StreamFile[],
    readonly cs: CompiledStream
  ) {}

  /** All packets of the stream in reading order (stops at the first unreadable packet). */
  packets(reader: PacketReader, fsa: FileSystemAccess, dir: string): PacketEntry[] {
    if (this.index) return this.index;
    const out: PacketEntry[] = [];
    this.files.forEach((f, file) => {
      const idx = readLttngIndex(fsa, dir, f.name, f.src.size);
      if (idx) {
        for (const e of idx) {
          out.push({ file, offset: e.offset, totalBits: e.totalBits, begin: e.begin, end: e.end });
        }
        return;
      }
      for (let offset = 0; offset < f.src.size;) {
        let h: PacketHead;
        try {
          h = reader.head(f.src, offset);
        } catch (e) {
          if (e instanceof TraceDataError) break;
          throw e;
        }
        out.push({ file, offset, totalBits: h.totalBits, begin: h.begin, end: h.end });
        offset += h.totalBits / 8;
      }
    });
    this.index = out;
    return out;
  }
}

function compareIds(a: bigint | undefined, b: bigint | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

/** Natural order (`chan_2` before `chan_10`) without ICU collation, which is slow to set up. */
export function natural(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i];
    const y = rb[i];
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return ra.length - rb.length;
}

/** Opens the stream files of a trace folder and groups them into streams. */
export function discoverStreams(
  dir: string,
  fsa: FileSystemAccess,
  reader: PacketReader,
  label: string
): CtfStream[] {
  const files: StreamFile[] = [];
  for (const name of fsa.list(dir).sort(natural)) {
    if (name === 'metadata' || name.startsWith('.')) continue;
    const path = fsa.join(dir, name);
    if (fsa.isDirectory(path)) continue;
    const src = fsa.open(path);
    if (src.size === 0) {
      src.close();
      continue;
    }
    try {
      files.push({ name, src, first: reader.head(src, 0) });
    } catch (e) {
      src.close();
      for (const f of files) f.src.close();
      throw e;
    }
  }
  const groups = new Map<string, StreamFile[]>();
  for (const f of files) {
    const h = f.first;
    const key = `${h.stream.sc.id}/${h.dataStreamId !== undefined ? h.dataStreamId : `file:${f.name}`}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const list = [...groups.values()];
  for (const g of list) g.sort((a, b) => compareIds(a.first.begin, b.first.begin) || natural(a.name, b.name));
  list.sort((a, b) => {
    const ha = a[0].first;
    const hb = b[0].first;
    return (
      compareIds(ha.stream.sc.id, hb.stream.sc.id) ||
      compareIds(ha.dataStreamId, hb.dataStreamId) ||
      natural(a[0].name, b[0].name)
    );
  });
  return list.map((g, i) => new CtfStream(i, `${label}/${g[0].name}`, g, g[0].first.stream));
}
