/**
 * Reads one CTF stream packet by packet into chunks of events. Only the current packet is in memory; a read with
 * a start time first binary-searches the stream's packet index, so a seek costs one index lookup plus one packet.
 *
 * The decoding state is shared by all cursors of a trace, so each call restores this stream's position, clock
 * value and stored values into it, and saves them back afterwards. Packet-level losses (events_discarded deltas,
 * packet_seq_num gaps) are reported to the trace as packets are opened.
 */
import type { EventChunk, StreamCursor } from '../../../trace/source';
import type { ByteSource } from '../../../io/byte-source';
import type { PendingRead } from '../../../io/read-ahead';
import { sharedBytes } from '../../../io/read-ahead';
import type { CpuSource, Pinned } from './ctf-chunk';
import { ChunkPool, buildChunk } from './ctf-chunk';
import type { CtfTraceContext } from './trace-context';
import { EventRefs, decodeEvents } from './event-loop';
import type { PacketHead } from './packet-reader';
import { PAD } from './packet-reader';
import type { CtfStream } from './streams';

const HEAD_WINDOW = 4096;
const BLOCK = 1 << 19;

/** Read-ahead buffer size for `need` bytes: the next power of two, at least BLOCK. */
function blockSize(need: number): number {
  let n = BLOCK;
  while (n < need) n *= 2;
  return n;
}

export interface CursorSettings {
  start?: bigint;
  /** Per trace-local class: 1 to decode it, 0 to skip it. */
  keep?: Uint8Array;
  chunkSize: number;
  cpuSource: CpuSource;
  /** Streaming read: chunks are released by the merge, so their memory is recycled (see `ctf-chunk.ts`). */
  streaming?: boolean;
}

/** A block buffer and the number of chunks still reading from it (streaming reads). */
interface Store extends Pinned {
  buf: Uint8Array;
}

/** Bytes of the current file being read on the read-ahead thread into a store of their own. */
interface Ahead {
  file: number;
  start: number;
  read: PendingRead;
  store: Store;
}

interface PrevPacket {
  discarded?: bigint;
  seq?: bigint;
  /** ns */
  end?: bigint;
}

export class CtfStreamCursor implements StreamCursor {
  private fileIdx = 0;
  // offset, p, end, cl, ch and blockStart hold doubles (clock words beyond 2^31, positions computed by division):
  // they start as NaN and get their initial values in the constructor, so their fields are doubles from the start
  // and never change representation (see `DecodeState`).
  private offset = NaN;
  private buf: Uint8Array | null = null;
  private head: PacketHead | undefined;
  private p = NaN;
  private end = NaN;
  private cl = NaN;
  private ch = NaN;
  private readonly v: Float64Array;
  private readonly refs: EventRefs;
  private pending: Error | undefined;
  private done = false;
  private prev: PrevPacket | undefined;
  /** Read-ahead block of the current file: packets are decoded from views of it. */
  private block: Uint8Array | null = null;
  private blockStart = NaN;
  private blockFile = -1;
  /** The reusable buffer behind `block` (sources with `readInto`), and idle ones (streaming reads). */
  private store: Store | null = null;
  private idle: Store[] = [];
  /** The store of the current block and of the current packet (a fresh block has a pin counter of its own). */
  private blockStore: Pinned = { pins: 0 };
  private bufStore: Pinned = this.blockStore;
  private ahead: Ahead | null = null;
  private readonly pool: ChunkPool | undefined;

  constructor(
    private readonly ctx: CtfTraceContext,
    private readonly stream: CtfStream,
    private readonly opts: CursorSettings
  ) {
    this.offset = this.p = this.end = this.cl = this.ch = this.blockStart = 0;
    this.v = new Float64Array(ctx.reader.S.v.length);
    this.refs = new EventRefs(opts.chunkSize, opts.streaming === true);
    this.pool = opts.streaming ? new ChunkPool(opts.chunkSize) : undefined;
    if (opts.start !== undefined) this.seek(opts.start);
  }

