/**
 * Interrupt watcher thread of the evaluation child. It reads `<tag>\n` lines from the interrupt pipe and
 * asks the main thread to end that execution. If the main thread does not answer within 100 ms it is stuck
 * in JavaScript (a loop, before or after an `await`), so the watcher stops that JavaScript through the
 * inspector (`Runtime.terminateExecution`, which V8 cancels once the stack has unwound) and asks again.
 * `workerData.state` is shared: [0] counts messages the main thread handled, [1] is the running tag.
 */
import { Session } from 'node:inspector';
import { Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { state, fd, graceMs } = workerData as { state: Int32Array; fd: number; graceMs: number };
const session = new Session();
session.connectToMainThread();

function interrupt(tag: number): void {
  const handled = Atomics.load(state, 0);
  parentPort!.postMessage(tag);
  setTimeout(() => {
    if (Atomics.load(state, 0) !== handled || Atomics.load(state, 1) !== tag) return;
    session.post('Runtime.terminateExecution', () => parentPort!.postMessage(tag));
  }, graceMs);
}

let pending = '';
const pipe = new Socket({ fd, readable: true, writable: false });
pipe.setEncoding('latin1');
pipe.on('data', (chunk: string) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const l of lines) if (/^\d+$/.test(l)) interrupt(Number(l));
});
pipe.on('error', () => undefined);
