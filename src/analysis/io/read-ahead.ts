/**
 * Read-ahead on a helper thread: positioned reads of a file into shared memory, done by one worker thread of the
 * process while the caller decodes what it already has. On a machine with a core to spare, copying a large
 * trace's bytes out of the page cache (about a sixth of a full streaming read) then costs the decoding thread
 * nothing but the wait for reads that are not finished yet.
 *
 * The worker is started on first use and never keeps the process alive. Reads may be requested while it starts
 * (some 50 ms, more on a busy machine): a read the thread has not begun when its bytes are wanted is taken back
 * (`wait` returns -1 at once and the thread skips it), and the caller reads by itself. A read is one message to the
 * worker; its completion is a word in shared memory the caller waits on (`Atomics.wait`), so a synchronous reader
 * can use it. A failed read reports -1 and the caller reads the bytes again itself, so errors are reported where
 * they always were.
 * Which files use it: `byte-source.ts` (`TRACELAB_READ_AHEAD=0` turns it off).
 */
import { Worker } from 'node:worker_threads';

/** States of a read (word 0 of `PendingRead.word`; word 1 is the byte count once DONE). */
const QUEUED = 0;
const DONE = 1;
const BEGUN = 2;
const TAKEN_BACK = 3;

/** The thread: a read is begun only if still queued (the caller may have taken it back). */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', m => {
  if (m.ready) { Atomics.store(m.ready, 0, 1); return; }
  if (Atomics.compareExchange(m.done, 0, ${QUEUED}, ${BEGUN}) !== ${QUEUED}) return;
  let got = 0;
  try {
    const u8 = new Uint8Array(m.buf, m.off, m.len);
    while (got < m.len) {
      const n = fs.readSync(m.fd, u8, got, m.len - got, m.pos + got);
      if (n <= 0) break;
      got += n;
    }
  } catch (e) {
    got = -1;
  }
  Atomics.store(m.done, 1, got);
  Atomics.store(m.done, 0, ${DONE});
  Atomics.notify(m.done, 0);
});
`;

/**
 * How long a read may take before it is given up: the thread is then taken for gone (it cannot say so while the
 * caller waits synchronously), and the caller reads by itself from then on instead of hanging.
 */
const GIVE_UP_MS = 20_000;

/**
 * A read in flight: `wait()` returns the number of bytes read, or -1 when the read failed, was given up, or had
 * not begun (then it never will: the caller reads the bytes itself).
 */
export class PendingRead {
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  constructor(
    /** File offset and length asked for. */
    readonly pos: number,
    readonly len: number,
    /** Where the bytes go (shared memory). */
    readonly target: Uint8Array
  ) {}
  /** @internal */
  get word(): Int32Array {
    return this.state;
  }
  /** True once the thread will not write to the target any more (the read is done, or was taken back). */
  get done(): boolean {
    const s = Atomics.load(this.state, 0);
    return s === DONE || s === TAKEN_BACK;
  }
  wait(timeoutMs = GIVE_UP_MS): number {
    // Not begun (the thread is busy or still starting): taken back, so the caller does not wait for it.
    if (Atomics.compareExchange(this.state, 0, QUEUED, TAKEN_BACK) === QUEUED) return -1;
    const until = Date.now() + timeoutMs;
    while (Atomics.load(this.state, 0) === BEGUN) {
      const left = until - Date.now();
      if (left <= 0) {
        // Given up: its target must not be reused (the thread may still write to it), and no more reads go to it.
        shared = null;
        return -1;
      }
      Atomics.wait(this.state, 0, BEGUN, left);
    }
    return Atomics.load(this.state, 0) === DONE ? this.state[1] : -1;
  }
}

let shared: ReadAhead | null | undefined;

/** The process's read-ahead thread. */
export class ReadAhead {
  private readonly worker: Worker;
  private readonly ready = new Int32Array(new SharedArrayBuffer(4));

  private constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.unref();
    // If the thread cannot run (no resources), reads simply stay on the caller's thread.
    this.worker.on('error', () => {
      shared = null;
    });
    this.worker.postMessage({ ready: this.ready });
  }

  /** Reads handed to the thread so far. */
  requests = 0;

  /** The shared read-ahead thread, started on first call; undefined when it failed. */
  static get(): ReadAhead | undefined {
    if (shared === undefined) shared = new ReadAhead();
    return shared ?? undefined;
  }

  /** Whether reads are served yet. */
  get started(): boolean {
    return Atomics.load(this.ready, 0) === 1;
  }

  /**
   * Reads `target.length` bytes of `fd` at `pos` into `target` (a view of a SharedArrayBuffer) on the helper
   * thread (queued while it starts); undefined when the thread was retired (read it yourself).
   */
  request(fd: number, pos: number, target: Uint8Array): PendingRead | undefined {
    if (shared !== this) return undefined;
    const r = new PendingRead(pos, target.length, target);
    this.requests++;
    this.worker.postMessage({
      fd,
      pos,
      len: target.length,
      buf: target.buffer,
      off: target.byteOffset,
      done: r.word
    });
    return r;
  }
}

/**
 * Starts the read-ahead thread before any read, for a process about to read large traces: the `tracelab` command
 * calls it before loading the rest of its code, so that the thread's start-up (some 60 ms of CPU, over 90 ms of
 * wall time on a busy two-core machine) overlaps that loading instead of the metadata parse, and the thread is up
 * to read the streams' first packets while the metadata is parsed (`expectReads`). Nothing with
 * TRACELAB_READ_AHEAD=0.
 */
export function startReadAhead(): void {
  if (process.env.TRACELAB_READ_AHEAD !== '0') ReadAhead.get();
}

/** A Uint8Array the read-ahead thread can write to. */
export function sharedBytes(n: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(n));
}