  /** Positions on the first packet that may hold events at or after `start` (ns). */
  private seek(start: bigint): void {
    const cs = this.stream.cs;
    const clock = this.ctx.clockOf(cs);
    if (!cs.packetContext || !this.ctx.hasBeginTimestamp(cs)) return;
    const packets = this.stream.packets(this.ctx.reader, this.ctx.fsa, this.ctx.dir);
    let lo = 0;
    let hi = packets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = packets[mid].end;
      if (e !== undefined && clock.toNs(e) < start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && lo < packets.length) {
      this.fileIdx = packets[lo].file;
      this.offset = packets[lo].offset;
    } else if (lo >= packets.length && packets.length > 0) {
      const last = packets[packets.length - 1];
      this.fileIdx = last.file;
      this.offset = last.offset;
    }
  }

  next(): EventChunk | null {
    if (this.pending) {
      const e = this.pending;
      this.pending = undefined;
      this.done = true;
      throw e;
    }
    while (!this.done) {
      if (!this.buf && !this.openPacket()) {
        this.done = true;
        return null;
      }
      const chunk = this.decodeChunk();
      if (chunk) return chunk;
      if (this.pending) return this.next();
    }
    return null;
  }

  /**
   * Starts reading the first packet on the read-ahead thread (files it serves), before any is open: takes over
   * the read of the file's first bytes `expectReads` started, else asks for one.
   */
  prefetch(): void {
    if (this.head !== undefined || this.done) return;
    if (!this.takeEarly()) this.readAhead(0);
  }

  /** Makes the early read of the current file (if any, and if it holds the current offset) the read-ahead. */
  private takeEarly(): boolean {
    const early = this.stream.files[this.fileIdx]?.src.takeEarly?.();
    if (!early || this.ahead || this.offset >= early.read.len) return false;
    this.ahead = { file: this.fileIdx, start: 0, read: early.read, store: { buf: early.buf, pins: 0 } };
    return true;
  }

  /** Opens the next packet; false at the end of the stream. */
  private openPacket(): boolean {
    const files = this.stream.files;
    const { reader } = this.ctx;
    while (this.fileIdx < files.length) {
      const f = files[this.fileIdx];
      if (this.offset >= f.src.size) {
        this.fileIdx++;
        this.offset = 0;
        this.takeEarly();
        continue;
      }
      let head: PacketHead;
      try {
        const remaining = f.src.size - this.offset;
        const w = Math.min(remaining, HEAD_WINDOW);
        head = reader.headIn(this.bytesAt(w), w, f.src, this.offset) ?? reader.head(f.src, this.offset);
        const buf = this.bytesAt(Math.ceil(head.contentBits / 8));
        const S = reader.S;
        S.cl = this.cl;
        S.ch = this.ch;
        reader.decodeHead(buf, head.contentBits, f.src, this.offset);
        this.cl = S.cl;
        this.ch = S.ch;
        this.v.set(S.v);
        this.buf = buf;
        this.bufStore = this.blockStore;
      } catch (e) {
        this.done = true;
        throw reader.wrap(e, f.src, this.offset);
      }
      this.head = head;
      this.p = head.dataBit;
      this.end = head.contentBits;
      this.offset += head.totalBits / 8;
      this.recordLosses(head);
      this.readAhead(head.totalBits / 8);
      return true;
    }
    return false;
  }

