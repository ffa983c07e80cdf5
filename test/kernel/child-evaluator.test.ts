/**
 * The evaluator as the kernel uses it (built child process, no ZeroMQ): state across cells, console and
 * display output, rich results, errors with cell line numbers, interrupts of loops and awaits with state
 * kept, recovery from a dead child, completion, inspection, comms and the tracelab API.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildEvaluator as ChildEvaluatorClass } from '../../src/kernel-bridge/eval/child-evaluator';
import type { ExecuteOutcome, IOutputSink } from '../../src/kernel-bridge/handler/evaluator';
import type { JsonObject } from '../../src/kernel-bridge/handler/types';
import { buildKernel, TRACES } from './helpers/kernel-build';

interface IRecorded {
  type: string;
  content: JsonObject;
}

function recorder(): IOutputSink & { out: IRecorded[] } {
  const out: IRecorded[] = [];
  return {
    out,
    stream: (name, text) => out.push({ type: 'stream', content: { name, text } }),
    display: (type, content) => out.push({ type, content: content as unknown as JsonObject }),
    clearOutput: wait => out.push({ type: 'clear_output', content: { wait } }),
    comm: (type, content) => out.push({ type, content })
  };
}

let ev: ChildEvaluatorClass;
let count = 0;
const logs: string[] = [];

async function exec(code: string, sink = recorder()): Promise<{ outcome: ExecuteOutcome; out: IRecorded[] }> {
  const outcome = await ev.execute(
    { code, executionCount: ++count, silent: false, userExpressions: {} },
    sink
  );
  await new Promise(r => setTimeout(r, 20)); // let trailing output messages arrive
  return { outcome, out: sink.out };
}

async function value(code: string): Promise<string> {
  const { outcome } = await exec(code);
  if (outcome.status !== 'ok') {
    throw new Error(`${outcome.ename}: ${outcome.evalue}\n${outcome.traceback.join('\n')}`);
  }
  return String(outcome.result?.data['text/plain']);
}

beforeAll(() => {
  const dist = buildKernel();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ChildEvaluator } = require(join(dist, 'kernel-bridge', 'eval', 'child-evaluator.js')) as {
    ChildEvaluator: typeof ChildEvaluatorClass;
  };
  ev = new ChildEvaluator({ interruptGraceMs: 2000, log: m => logs.push(m) });
}, 180_000);

afterAll(() => ev?.dispose());

test('state persists; console goes to streams; the last value is the result', async () => {
  const { outcome, out } = await exec(
    "const n: number = 6;\nconsole.log('out', n);\nconsole.error('err');\nn * 7"
  );
  expect(outcome).toMatchObject({ status: 'ok', result: { data: { 'text/plain': '42' } } });
  expect(out).toEqual([
    { type: 'stream', content: { name: 'stdout', text: 'out 6\n' } },
    { type: 'stream', content: { name: 'stderr', text: 'err\n' } }
  ]);
  expect(await value('n + 1')).toBe('7');
  expect(await value("({ big: 2n ** 70n, s: 'x' })")).toBe("{ big: 1180591620717411303424n, s: 'x' }");
});

test('display, display ids and MIME bundles (always with text/plain)', async () => {
  const { out, outcome } = await exec(
    "display({ 'text/html': '<i>a</i>' });\nconst h = display('one', { id: 'd1' })!;\nh.update('two');\ndisplay.update({ 'text/markdown': '**3**' }, { id: 'd1' });"
  );
  expect(outcome.status).toBe('ok');
  expect(out.map(o => [o.type, o.content.data, o.content.transient])).toEqual([
    ['display_data', { 'text/html': '<i>a</i>', 'text/plain': '<text/html>' }, {}],
    ['display_data', { 'text/plain': "'one'" }, { display_id: 'd1' }],
    ['update_display_data', { 'text/plain': "'two'" }, { display_id: 'd1' }],
    ['update_display_data', { 'text/markdown': '**3**', 'text/plain': '**3**' }, { display_id: 'd1' }]
  ]);
  const r = await exec("({ 'application/json': { t: 1n << 60n }, 'text/plain': 'j' })");
  expect(r.outcome).toMatchObject({ result: { data: { 'application/json': { t: '1152921504606846976' } } } });
});

test('errors name the cell line; state survives', async () => {
  const { outcome } = await exec('type T = { a: number };\nconst t: T = { a: 1 };\n(t as any).b.c');
  expect(outcome.status).toBe('error');
  if (outcome.status !== 'error') return;
  expect(outcome.ename).toBe('TypeError');
  expect(outcome.traceback[1]).toMatch(/^ {4}at Cell\[\d+\]:3:14$/); // V8 points at `c`
  expect(outcome.traceback).toContain('> 3 | (t as any).b.c');
  expect(outcome.traceback.join('\n')).not.toMatch(/kernel-bridge|node:internal/);
  const syntax = await exec('let x = ;');
  expect(syntax.outcome).toMatchObject({
    status: 'error',
    ename: 'SyntaxError',
    evalue: 'Expression expected.'
  });
  expect(await value('t.a')).toBe('1');
});

test.each([
  ['a synchronous loop', 'while (true) {}'],
  ['a loop after await', 'await null;\nfor (;;) {}'],
  ['a pending await', 'await new Promise(() => {})']
])('interrupting %s keeps the state', async (_what, code) => {
  await exec('let kept = 41');
  const t0 = Date.now();
  const running = exec(code);
  await new Promise(r => setTimeout(r, 300));
  ev.interrupt();
  const { outcome } = await running;
  expect(outcome).toMatchObject({ status: 'error', ename: 'Interrupted' });
  expect(Date.now() - t0).toBeLessThan(1500);
  expect(await value('kept + 1')).toBe('42');
});

test('a dead child is replaced; the cell says the state was lost', async () => {
  await exec('globalThis.marker = 1');
  const pid = ev.childPid;
  const { outcome } = await exec('process.exit(3)');
  expect(outcome).toMatchObject({ status: 'error', ename: 'KernelChildExited' });
  expect(await value('typeof marker')).toBe("'undefined'");
  expect(ev.childPid).not.toBe(pid);
});

test('completion and inspection read the live scope', async () => {
  await exec('const zzObject = { alpha: 1, alps: 2, beta: 3 }');
  const c = await ev.complete('zzObject.al', 11);
  expect(c).toEqual({ matches: ['alpha', 'alps'], cursorStart: 9, cursorEnd: 11 });
  const g = await ev.complete('zzObj', 5);
  expect(g.matches).toEqual(['zzObject']);
  const i = await ev.inspect('tracelab.open(', 14, 0);
  expect(i.found).toBe(true);
  expect(String(i.data['text/plain'])).toMatch(
    /^tracelab\.open: function\n\ntracelab\.open\(path: string \| string\[\]\)/
  );
  expect((await ev.inspect('nothingHere', 3, 0)).found).toBe(false);
});

test('comms: unknown targets are closed; comm_info is empty', async () => {
  const sink = recorder();
  await ev.comm('comm_open', { comm_id: 'c1', target_name: 'nope', data: {} }, [], sink);
  expect(sink.out).toEqual([{ type: 'comm_close', content: { comm_id: 'c1', data: {} } }]);
  expect(await ev.commInfo()).toEqual({});
});

test('tracelab.open(path).info() (known answer from babeltrace2)', async () => {
  const path = join(TRACES, 'tracecompass', 'ctf-sequence-empty');
  const text = await value(`const t = await tracelab.open(${JSON.stringify(path)});\nt.info()`);
  expect(text).toContain('1 trace(s)');
  expect(text).toContain('(1712858823838013365 – 1712858823838067992 ns)');
  expect(await value('t.info().start')).toBe('1712858823838013365n');
});

test('imports: CommonJS, ES modules (static and dynamic), builtins', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-esm-'));
  const esm = join(dir, 'answer.mjs');
  writeFileSync(esm, 'export const answer = 42;\nexport default function twice(x) { return 2 * x; }\n');
  try {
    await exec(`import twice, { answer } from ${JSON.stringify(esm)};`);
    expect(await value('twice(answer)')).toBe('84');
    expect(await value(`(await import(${JSON.stringify(esm)})).answer`)).toBe('42');
    expect(await value("(await import('node:path')).basename('/a/b.ts')")).toBe("'b.ts'");
    expect(await value("import { tableFromArrays } from 'apache-arrow';\ntypeof tableFromArrays")).toBe(
      "'function'"
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('progress displays update in place', async () => {
  const { out } = await exec("const p = tracelab.progress('scan', 4);\np.finish()");
  expect(out.map(o => o.type)).toEqual(['display_data', 'update_display_data']);
  expect(out[1].content.data).toMatchObject({ 'text/plain': 'scan: 100% (4/4) done' });
});
