/**
 * Entry point of the evaluation child process (forked by `child-evaluator.ts`): wires the output channel,
 * cell API, module loader, runner, comms and interrupt watcher, then serves the kernel's IPC requests.
 * User errors outside a cell (timers, unhandled rejections) are printed to the cell's stderr, never fatal.
 */
import { inspect } from 'node:util';
import { createCellApi } from '../../api';
import { findTracelabVersion } from '../../handler/kernel-info';
import { TRACELAB_COMM_TARGET } from '../../../protocol';
import { attachViewComm, viewStore } from '../../views';
import type { FromChild, ToChild } from '../ipc';
import { INTERRUPT_FD } from '../ipc';
import { CommManager } from './comms';
import { createCellConsole } from './console';
import { installGlobals } from './globals';
import { complete, inspectAt } from './introspect';
import { startInterruptWatcher } from './interrupt-watcher';
import { createModuleRuntime } from './modules';
import { OutputChannel } from './output';
import { CellRunner } from './runner';

function send(m: FromChild): void {
  try {
    process.send!(m);
  } catch (e) {
    process.send!({ kind: 'log', text: `could not send ${m.kind}: ${(e as Error).message}` });
  }
}

const log = (text: string): void => send({ kind: 'log', text });
const output = new OutputChannel(send);
const comms = new CommManager(output, log);
// Views displayed by cells serve finer data (zoom) over the `tracelab` comm target.
comms.registerTarget(TRACELAB_COMM_TARGET, (comm, data) => attachViewComm(viewStore, comm, data));
const api = createCellApi(output, findTracelabVersion(__dirname));
const modules = createModuleRuntime(process.cwd(), { tracelab: api.tracelab });
installGlobals(api, modules, createCellConsole(output));

// The runner reports the running cell to the watcher, the watcher sends interrupts to the runner.
const runner: CellRunner = new CellRunner(output, tag => watcher?.setRunning(tag));
const watcher = startInterruptWatcher(INTERRUPT_FD, tag => runner.interrupt(tag));

function handle(m: ToChild): void {
  const reply = (body: Extract<FromChild, { kind: 'reply' }>['body']): void =>
    send({ kind: 'reply', tag: m.tag, body });
  switch (m.kind) {
    case 'execute':
      void runner
        .execute({ tag: m.tag, code: m.code, count: m.count, userExpressions: m.userExpressions })
        .then(reply);
      return;
    case 'complete':
      return reply(complete(m.code, m.cursor));
    case 'inspect':
      return reply(inspectAt(m.code, m.cursor, m.detail));
    case 'comm':
      void comms.handle(m.msgType, m.content, m.buffers, m.tag).then(() => reply(null));
      return;
    case 'comm_info':
      return reply(comms.info(m.target));
  }
}

const report = (what: string) => (e: unknown) =>
  output.write('stderr', `${what}: ${e instanceof Error ? (e.stack ?? e.message) : inspect(e)}\n`);
process.on('uncaughtException', report('Uncaught exception'));
process.on('unhandledRejection', report('Unhandled promise rejection'));
process.on('SIGINT', () => undefined); // interrupts arrive on the pipe; the kernel owns Ctrl-C
process.on('disconnect', () => process.exit(0));
process.on('message', (m: ToChild) => handle(m));
send({ kind: 'ready' });
