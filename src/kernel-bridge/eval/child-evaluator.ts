/**
 * The kernel's evaluator: cells run in a forked child process (as jp-kernel's nel does), so the kernel stays
 * responsive while a cell runs, an interrupt can stop even a synchronous loop (see child/interrupt-worker.ts),
 * and a crashed or hopelessly stuck child is replaced (its variables are then lost, and the cell says so).
 * Requests and output travel over Node IPC; output is routed to the sink of the request it belongs to.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type {
  ExecuteOutcome,
  ICompletion,
  IEvaluator,
  IExecuteInput,
  IInspection,
  IOutputSink
} from '../handler/evaluator';
import type { JsonObject } from '../handler/types';
import { interruptedInfo } from './traceback';
import type { CommType, FromChild, IReplyBodies, ToChild } from './ipc';
import { INTERRUPT_FD } from './ipc';

/** Options of the child-process evaluator. */
export interface IChildEvaluatorOptions {
  /** Working directory of cells (default: the kernel's). */
  cwd?: string;
  /** How long an interrupted cell may take to stop before the child is replaced (default 3000 ms). */
  interruptGraceMs?: number;
  log?: (message: string) => void;
  /** The child's entry script (default: the compiled `child/main.js` next to this file). */
  childScript?: string;
}

type Kind = keyof IReplyBodies;
interface IPending {
  kind: Kind;
  resolve(body: unknown): void;
}

/** What a request resolves to when the child dies before answering. */
const FALLBACK: { [K in Exclude<Kind, 'execute'>]: IReplyBodies[K] } = {
  complete: { matches: [], cursorStart: 0, cursorEnd: 0 },
  inspect: { found: false, data: {} },
  comm: null,
  comm_info: {}
};

const SINK_MEMORY = 256;

/** Runs cells in a child process; see the module comment. */
export class ChildEvaluator implements IEvaluator {
  constructor(private readonly _options: IChildEvaluatorOptions = {}) {}

  async execute(input: IExecuteInput, sink: IOutputSink): Promise<ExecuteOutcome> {
    const { code, executionCount: count, userExpressions } = input;
    return this._request('execute', sink, tag => ({ kind: 'execute', tag, code, count, userExpressions }));
  }

  complete(code: string, cursor: number): Promise<ICompletion> {
    return this._request('complete', undefined, tag => ({ kind: 'complete', tag, code, cursor }));
  }

  inspect(code: string, cursor: number, detail: number): Promise<IInspection> {
    return this._request('inspect', undefined, tag => ({ kind: 'inspect', tag, code, cursor, detail }));
  }

  async comm(
    msgType: CommType,
    content: JsonObject,
    buffers: Uint8Array[],
    sink: IOutputSink
  ): Promise<void> {
    await this._request('comm', sink, tag => ({ kind: 'comm', tag, msgType, content, buffers }));
  }

  commInfo(target?: string): Promise<Record<string, string>> {
    return this._request('comm_info', undefined, tag => ({ kind: 'comm_info', tag, target }));
  }

  interrupt(): void {
    const tag = this._runningExecute();
    if (tag === undefined || !this._child) return;
    (this._child.stdio[INTERRUPT_FD] as Writable | null)?.write(`${tag}\n`);
    const grace = this._options.interruptGraceMs ?? 3000;
    setTimeout(() => {
      if (this._pending.has(tag)) {
        this._replace(tag, 'the cell did not stop; the evaluation process was restarted');
      }
    }, grace).unref();
  }

  async dispose(): Promise<void> {
    this._disposed = true;
    this._child?.kill('SIGKILL');
    this._child = undefined;
  }

  /** Process id of the current child (tests). */
  get childPid(): number | undefined {
    return this._child?.pid;
  }

  private _runningExecute(): number | undefined {
    for (const [tag, p] of this._pending) if (p.kind === 'execute') return tag;
    return undefined;
  }

