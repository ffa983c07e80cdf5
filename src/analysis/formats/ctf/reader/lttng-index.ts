/**
 * LTTng packet index files (`<trace>/index/<stream file>.idx`): a big-endian header (magic 0xC1F1DCC1, major,
 * minor, entry size) followed by one entry per packet: offset (bytes), packet size and content size (bits),
 * timestamp_begin, timestamp_end, events_discarded, stream class id, and from version 1.1 the stream instance id
 * and packet sequence number — all u64.
 *
 * An index is used only if it is consistent with its stream file (contiguous packets covering the whole file,
 * content <= packet size); otherwise the caller scans the stream file, as babeltrace2 does.
 */
import type { FileSystemAccess } from '../../../io/byte-source';

export const INDEX_MAGIC = 0xc1f1dcc1;
const HEADER_SIZE = 16;
const V1_0_ENTRY = 56;

export interface IndexEntry {
  offset: number;
  totalBits: number;
  contentBits: number;
  begin: bigint;
  end: bigint;
  discarded: bigint;
  streamClassId: bigint;
  dataStreamId?: bigint;
  seq?: bigint;
}

/** Reads and validates the index of `streamFile`; undefined when absent or unusable. */
export function readLttngIndex(
  fsa: FileSystemAccess,
  traceDir: string,
  name: string,
  fileSize: number
): IndexEntry[] | undefined {
  const path = fsa.join(traceDir, 'index', `${name}.idx`);
  if (!fsa.exists(path)) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = fsa.readAll(path);
  } catch {
    return undefined;
  }
  return parseLttngIndex(bytes, fileSize);
}

export function parseLttngIndex(bytes: Uint8Array, fileSize: number): IndexEntry[] | undefined {
  if (bytes.length < HEADER_SIZE) return undefined;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0) !== INDEX_MAGIC) return undefined;
  const major = dv.getUint32(4);
  const minor = dv.getUint32(8);
  const size = dv.getUint32(12);
  if (major !== 1 || size < V1_0_ENTRY) return undefined;
  const u64 = (o: number): bigint => dv.getBigUint64(o);
  const entries: IndexEntry[] = [];
  let expected = 0;
  for (let o = HEADER_SIZE; o + size <= bytes.length; o += size) {
    const e: IndexEntry = {
      offset: Number(u64(o)),
      totalBits: Number(u64(o + 8)),
      contentBits: Number(u64(o + 16)),
      begin: u64(o + 24),
      end: u64(o + 32),
      discarded: u64(o + 40),
      streamClassId: u64(o + 48)
    };
    if (minor >= 1 && size >= 72) {
      e.dataStreamId = u64(o + 56);
      e.seq = u64(o + 64);
    }
    const ok =
      e.offset === expected && e.totalBits > 0 && e.totalBits % 8 === 0 && e.contentBits <= e.totalBits;
    if (!ok) return undefined;
    expected += e.totalBits / 8;
    entries.push(e);
  }
  return expected === fileSize && entries.length > 0 ? entries : undefined;
}