  /**
   * A view of `len` bytes of the current file at the current offset, followed by at least PAD readable bytes
   * (file data or zeros): served from the read-ahead block, which is refilled when needed.
   */
  private bytesAt(len: number): Uint8Array {
    const off = this.offset;
    const b = this.block;
    if (
      b &&
      this.blockFile === this.fileIdx &&
      off >= this.blockStart &&
      off + len + PAD <= this.blockStart + b.length
    ) {
      return b.subarray(off - this.blockStart);
    }
    const src = this.stream.files[this.fileIdx].src;
    let block: Uint8Array;
    let start = off;
    const ahead = this.takeAhead(off, len);
    if (ahead) {
      block = ahead;
      start = this.blockStart;
    } else if (src.readInto) {
      // A reusable buffer per cursor (chunks copy what they keep, or pin the buffer they read from lazily).
      // Grown to a power of two: a fresh multi-megabyte buffer costs page faults on every first touch, so perf's
      // packets of slowly increasing sizes must not each allocate one.
      const store = this.storeFor(len + PAD);
      // Read what is needed (at least a BLOCK of read-ahead), not the whole store: untouched pages stay unfaulted.
      block = store.buf.length > BLOCK ? store.buf.subarray(0, Math.max(len + PAD, BLOCK)) : store.buf;
      this.blockStore = store;
      const got = src.readInto(off, block);
      const valid = Math.max(got, 0);
      if (valid < len + PAD) block.fill(0, valid, Math.min(block.length, len + PAD));
      if (valid < block.length) block = block.subarray(0, Math.max(valid, len) + PAD);
    } else {
      this.blockStore = { pins: 0 };
      const got = src.read(off, Math.max(len + PAD, BLOCK));
      block = got;
      if (got.length < len + PAD) {
        block = new Uint8Array(got.length + PAD);
        block.set(got);
      }
    }
    this.block = block;
    this.blockStart = start;
    this.blockFile = this.fileIdx;
    return block.subarray(off - start);
  }

  /**
   * When the packet after the current one (at `this.offset`) is not all in the current block, starts reading it
   * on the read-ahead thread into a spare store. Its size comes from its own header (from the block, or a small
   * read; the shared decoding state is restored before every decode), else is guessed as the current one's, `last`
   * bytes: a read too short is completed on this thread (`takeAhead`).
   */
  private readAhead(last: number): void {
    const f = this.stream.files[this.fileIdx];
    const off = this.offset;
    if (this.ahead || !f?.src.readAhead || off >= f.src.size) return;
    const covered = (n: number): boolean => {
      const b = this.block;
      return b !== null && this.blockFile === this.fileIdx && off + n + PAD <= this.blockStart + b.length;
    };
    const left = f.src.size - off;
    if (covered(Math.min(left, last + HEAD_WINDOW))) return;
    const size = this.nextSize(f.src, off, covered(Math.min(left, HEAD_WINDOW)));
    const want = Math.min(left, Math.max(BLOCK, (size ?? last) + HEAD_WINDOW));
    if (covered(want)) return;
    const need = want + PAD;
    const k = this.idle.findIndex(
      x => x.pins === 0 && x.buf.length >= need && x.buf.buffer instanceof SharedArrayBuffer
    );
    const store = k >= 0 ? this.idle.splice(k, 1)[0] : { buf: sharedBytes(blockSize(need)), pins: 0 };
    const read = f.src.readAhead(off, store.buf.subarray(0, want));
    if (read) this.ahead = { file: this.fileIdx, start: off, read, store };
    else this.idle.push(store);
  }

  /** The size in bytes of the packet at `off` from its header (in the block when `inBlock`), if it decodes. */
  private nextSize(src: ByteSource, off: number, inBlock: boolean): number | undefined {
    const { reader } = this.ctx;
    const w = Math.min(src.size - off, HEAD_WINDOW);
    const bytes = inBlock
      ? (this.block as Uint8Array).subarray(off - this.blockStart)
      : reader.load(src, off, w);
    try {
      const h = reader.headIn(bytes, w, src, off);
      return h === undefined ? undefined : h.totalBits / 8;
    } catch {
      // A damaged header is reported when the packet is read.
      return undefined;
    }
  }

  /**
   * The read-ahead block holding `len` bytes at `off` of the current file (reading what it lacks), made the
   * current store, with `blockStart` set to where it starts; undefined when the read-ahead is elsewhere.
   */
  private takeAhead(off: number, len: number): Uint8Array | undefined {
    const a = this.ahead;
    if (!a) return undefined;
    this.ahead = null;
    let got = a.read.wait();
    // Bytes from the block's start up to the end of the `len` asked for and the padding.
    const need = off - a.start + len + PAD;
    if (a.file !== this.fileIdx || off < a.start || got < 0 || a.store.buf.length < need) {
      // A read given up may still write to its store later: that store is dropped, not reused.
      if (a.read.done) this.idle.push(a.store);
      return undefined;
    }
    const src = this.stream.files[this.fileIdx].src;
    const buf = a.store.buf;
    if (got < need && a.start + got < src.size) got += src.readInto!(a.start + got, buf.subarray(got, need));
    if (got < need) buf.fill(0, got, need);
    if (this.store) this.idle.push(this.store);
    this.store = a.store;
    this.blockStore = a.store;
    this.blockStart = a.start;
    // File data up to `got`; past the end of the file, zeros up to `need`.
    return buf.subarray(0, Math.max(got, need));
  }

