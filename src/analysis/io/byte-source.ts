/**
 * Byte sources: random access to a file's bytes, the only place in `src/analysis/` that touches the file system.
 *
 * Readers never assume a whole file is in memory: they ask for `read(offset, length)` windows. Tests hand readers
 * in-memory sources (`MemoryByteSource`). `FileSystemAccess` lists folders so format readers can find stream files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReadAhead } from './read-ahead';
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
  constructor(readonly name: string) {
    this._fd = fs.openSync(name, 'r');
    this.size = fs.fstatSync(this._fd).size;
    const ahead = readAheadFor(this.size);
    if (ahead) this.readAhead = (offset, target) => this.requestAhead(ahead, offset, target);
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

/**
 * Starts the read-ahead thread now when any of `files` is large enough to use it, rather than when the first is
 * opened: the thread then starts while the caller parses metadata, not while the decoders are being compiled
 * (on a machine with two cores, its start-up delayed their optimized code by tens of milliseconds).
 */
export function expectReads(fsa: FileSystemAccess, files: readonly string[]): void {
  if (fsa.size === undefined) return;
  for (const f of files) {
    const n = fsa.size(f);
    if (n !== undefined && readAheadFor(n) !== undefined) return;
  }
}
