/**
 * Byte sources: random access to a file's bytes, the only place in `src/analysis/` that touches the file system.
 *
 * Readers never assume a whole file is in memory: they ask for `read(offset, length)` windows. Tests hand readers
 * in-memory sources (`MemoryByteSource`). `FileSystemAccess` lists folders so format readers can find stream files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReadAhead, sharedBytes } from './read-ahead';
import type { PendingRead } from './read-ahead';

export interface ByteSource {
  /** A name for error messages (the file path). */
  readonly name: string;
  /** Total size in bytes. */
  readonly size: number;
  /** Bytes [offset, offset+length) clipped to the end of the source. The result may be a view: do not keep it. */
  read(offset: number, length: number): Uint8Array;
  /**
   * Optional: copies bytes from `offset` into `target` (as many as fit, clipped to the end of the source) and
   * returns how many were copied — lets hot readers reuse one buffer instead of allocating per read.
   */
  readInto?(offset: number, target: Uint8Array): number;
  /**
   * Present only on sources the read-ahead thread serves (`read-ahead.ts`): starts reading bytes from `offset` into
   * `target` (shared memory, see `sharedBytes`) there, clipped to the end of the source; undefined when the thread
   * was retired (then read with `readInto`). A read not begun when its bytes are wanted is taken back by `wait`.
   */
  readonly readAhead?: (offset: number, target: Uint8Array) => PendingRead | undefined;
  /**
   * Optional, once: the read of the file's first bytes started by `expectReads` before the source was opened, as
   * a read-ahead (its `target` the first bytes of `buf`), or undefined.
   */
  takeEarly?(): { read: PendingRead; buf: Uint8Array } | undefined;
  close(): void;
}

export class MemoryByteSource implements ByteSource {
  readonly size: number;
  constructor(
    readonly bytes: Uint8Array,
    readonly name = '<memory>'
  ) {
    this.size = bytes.length;
  }
  read(offset: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(offset, this.size));
    return this.bytes.subarray(start, Math.min(this.size, start + Math.max(0, length)));
  }
  readInto(offset: number, target: Uint8Array): number {
    const src = this.read(offset, target.length);
    target.set(src);
    return src.length;
  }
  close(): void {}
}

/**
 * Files at least this large use the read-ahead thread (started by `expectReads` or when the first is opened; it
 * takes some 50 ms to start). `TRACELAB_READ_AHEAD=1`: every file does; `0`: none.
 */
const READ_AHEAD_MIN = 16 << 20;

function readAheadFor(size: number): ReadAhead | undefined {
  const mode = process.env.TRACELAB_READ_AHEAD;
  if (mode === '0' || (mode !== '1' && size < READ_AHEAD_MIN)) return undefined;
  return ReadAhead.get();
}

/** A file read with positioned reads (pread); nothing is cached here. */
export class FileByteSource implements ByteSource {
  readonly size: number;
  private _fd: number;
  /** Set only for files the read-ahead thread serves (so readers of small files skip reading ahead at all). */
  readonly readAhead?: (offset: number, target: Uint8Array) => PendingRead | undefined;
  /** Reads in flight on the read-ahead thread (waited for before the file is closed). */
  private pending: PendingRead[] = [];
  private early: EarlyRead | undefined;
  constructor(readonly name: string) {
    // A file `expectReads` started reading comes with its descriptor and that read.
    this.early = earlyReads.get(name);
    earlyReads.delete(name);
    this._fd = this.early ? this.early.fd : fs.openSync(name, 'r');
    if (this.early) this.pending.push(this.early.read);
    this.size = fs.fstatSync(this._fd).size;
    const ahead = readAheadFor(this.size);
    if (ahead) this.readAhead = (offset, target) => this.requestAhead(ahead, offset, target);
  }
  takeEarly(): { read: PendingRead; buf: Uint8Array } | undefined {
    const e = this.early;
    this.early = undefined;
    return e && this._fd >= 0 ? { read: e.read, buf: e.buf } : undefined;
  }
  private requestAhead(ahead: ReadAhead, offset: number, target: Uint8Array): PendingRead | undefined {
    if (this._fd < 0) return undefined;
    const start = Math.max(0, Math.min(offset, this.size));
    const n = Math.min(this.size - start, target.length);
    if (n <= 0) return undefined;
    const r = ahead.request(this._fd, start, target.subarray(0, n));
    if (r) {
      this.pending = this.pending.filter(p => !p.done);
      this.pending.push(r);
    }
    return r;
  }
  read(offset: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(offset, this.size));
    const n = Math.min(this.size - start, Math.max(0, length));
    const buf = new Uint8Array(n);
    let done = 0;
    while (done < n) {
      const got = fs.readSync(this._fd, buf, done, n - done, start + done);
      if (got <= 0) break;
      done += got;
    }
    return done === n ? buf : buf.subarray(0, done);
  }
  readInto(offset: number, target: Uint8Array): number {
    const start = Math.max(0, Math.min(offset, this.size));
    const n = Math.min(this.size - start, target.length);
    let done = 0;
    while (done < n) {
      const got = fs.readSync(this._fd, target, done, n - done, start + done);
      if (got <= 0) break;
      done += got;
    }
    return done;
  }
  close(): void {
    // The read-ahead thread must not read a closed (or reused) descriptor (a read given up lands in a dropped
    // buffer).
    for (const r of this.pending) r.wait();
    this.pending = [];
    if (this._fd >= 0) fs.closeSync(this._fd);
    this._fd = -1;
  }
}

