/**
 * Read-ahead on a second thread: a reader that knows where it will read next asks for those bytes early
 * (`ReadAhead.start`), a worker thread reads them into shared memory while the reader decodes what it has, and
 * the reader collects them (`finish`) when it gets there. On a full pass over a large trace the file reads (a copy
 * from the page cache per byte) then overlap decoding instead of adding to it.
 *
 * One worker per process, started on first use and never keeping the process alive. The target must be a view of
 * a SharedArrayBuffer. When no worker can be started (or `TRACELAB_READ_AHEAD=0`), `available()` is false and
 * callers read synchronously as before.
 */
import { Worker } from 'node:worker_threads';

/** The worker: reads (fd, offset, length) into shared memory, then publishes the byte count and wakes the caller. */
const WORKER = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', m => {
  const t = new Uint8Array(m.sab, m.at, m.length);
  let done = 0;
  try {
    while (done < m.length) {
      const got = fs.readSync(m.fd, t, done, m.length - done, m.offset + done);
      if (got <= 0) break;
      done += got;
    }
  } catch {
    done = -1;
  }
  const c = new Int32Array(m.ctrl);
  Atomics.store(c, 1, done);
  Atomics.store(c, 0, 1);
  Atomics.notify(c, 0);
});
`;

let worker: Worker | null | undefined;

function theWorker(): Worker | null {
  if (worker !== undefined) return worker;
  worker = null;
  if (process.env.TRACELAB_READ_AHEAD === '0') return worker;
  try {
    const w = new Worker(WORKER, { eval: true });
    w.unref();
    w.on('error', () => {
      worker = null;
    });
    worker = w;
  } catch {
    worker = null;
  }
  return worker;
}

/** A read in flight: its control word (0 pending, 1 done) and result (bytes read, -1 on error). */
export interface Ticket {
  readonly offset: number;
  readonly target: Uint8Array;
  readonly ctrl: Int32Array;
}

export const ReadAhead = {
  /**
   * Whether read-ahead pays for a file of `size` bytes: from 32 MB (a read of a smaller file takes less than
   * starting the helper thread), or from `TRACELAB_READ_AHEAD_MIN` bytes when set (tests).
   */
  worthFor(size: number): boolean {
    const min = Number(process.env.TRACELAB_READ_AHEAD_MIN ?? 32 << 20);
    return this.available() && size >= min;
  },

  /** Whether reads can go to the helper thread (it is started by the first `start`). */
  available(): boolean {
    return worker !== null && process.env.TRACELAB_READ_AHEAD !== '0';
  },

  /** Starts reading `target.length` bytes of `fd` at `offset` into `target` (a SharedArrayBuffer view). */
  start(fd: number, offset: number, target: Uint8Array): Ticket | undefined {
    const w = theWorker();
    if (w === null || !(target.buffer instanceof SharedArrayBuffer)) return undefined;
    const ctrl = new Int32Array(new SharedArrayBuffer(8));
    w.postMessage({
      fd,
      offset,
      sab: target.buffer,
      at: target.byteOffset,
      length: target.length,
      ctrl: ctrl.buffer
    });
    return { offset, target, ctrl };
  },

  /** Waits for a read to end; the number of bytes read, or -1 when it failed (read again synchronously). */
  finish(t: Ticket): number {
    while (Atomics.load(t.ctrl, 0) === 0) Atomics.wait(t.ctrl, 0, 0, 1000);
    return Atomics.load(t.ctrl, 1);
  }
};

/** A shared, zero-filled byte buffer when read-ahead is possible (so the worker can fill it), else a plain one. */
export function readBuffer(n: number): Uint8Array {
  return ReadAhead.available() ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(n);
}