  /**
   * A store of at least `need` bytes that no chunk pins: the current one, an idle one, or a new one. Pinned
   * stores wait in `idle` until their chunks are released; unpinned ones too small for the packets met are let go.
   */
  private storeFor(need: number): Store {
    const cur = this.store;
    if (cur && cur.pins === 0 && cur.buf.length >= need) return cur;
    if (cur && cur.pins > 0) this.idle.push(cur);
    const k = this.idle.findIndex(x => x.pins === 0 && x.buf.length >= need);
    const src = this.stream.files[this.fileIdx].src;
    const n = blockSize(need);
    const next =
      k >= 0
        ? this.idle.splice(k, 1)[0]
        : { buf: src.readAhead ? sharedBytes(n) : new Uint8Array(n), pins: 0 };
    this.idle = this.idle.filter(x => x.pins > 0 || x.buf.length >= need);
    this.store = next;
    return next;
  }

  private recordLosses(h: PacketHead): void {
    const clock = this.ctx.clockOf(h.stream);
    const end =
      h.end !== undefined ? clock.toNs(h.end) : h.begin !== undefined ? clock.toNs(h.begin) : undefined;
    const begin = h.begin !== undefined ? clock.toNs(h.begin) : end;
    const prev = this.prev;
    const key = `${this.stream.id}:${this.fileIdx}:${h.offset}`;
    if (h.discarded !== undefined) {
      const base = prev ? prev.discarded : this.opts.start === undefined ? 0n : undefined;
      if (base !== undefined && h.discarded > base) {
        const start = prev?.end ?? begin ?? 0n;
        this.ctx.addLoss(key, {
          stream: this.stream.name,
          kind: 'events',
          count: h.discarded - base,
          start,
          end: end ?? start
        });
      }
    }
    if (h.seq !== undefined && prev?.seq !== undefined && h.seq > prev.seq + 1n) {
      const start = prev.end ?? begin ?? 0n;
      this.ctx.addLoss(`${key}:p`, {
        stream: this.stream.name,
        kind: 'packets',
        count: h.seq - prev.seq - 1n,
        start,
        end: begin ?? start
      });
    }
    this.prev = { discarded: h.discarded, seq: h.seq, end };
  }

  private decodeChunk(): EventChunk | null {
    const { reader, events } = this.ctx;
    const S = reader.S;
    const head = this.head as PacketHead;
    const f = this.stream.files[this.fileIdx] ?? this.stream.files[this.stream.files.length - 1];
    const buf = this.buf as Uint8Array;
    S.setBuffer(buf);
    S.p = this.p;
    S.end = this.end;
    S.cl = this.cl;
    S.ch = this.ch;
    S.v.set(this.v);
    this.refs.reset();
    let failed = false;
    try {
      decodeEvents(S, head.stream, this.refs, this.opts.keep);
    } catch (e) {
      failed = true;
      this.pending = reader.wrap(e, f.src, head.offset);
    }
    this.p = S.p;
    this.cl = S.cl;
    this.ch = S.ch;
    this.v.set(S.v);
    if (this.pending || S.p >= this.end) this.buf = null;
    const clock = this.ctx.clockOf(head.stream);
    const { cpuSource, start } = this.opts;
    const mem = this.pool ? { pool: this.pool, buf, block: this.bufStore } : undefined;
    return buildChunk(this.refs, events, clock, this.stream.id, head.cpu, cpuSource, start, failed, mem);
  }
}
