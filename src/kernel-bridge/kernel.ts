/**
 * tracelab's Jupyter kernel process: `node dist/kernel-bridge/kernel.js -f <connection file>` (as the
 * kernelspec's argv says). Wires the ZeroMQ server, the protocol handler and the child-process evaluator;
 * SIGINT interrupts the running cell; shutdown_request (restart or not) ends the process after replying,
 * and jupyter_client starts a fresh one for a restart.
 */
import { ChildEvaluator } from './eval/child-evaluator';
import { findTracelabVersion, kernelInfo } from './handler/kernel-info';
import { KernelHandler } from './handler/kernel-handler';
import { readConnectionFile } from './wire/connection';
import { KernelServer } from './wire/server';

/** Connection file path from `-f <file>`, `--connection-file=<file>` or the first positional argument. */
export function connectionFileArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-f' || a === '--connection-file') return argv[i + 1];
    if (a.startsWith('--connection-file=')) return a.slice('--connection-file='.length);
  }
  return argv.find(a => !a.startsWith('-'));
}

/** Runs the kernel until shutdown. */
export async function runKernel(argv: readonly string[]): Promise<void> {
  const file = connectionFileArg(argv);
  if (!file) throw new Error('usage: kernel.js -f <connection file>');
  const info = readConnectionFile(file);
  const grace = Number(process.env.TRACELAB_INTERRUPT_GRACE_MS) || undefined;
  const evaluator = new ChildEvaluator({ interruptGraceMs: grace });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await evaluator.dispose();
    await server.close();
    process.exit(0);
  };
  const handler = new KernelHandler({
    evaluator,
    info: kernelInfo(findTracelabVersion(__dirname)),
    onShutdown: () => void stop()
  });
  const server = await KernelServer.start(info, handler);
  evaluator.start();
  process.on('SIGINT', () => handler.interrupt());
  process.on('SIGTERM', () => void stop());
}

if (require.main === module) {
  runKernel(process.argv.slice(2)).catch(e => {
    process.stderr.write(`tracelab kernel: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
