/**
 * The protocol handler with a scripted evaluator and a recording IO (no sockets, no child process):
 * message order, busy/idle brackets, execution counts, error aborts, control requests while a cell runs,
 * cursor positions in code points, history and is_complete.
 */
import type { KernelMessage } from '@jupyterlab/services';
import type {
  ExecuteOutcome,
  ICompletion,
  IEvaluator,
  IExecuteInput,
  IInspection,
  IOutputSink
} from '../../src/kernel-bridge/handler/evaluator';
import { globToRegExp, History } from '../../src/kernel-bridge/handler/history';
import { isComplete } from '../../src/kernel-bridge/handler/is-complete';
import { KernelHandler } from '../../src/kernel-bridge/handler/kernel-handler';
import type { IRequest, IRequestIO, JsonObject } from '../../src/kernel-bridge/handler/types';

type Entry = [kind: 'reply' | 'pub', type: string, content: JsonObject];

class RecordingIO implements IRequestIO {
  constructor(private readonly _log: Entry[]) {}
  reply(type: string, content: unknown): Promise<void> {
    this._log.push(['reply', type, content as JsonObject]);
    return Promise.resolve();
  }
  publish(type: string, content: unknown): Promise<void> {
    this._log.push(['pub', type, content as JsonObject]);
    return Promise.resolve();
  }
}

/** Cells: `print X` streams X; `value X` returns X; `fail` throws; `wait` waits for release(). */
class ScriptedEvaluator implements IEvaluator {
  calls: string[] = [];
  interrupts = 0;
  release: () => void = () => undefined;
  async execute(input: IExecuteInput, sink: IOutputSink): Promise<ExecuteOutcome> {
    this.calls.push(input.code);
    const [cmd, arg] = input.code.split(' ');
    if (cmd === 'print') sink.stream('stdout', `${arg}\n`);
    if (cmd === 'wait') await new Promise<void>(r => (this.release = r));
    if (cmd === 'fail') {
      return { status: 'error', ename: 'Error', evalue: 'boom', traceback: ['Error: boom'] };
    }
    const result = cmd === 'value' ? { data: { 'text/plain': arg }, metadata: {} } : undefined;
    return { status: 'ok', result, userExpressions: {} };
  }
  async complete(_code: string, cursor: number): Promise<ICompletion> {
    this.calls.push(`complete@${cursor}`);
    return { matches: ['SQRT2'], cursorStart: cursor - 2, cursorEnd: cursor };
  }
  async inspect(): Promise<IInspection> {
    return { found: true, data: { 'text/plain': 'doc' } };
  }
  async comm(type: string, content: JsonObject, _b: Uint8Array[], sink: IOutputSink): Promise<void> {
    this.calls.push(`${type}:${String(content.target_name)}`);
    sink.comm('comm_close', { comm_id: content.comm_id ?? '', data: {} });
  }
  async commInfo(): Promise<Record<string, string>> {
    return { c1: 'tracelab' };
  }
  interrupt(): void {
    this.interrupts++;
    this.release();
  }
  async dispose(): Promise<void> {}
}

function setup() {
  const log: Entry[] = [];
  const evaluator = new ScriptedEvaluator();
  const shutdowns: boolean[] = [];
  const logs: string[] = [];
  const handler = new KernelHandler({
    evaluator,
    info: { status: 'ok' } as KernelMessage.IInfoReplyMsg['content'],
    onShutdown: r => shutdowns.push(r),
    log: m => logs.push(m)
  });
  let n = 0;
  const req = (type: string, content: JsonObject = {}, channel: 'shell' | 'control' = 'shell'): IRequest => ({
    channel,
    header: { msg_id: `m${++n}`, msg_type: type } as KernelMessage.IHeader,
    content,
    metadata: {},
    buffers: []
  });
  const io = new RecordingIO(log);
  const shell = (type: string, content?: JsonObject) => handler.onShell(req(type, content), io);
  const control = (type: string, content?: JsonObject) =>
    handler.onControl(req(type, content, 'control'), io);
  const types = () => log.map(([k, t, c]) => (t === 'status' ? `${c.execution_state}` : `${k}:${t}`));
  return { log, evaluator, handler, shell, control, types, shutdowns, logs };
}

