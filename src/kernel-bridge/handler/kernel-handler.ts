/**
 * The protocol handler: turns requests into replies and iopub messages, independent of sockets (as
 * jupyterlite's BaseKernel): busy/idle status around every request (jupyter_client 7 waits for it even on
 * kernel_info), shell requests one at a time (queued executions aborted after an error), control requests
 * (interrupt, shutdown) at once.
 */
import type { KernelMessage } from '@jupyterlab/services';
import { codePointToIndex, indexToCodePoint } from './cursor';
import type { IEvaluator, IOutputSink } from './evaluator';
import { History } from './history';
import { isComplete } from './is-complete';
import { ShellQueue } from './shell-queue';
import type { ContentOf, IRequest, IRequestIO, JsonObject, MimeBundle } from './types';

/** What the kernel process does on shutdown_request (after the reply is sent). */
export type ShutdownCallback = (restart: boolean) => void;

/** Options of the handler. */
export interface IKernelHandlerOptions {
  evaluator: IEvaluator;
  /** kernel_info_reply content. */
  info: ContentOf<'kernel_info_reply'>;
  onShutdown: ShutdownCallback;
  /** Where handler failures are logged (default: stderr). */
  log?: (message: string) => void;
}

type Handler = (req: IRequest, io: IRequestIO) => Promise<void>;

/** Handles shell and control requests of one kernel. */
export class KernelHandler {
  constructor(options: IKernelHandlerOptions) {
    this._evaluator = options.evaluator;
    this._info = options.info;
    this._onShutdown = options.onShutdown;
    this._log = options.log ?? (m => process.stderr.write(`tracelab kernel: ${m}\n`));
    this._queue = new ShellQueue(e => this._log(`request failed: ${errorText(e)}`));
  }

  /** Current execution count. */
  get executionCount(): number {
    return this._count;
  }

  /** A shell request: queued behind earlier ones. */
  onShell(req: IRequest, io: IRequestIO): void {
    this._queue.push({
      kind: req.header.msg_type,
      run: () => this.dispatch(req, io),
      abort: () => this._withStatus(io, () => this._abort(req, io))
    });
  }

  /** A control request: handled at once, even while a cell runs. */
  onControl(req: IRequest, io: IRequestIO): void {
    void this.dispatch(req, io).catch(e => this._log(`control request failed: ${errorText(e)}`));
  }

  /** Resolves when no shell request is waiting or running (tests). */
  drained(): Promise<void> {
    return this._queue.drained();
  }

  /** Handles one request now, between busy and idle status messages. Unknown types are logged, not answered. */
  async dispatch(req: IRequest, io: IRequestIO): Promise<void> {
    const handler = this._handlers[req.header.msg_type];
    if (!handler) {
      this._log(`unknown message type ${req.header.msg_type} on ${req.channel}`);
      return;
    }
    await this._withStatus(io, () => handler(req, io));
  }

  /** Interrupts the running cell (SIGINT to the kernel process, or interrupt_request). */
  interrupt(): void {
    this._evaluator.interrupt();
  }

  private async _withStatus(io: IRequestIO, body: () => Promise<void>): Promise<void> {
    void io.publish('status', { execution_state: 'busy' });
    try {
      await body();
    } finally {
      void io.publish('status', { execution_state: 'idle' });
    }
  }

  private readonly _handlers: Record<string, Handler | undefined> = {
    kernel_info_request: async (_req, io) => void io.reply('kernel_info_reply', this._info),
    execute_request: (req, io) => this._execute(req, io),
    complete_request: (req, io) => this._complete(req, io),
    inspect_request: (req, io) => this._inspect(req, io),
    is_complete_request: async (req, io) =>
      void io.reply('is_complete_reply', isComplete(String(req.content.code ?? ''))),
    history_request: async (req, io) =>
      void io.reply('history_reply', {
        status: 'ok',
        history: this._history.query(req.content as unknown as ContentOf<'history_request'>)
      } as ContentOf<'history_reply'>),
    comm_info_request: (req, io) => this._commInfo(req, io),
    comm_open: (req, io) => this._comm('comm_open', req, io),
    comm_msg: (req, io) => this._comm('comm_msg', req, io),
    comm_close: (req, io) => this._comm('comm_close', req, io),
    interrupt_request: async (_req, io) => {
      this._evaluator.interrupt();
      void io.reply('interrupt_reply', { status: 'ok' });
    },
    shutdown_request: (req, io) => this._shutdown(req, io)
  };

