/**
 * Starts the interrupt watcher thread (`interrupt-worker.ts`) on the interrupt pipe and routes its requests
 * to the runner. See the worker for how a cell stuck in synchronous code is stopped without losing state.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Shared state and stop function of a running watcher. */
export interface IInterruptWatcher {
  /** Tells the watcher which execution runs (0: none). */
  setRunning(tag: number): void;
}

/**
 * Starts watching `fd` for interrupts; `onInterrupt(tag)` runs on the main thread. Returns undefined when the
 * compiled worker is not available (TypeScript sources under jest): interrupts then only reach awaiting cells.
 */
export function startInterruptWatcher(
  fd: number,
  onInterrupt: (tag: number) => void
): IInterruptWatcher | undefined {
  const file = join(__dirname, 'interrupt-worker.js');
  if (!existsSync(file)) return undefined;
  const state = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(file, { workerData: { state, fd, graceMs: 100 } });
  worker.unref();
  worker.on('message', (tag: number) => {
    Atomics.add(state, 0, 1);
    onInterrupt(tag);
  });
  worker.on('error', e => process.stderr.write(`tracelab: interrupt watcher failed: ${e.message}\n`));
  return { setRunning: tag => Atomics.store(state, 1, tag) };
}