test('kernel_info is bracketed by busy and idle', async () => {
  const k = setup();
  k.shell('kernel_info_request');
  await k.handler.drained();
  expect(k.types()).toEqual(['busy', 'reply:kernel_info_reply', 'idle']);
});

test('execute: input, stream, result, reply, with the execution count', async () => {
  const k = setup();
  k.shell('execute_request', { code: 'print hi' });
  k.shell('execute_request', { code: 'value 42' });
  await k.handler.drained();
  expect(k.types()).toEqual([
    'busy', 'pub:execute_input', 'pub:stream', 'reply:execute_reply', 'idle',
    'busy', 'pub:execute_input', 'pub:execute_result', 'reply:execute_reply', 'idle'
  ]); // prettier-ignore
  const result = k.log.find(([, t]) => t === 'execute_result')![2];
  expect(result).toEqual({ execution_count: 2, data: { 'text/plain': '42' }, metadata: {} });
  const replies = k.log.filter(([k2]) => k2 === 'reply').map(e => e[2]);
  expect(replies.map(r => [r.status, r.execution_count])).toEqual([
    ['ok', 1],
    ['ok', 2]
  ]);
});

test('silent executions publish nothing and keep the count', async () => {
  const k = setup();
  k.shell('execute_request', { code: 'print hidden', silent: true });
  k.shell('execute_request', { code: 'value 1' });
  await k.handler.drained();
  expect(k.types().slice(0, 3)).toEqual(['busy', 'reply:execute_reply', 'idle']);
  expect(k.handler.executionCount).toBe(1);
});

test('an error aborts the executions queued behind it, not other requests', async () => {
  const k = setup();
  k.shell('execute_request', { code: 'fail' });
  k.shell('execute_request', { code: 'value 1' });
  k.shell('kernel_info_request');
  k.shell('execute_request', { code: 'value 2' });
  await k.handler.drained();
  expect(k.evaluator.calls).toEqual(['fail']);
  const replies = k.log.filter(([kind]) => kind === 'reply').map(([, t, c]) => `${t}:${String(c.status)}`);
  expect(replies).toEqual([
    'execute_reply:error',
    'execute_reply:aborted',
    'kernel_info_reply:ok',
    'execute_reply:aborted'
  ]);
  const error = k.log.find(([, t]) => t === 'error')![2];
  expect(error).toEqual({ ename: 'Error', evalue: 'boom', traceback: ['Error: boom'] });
  k.shell('execute_request', { code: 'value 3' }); // later requests run again
  await k.handler.drained();
  expect(k.evaluator.calls).toEqual(['fail', 'value 3']);
});

test('stop_on_error false keeps the queue', async () => {
  const k = setup();
  k.shell('execute_request', { code: 'fail', stop_on_error: false });
  k.shell('execute_request', { code: 'value 1' });
  await k.handler.drained();
  expect(k.evaluator.calls).toEqual(['fail', 'value 1']);
});

test('interrupt on control is handled while a cell runs', async () => {
  const k = setup();
  k.shell('execute_request', { code: 'wait' });
  k.shell('execute_request', { code: 'value 1' });
  await new Promise(r => setImmediate(r));
  expect(k.evaluator.calls).toEqual(['wait']);
  k.control('interrupt_request');
  await k.handler.drained();
  expect(k.evaluator.interrupts).toBe(1);
  const order = k.log.filter(([kind]) => kind === 'reply').map(([, t]) => t);
  expect(order).toEqual(['interrupt_reply', 'execute_reply', 'execute_reply']);
});

