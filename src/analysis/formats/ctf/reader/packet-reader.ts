/**
 * Reads CTF packets: the packet header and context of a packet at a file offset (for the index and the cursors),
 * and whole packets into padded buffers ready for the event decoders.
 *
 * Checks: magic number (0xC1FC1FC1), stream class id, content size <= packet size, packet size a
 * whole number of bytes that fits in the file, header + context inside the content. Failures are
 * `TraceDataError`s naming the file and byte offset. Absent sizes: content size defaults to the packet size and
 * vice versa; with neither, the packet runs to the end of the file (one packet per file).
 */
import type { ByteSource } from '../../../io/byte-source';
import { TraceDataError } from '../../../trace/types';
import type { CompiledStream, CompiledTrace, ScopeDecoder } from '../decode/compile';
import { DecodeError, DecodeState, ROLE } from '../decode/state';

export const CTF_MAGIC = 0xc1fc1fc1;
/** Zero bytes after every buffer, so fixed-size reads just past the end never throw. */
export const PAD = 16;

export interface PacketHead {
  /** Byte offset of the packet in its file. */
  offset: number;
  totalBits: number;
  contentBits: number;
  /** Bit offset of the first event from the packet start. */
  dataBit: number;
  stream: CompiledStream;
  dataStreamId?: bigint;
  /** Clock cycles of the packet context's timestamp_begin / timestamp_end. */
  begin?: bigint;
  end?: bigint;
  discarded?: bigint;
  seq?: bigint;
  /** Packet context `cpu_id`, or -1. */
  cpu: number;
}

function memberIndex(d: ScopeDecoder | undefined, name: string): number {
  return d ? d.root.members.findIndex(m => m.name === name) : -1;
}

export class PacketReader {
  readonly S: DecodeState;
  private readonly cpuMember = new Map<CompiledStream, number>();

  constructor(readonly ct: CompiledTrace) {
    this.S = new DecodeState(ct.res.slotCount);
    for (const cs of ct.streams.values()) this.cpuMember.set(cs, memberIndex(cs.packetContext, 'cpu_id'));
  }

  /** Reads `len` bytes at `offset` into a fresh buffer with PAD zero bytes after them. */
  load(src: ByteSource, offset: number, len: number): Uint8Array {
    const got = src.read(offset, len);
    const buf = new Uint8Array(got.length + PAD);
    buf.set(got);
    return buf;
  }

  /**
   * Decodes the header and context from bytes already in memory (`buf` starts at the packet, `availBytes` of it
   * are file data); undefined when they do not fit, so the caller falls back to `head`.
   */
  headIn(buf: Uint8Array, availBytes: number, src: ByteSource, offset: number): PacketHead | undefined {
    let h: PacketHead | undefined;
    try {
      h = this.decodeHead(buf, availBytes * 8, src, offset);
    } catch (e) {
      if (e instanceof TraceDataError && this.S.p <= availBytes * 8) throw e;
      return undefined;
    }
    return h.dataBit <= availBytes * 8 ? h : undefined;
  }

  /** Decodes the header and context of the packet at `offset` (reading a growing window of the file). */
  head(src: ByteSource, offset: number): PacketHead {
    const remaining = src.size - offset;
    let window = Math.min(remaining, 4096);
    for (;;) {
      const buf = this.load(src, offset, window);
      let h: PacketHead | undefined;
      let err: unknown;
      try {
        h = this.decodeHead(buf, window * 8, src, offset);
      } catch (e) {
        err = e;
      }
      // Values read past the window are padding: only trust a decode that stayed inside it.
      const inside = err === undefined || err instanceof TraceDataError ? this.S.p <= window * 8 : false;
      if (inside || window >= remaining) {
        if (err !== undefined) throw this.wrap(err, src, offset);
        if (!inside) throw new TraceDataError('truncated packet header or context', src.name, offset);
        return h as PacketHead;
      }
      window = Math.min(remaining, window * 16);
    }
  }