/** The folder operations format readers need. */
export interface FileSystemAccess {
  isDirectory(p: string): boolean;
  exists(p: string): boolean;
  /** Entry names (not paths), sorted. */
  list(dir: string): string[];
  open(p: string): ByteSource;
  /** Whole small file (metadata, XML stub traces). */
  readAll(p: string): Uint8Array;
  /** Optional: size in bytes of a file (undefined when it cannot be read). */
  size?(p: string): number | undefined;
  join(...parts: string[]): string;
}

export const nodeFileSystem: FileSystemAccess = {
  isDirectory: p => {
    try {
      return fs.statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
  exists: p => fs.existsSync(p),
  list: dir => fs.readdirSync(dir).sort(),
  open: p => new FileByteSource(p),
  readAll: p => {
    // A plain Uint8Array view of the buffer read, not a copy (a 1 MB copy costs several ms of page faults).
    const b = fs.readFileSync(p);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },
  join: (...parts) => path.join(...parts),
  size: p => {
    try {
      return fs.statSync(p).size;
    } catch {
      return undefined;
    }
  }
};

/** The first bytes of a file read before it is opened as a source (`expectReads`). */
interface EarlyRead {
  fd: number;
  read: PendingRead;
  buf: Uint8Array;
}

/** Early reads by path, until a `FileByteSource` of that path takes them over (or `expectReads`' release). */
const earlyReads = new Map<string, EarlyRead>();

/** Early reads: at most this many bytes per file, and in all (a trace may have hundreds of stream files). */
const EARLY_FILE = 16 << 20;
const EARLY_TOTAL = 32 << 20;
/** Room after the bytes read (readers want zeros after the data: `PAD` in `packet-reader.ts`, and a header peek). */
const EARLY_SLACK = 4096;

/**
 * Before a trace's metadata is parsed, when any of its `files` is large enough for the read-ahead thread: starts
 * the thread (rather than when the first file is opened: it then starts while the caller parses metadata, not
 * while the decoders are being compiled, which on a machine with two cores delayed their optimized code by tens of
 * milliseconds), and, on the local file system, has it read the first bytes of each such stream file (a share of
 * EARLY_TOTAL, at most EARLY_FILE), so that the first packets are in memory when the metadata is. The source
 * opened for the file takes the read over (`takeEarly`); `release` (call it once the sources are open) drops the
 * reads no source took.
 */
export function expectReads(fsa: FileSystemAccess, files: readonly string[]): () => void {
  const none = (): void => {};
  if (fsa.size === undefined) return none;
  const big: { f: string; n: number }[] = [];
  for (const f of files) {
    const n = fsa.size(f);
    if (n === undefined || n === 0 || readAheadFor(n) === undefined) continue;
    if (path.basename(f) !== 'metadata' && !fsa.isDirectory(f)) big.push({ f, n });
  }
  // No thread is started for traces without a file that large.
  if (big.length === 0) return none;
  const ahead = ReadAhead.get();
  if (fsa !== nodeFileSystem || !ahead) return none;
  const share = Math.min(EARLY_FILE, Math.floor(EARLY_TOTAL / big.length));
  const mine: string[] = [];
  for (const { f, n } of big) {
    if (earlyReads.has(f)) continue;
    let fd: number;
    try {
      fd = fs.openSync(f, 'r');
    } catch {
      continue;
    }
    const len = Math.min(n, share);
    const buf = sharedBytes(len + EARLY_SLACK);
    const read = ahead.request(fd, 0, buf.subarray(0, len));
    if (!read) {
      fs.closeSync(fd);
      continue;
    }
    earlyReads.set(f, { fd, read, buf });
    mine.push(f);
  }
  return () => {
    for (const f of mine) {
      const e = earlyReads.get(f);
      if (!e) continue;
      earlyReads.delete(f);
      // Taken back if not begun, else waited for: the descriptor is not closed under the thread.
      e.read.wait();
      fs.closeSync(e.fd);
    }
  };
}