test('completion cursors are code points on the wire, UTF-16 indices for the evaluator', async () => {
  const k = setup();
  const code = '😀 Math.SQ'; // the emoji is 1 code point, 2 UTF-16 units
  k.shell('complete_request', { code, cursor_pos: 9 }); // the end: 9 code points, 10 UTF-16 units
  await k.handler.drained();
  expect(k.evaluator.calls).toEqual(['complete@10']);
  const reply = k.log.find(([, t]) => t === 'complete_reply')![2];
  expect(reply).toMatchObject({ status: 'ok', matches: ['SQRT2'], cursor_start: 7, cursor_end: 9 });
});

test('comm messages reach the evaluator; comm_info lists open comms', async () => {
  const k = setup();
  k.shell('comm_open', { comm_id: 'x', target_name: 'nope', data: {} });
  k.shell('comm_info_request', {});
  await k.handler.drained();
  expect(k.evaluator.calls).toEqual(['comm_open:nope']);
  expect(k.types()).toEqual(['busy', 'pub:comm_close', 'idle', 'busy', 'reply:comm_info_reply', 'idle']);
  expect(k.log[4][2]).toEqual({ status: 'ok', comms: { c1: { target_name: 'tracelab' } } });
});

test('shutdown replies first, then calls back with the restart flag', async () => {
  const k = setup();
  k.control('shutdown_request', { restart: true });
  await new Promise(r => setImmediate(r));
  expect(k.log[1]).toEqual(['reply', 'shutdown_reply', { status: 'ok', restart: true }]);
  expect(k.shutdowns).toEqual([true]);
});

test('unknown message types are logged and not answered', async () => {
  const k = setup();
  k.shell('frobnicate_request');
  await k.handler.drained();
  expect(k.log).toEqual([]);
  expect(k.logs[0]).toMatch(/unknown message type frobnicate_request/);
});

describe('history', () => {
  const h = new History();
  ['a = 1', 'b = 2', 'a + b', 'a = 1'].forEach((code, i) => h.add(i + 1, code, i === 2 ? '3' : ''));

  test('tail, range and search', () => {
    expect(h.query({ hist_access_type: 'tail', n: 2, output: false, raw: true })).toEqual([
      [1, 3, 'a + b'],
      [1, 4, 'a = 1']
    ]);
    expect(
      h.query({ hist_access_type: 'range', session: 1, start: 2, stop: 4, output: true, raw: true })
    ).toEqual([
      [1, 2, ['b = 2', '']],
      [1, 3, ['a + b', '3']]
    ]);
    const search = (unique: boolean, n = 0) =>
      h.query({ hist_access_type: 'search', pattern: 'a*', unique, n, output: false, raw: true });
    expect(search(false)).toEqual([[1, 1, 'a = 1'], [1, 3, 'a + b'], [1, 4, 'a = 1']]); // prettier-ignore
    expect(search(true)).toEqual([[1, 3, 'a + b'], [1, 4, 'a = 1']]); // prettier-ignore
    expect(search(false, 1)).toEqual([[1, 4, 'a = 1']]);
  });

  test('globs are fnmatch-like over the whole input', () => {
    expect(globToRegExp('6 * 7').test('6 * 7')).toBe(true);
    expect(globToRegExp('a?c').test('abc')).toBe(true);
    expect(globToRegExp('a.c').test('abc')).toBe(false);
    expect(globToRegExp('b').test('abc')).toBe(false);
  });
});

test.each([
  ['', 'complete', undefined],
  ['1 + 1', 'complete', undefined],
  ['await fetchIt()', 'complete', undefined],
  ['function f() {', 'incomplete', '  '],
  ['if (x) {\n    foo(', 'incomplete', '      '],
  ['`template', 'incomplete', ''],
  ['/* comment', 'incomplete', ''],
  ['const = 1', 'invalid', undefined],
  ["'unterminated", 'invalid', undefined]
])('is_complete %j -> %s', (code, status, indent) => {
  const r = isComplete(code);
  expect(r.status).toBe(status);
  if (indent !== undefined) expect(r).toEqual({ status, indent });
});