  /**
   * Runs the packet header and context decoders on `buf` (a packet starting at byte 0). Leaves the state ready
   * for the event decoders (stored values, clock from timestamp_begin, p at the first event).
   */
  decodeHead(buf: Uint8Array, limitBits: number, src: ByteSource, offset: number): PacketHead {
    const S = this.S;
    S.setBuffer(buf);
    S.p = 0;
    S.end = limitBits;
    S.resetRoles();
    const ph = this.ct.packetHeader;
    if (ph) {
      ph.rows.n = 0;
      ph.fn(S);
    }
    const fail = (msg: string): never => {
      throw new TraceDataError(msg, src.name, offset);
    };
    if (S.has[ROLE.magic] && S.role[2 * ROLE.magic] !== CTF_MAGIC) {
      fail(`bad packet magic number 0x${S.role[2 * ROLE.magic].toString(16)} (expected 0xc1fc1fc1)`);
    }
    // The packet's metadata UUID is not checked: babeltrace2 2.0 reads traces whose packets carry another UUID
    // (`intersection/*`), and so do we.
    const stream = this.streamOf(fail);
    const dataStreamId = S.has[ROLE.dataStreamId] ? S.roleBigInt(ROLE.dataStreamId) : undefined;
    const pc = stream.packetContext;
    if (pc) {
      pc.rows.n = 0;
      pc.fn(S);
    }
    return this.sizes(stream, pc, dataStreamId, src, offset, fail);
  }

  private streamOf(fail: (msg: string) => never): CompiledStream {
    const S = this.S;
    if (S.has[ROLE.streamClassId]) {
      const id = S.roleBigInt(ROLE.streamClassId);
      const cs = this.ct.streams.get(String(id));
      if (!cs) fail(`unknown stream class id ${id}`);
      return cs as CompiledStream;
    }
    if (this.ct.streams.size !== 1) {
      fail('no stream class id in the packet header and several stream classes');
    }
    return this.ct.streams.values().next().value as CompiledStream;
  }

  private sizes(
    stream: CompiledStream,
    pc: ScopeDecoder | undefined,
    dataStreamId: bigint | undefined,
    src: ByteSource,
    offset: number,
    fail: (msg: string) => never
  ): PacketHead {
    const S = this.S;
    const fileBits = (src.size - offset) * 8;
    const hasT = S.has[ROLE.totalLength] === 1;
    const hasC = S.has[ROLE.contentLength] === 1;
    const total = hasT ? S.roleNumber(ROLE.totalLength) : hasC ? S.roleNumber(ROLE.contentLength) : fileBits;
    const content = hasC ? S.roleNumber(ROLE.contentLength) : total;
    if (content > total) fail(`content size (${content} bits) exceeds packet size (${total} bits)`);
    if (total % 8 !== 0) fail(`packet size (${total} bits) is not a whole number of bytes`);
    if (total <= 0) fail('packet size is zero');
    if (total > fileBits) {
      fail(`packet size (${total / 8} bytes) runs past the end of the file (${fileBits / 8} bytes left)`);
    }
    if (S.p > content) fail('packet header and context run past the packet content');
    const cpuIdx = this.cpuMember.get(stream) ?? -1;
    const cpu = pc && cpuIdx >= 0 ? pc.col.members[cpuIdx].num(0) : -1;
    const opt = (k: number): bigint | undefined => (S.has[k] ? S.roleBigInt(k) : undefined);
    return {
      offset,
      totalBits: total,
      contentBits: content,
      dataBit: S.p,
      stream,
      dataStreamId,
      begin: opt(ROLE.beginTimestamp),
      end: opt(ROLE.endTimestamp),
      discarded: opt(ROLE.discarded),
      seq: opt(ROLE.seqNum),
      cpu: Number.isFinite(cpu) ? cpu : -1
    };
  }

  /** Converts decoder failures into `TraceDataError` at a byte offset of the file. */
  wrap(e: unknown, src: ByteSource, packetOffset: number): Error {
    if (e instanceof TraceDataError) return e;
    if (e instanceof DecodeError) {
      return new TraceDataError(e.message, src.name, packetOffset + Math.floor(e.bitPos / 8));
    }
    if (e instanceof RangeError || e instanceof TypeError) {
      return new TraceDataError(`truncated or corrupt data (${e.message})`, src.name, packetOffset);
    }
    return e instanceof Error ? e : new Error(String(e));
  }
}