  private async _execute(req: IRequest, io: IRequestIO): Promise<void> {
    const c = req.content as unknown as ContentOf<'execute_request'>;
    const code = typeof c.code === 'string' ? c.code : '';
    const silent = c.silent === true;
    const store = c.store_history !== false && !silent;
    if (store) this._count++;
    const count = this._count;
    if (!silent) void io.publish('execute_input', { code, execution_count: count });
    const userExpressions = (c.user_expressions ?? {}) as Record<string, string>;
    const outcome = await this._evaluator.execute(
      { code, executionCount: count, silent, userExpressions },
      silent ? SILENT_SINK : sinkFor(io)
    );
    if (outcome.status === 'ok') {
      if (outcome.result && !silent) {
        void io.publish('execute_result', { execution_count: count, ...outcome.result });
      }
      if (store) this._history.add(count, code, plainText(outcome.result?.data));
      const reply = {
        status: 'ok',
        execution_count: count,
        payload: [],
        user_expressions: outcome.userExpressions
      };
      void io.reply('execute_reply', reply as ContentOf<'execute_reply'>);
      return;
    }
    const { ename, evalue, traceback } = outcome;
    if (store) this._history.add(count, code);
    if (!silent) void io.publish('error', { ename, evalue, traceback });
    void io.reply('execute_reply', { status: 'error', execution_count: count, ename, evalue, traceback });
    if (c.stop_on_error !== false) this._queue.abortPending('execute_request');
  }

  private async _abort(req: IRequest, io: IRequestIO): Promise<void> {
    if (req.header.msg_type === 'execute_request') {
      void io.reply('execute_reply', { status: 'aborted', execution_count: this._count });
    }
  }

  private async _complete(req: IRequest, io: IRequestIO): Promise<void> {
    const c = req.content as unknown as ContentOf<'complete_request'>;
    const code = String(c.code ?? '');
    const cursor = codePointToIndex(code, typeof c.cursor_pos === 'number' ? c.cursor_pos : code.length);
    const r = await this._evaluator.complete(code, cursor);
    void io.reply('complete_reply', {
      status: 'ok',
      matches: r.matches,
      cursor_start: indexToCodePoint(code, r.cursorStart),
      cursor_end: indexToCodePoint(code, r.cursorEnd),
      metadata: {}
    });
  }

  private async _inspect(req: IRequest, io: IRequestIO): Promise<void> {
    const c = req.content as unknown as ContentOf<'inspect_request'>;
    const code = String(c.code ?? '');
    const cursor = codePointToIndex(code, typeof c.cursor_pos === 'number' ? c.cursor_pos : code.length);
    const r = await this._evaluator.inspect(code, cursor, c.detail_level === 1 ? 1 : 0);
    void io.reply('inspect_reply', {
      status: 'ok',
      found: r.found,
      data: r.data as JsonObject,
      metadata: {}
    });
  }

  private async _commInfo(req: IRequest, io: IRequestIO): Promise<void> {
    const target = typeof req.content.target_name === 'string' ? req.content.target_name : undefined;
    const open = await this._evaluator.commInfo(target);
    const comms: Record<string, { target_name: string }> = {};
    for (const [id, name] of Object.entries(open)) comms[id] = { target_name: name };
    void io.reply('comm_info_reply', { status: 'ok', comms });
  }

  private async _comm(
    type: 'comm_open' | 'comm_msg' | 'comm_close',
    req: IRequest,
    io: IRequestIO
  ): Promise<void> {
    await this._evaluator.comm(type, req.content, req.buffers, sinkFor(io));
  }

  private async _shutdown(req: IRequest, io: IRequestIO): Promise<void> {
    const restart = req.content.restart === true;
    await io.reply('shutdown_reply', { status: 'ok', restart });
    this._onShutdown(restart);
  }

  private readonly _evaluator: IEvaluator;
  private readonly _info: ContentOf<'kernel_info_reply'>;
  private readonly _onShutdown: ShutdownCallback;
  private readonly _log: (message: string) => void;
  private readonly _queue: ShellQueue;
  private readonly _history = new History();
  private _count = 0;
}

/** Output of a request published on iopub with the request as parent. */
export function sinkFor(io: IRequestIO): IOutputSink {
  return {
    stream: (name, text) => void io.publish('stream', { name, text }),
    display: (msgType, content) =>
      void io.publish(msgType, content as KernelMessage.IUpdateDisplayDataMsg['content']),
    clearOutput: wait => void io.publish('clear_output', { wait }),
    comm: (msgType, content, buffers) =>
      void io.publish(msgType, content as ContentOf<'comm_msg'>, buffers ? { buffers } : undefined)
  };
}

/** Silent executions publish nothing. */
const SILENT_SINK: IOutputSink = {
  stream: () => undefined,
  display: () => undefined,
  clearOutput: () => undefined,
  comm: () => undefined
};

function plainText(data: MimeBundle | undefined): string {
  const t = data?.['text/plain'];
  return typeof t === 'string' ? t : '';
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