  private async _request<K extends Kind>(
    kind: K,
    sink: IOutputSink | undefined,
    build: (tag: number) => ToChild
  ): Promise<IReplyBodies[K]> {
    if (this._disposed) throw new Error('evaluator disposed');
    const tag = ++this._tag;
    if (sink) this._remember(tag, sink);
    const reply = new Promise<IReplyBodies[K]>(resolve => {
      this._pending.set(tag, { kind, resolve: resolve as (b: unknown) => void });
    });
    // If the child dies before it is ready, `_exited` answers the pending request.
    this._ensureChild().then(
      child => child.send(build(tag)),
      () => undefined
    );
    return reply;
  }

  private _remember(tag: number, sink: IOutputSink): void {
    this._sinks.set(tag, sink);
    this._lastSink = sink;
    if (this._sinks.size > SINK_MEMORY) this._sinks.delete(this._sinks.keys().next().value!);
  }

  /** Starts the child now (it otherwise starts with the first request). */
  start(): void {
    if (!this._disposed) void this._ensureChild().catch(() => undefined);
  }

  private _ensureChild(): Promise<ChildProcess> {
    this._ready ??= this._spawn();
    return this._ready;
  }

  private _spawn(): Promise<ChildProcess> {
    const script = this._options.childScript ?? join(__dirname, 'child', 'main.js');
    const child = fork(script, [], {
      cwd: this._options.cwd ?? process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc', 'pipe'],
      serialization: 'advanced',
      // Interrupts tear down the JavaScript stack; without this flag Node aborts on the async-hook stack check.
      execArgv: ['--no-force-async-hooks-checks'],
      // Own process group: a SIGINT sent to the kernel's group is handled (once) by the kernel, not the child.
      detached: true
    });
    this._child = child;
    child.stdout?.on('data', (d: Buffer) => this._lastSink?.stream('stdout', d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => this._lastSink?.stream('stderr', d.toString('utf8')));
    child.on('exit', (code, signal) => this._exited(child, code, signal));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', () => reject(new Error('evaluation process exited before it was ready')));
      child.on('message', (m: FromChild) => (m.kind === 'ready' ? resolve(child) : this._message(m)));
    });
  }

  private _message(m: FromChild): void {
    if (m.kind === 'log') return this._log(m.text);
    if (m.kind === 'ready') return;
    if (m.kind === 'reply') {
      const p = this._pending.get(m.tag);
      this._pending.delete(m.tag);
      return p?.resolve(m.body);
    }
    const sink = this._sinks.get(m.tag) ?? this._lastSink;
    if (!sink) return;
    if (m.kind === 'stream') sink.stream(m.name, m.text);
    else if (m.kind === 'display') sink.display(m.msgType, m.content);
    else if (m.kind === 'clear') sink.clearOutput(m.wait);
    else sink.comm(m.msgType, m.content, m.buffers);
  }

  /** Kills the child because `tag` would not stop; the cell ends as interrupted. */
  private _replace(tag: number, detail: string): void {
    this._pending
      .get(tag)
      ?.resolve({ status: 'error', ...interruptedInfo(`${detail}; variables were lost`) });
    this._pending.delete(tag);
    this._child?.kill('SIGKILL');
  }

  private _exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this._child) return;
    this._child = undefined;
    this._ready = undefined;
    if (!this._disposed) this._log(`evaluation process exited (code ${code}, signal ${signal})`);
    const why = `evaluation process exited (${signal ?? `code ${code}`}); variables were lost`;
    for (const [tag, p] of this._pending) {
      p.resolve(
        p.kind === 'execute'
          ? {
              status: 'error',
              ename: 'KernelChildExited',
              evalue: why,
              traceback: [`KernelChildExited: ${why}`]
            }
          : FALLBACK[p.kind as Exclude<Kind, 'execute'>]
      );
      this._pending.delete(tag);
    }
  }

  private _log(message: string): void {
    (this._options.log ?? (m => process.stderr.write(`tracelab kernel: ${m}\n`)))(message);
  }

  private _child: ChildProcess | undefined;
  private _ready: Promise<ChildProcess> | undefined;
  private _disposed = false;
  private _tag = 0;
  private readonly _pending = new Map<number, IPending>();
  private readonly _sinks = new Map<number, IOutputSink>();
  private _lastSink: IOutputSink | undefined;
}
