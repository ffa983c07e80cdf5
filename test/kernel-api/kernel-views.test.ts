/**
 * Through the real kernel (ZeroMQ, jupyter_client): a cell `const t = await tracelab.open(many-threads);
 * t.controlFlow()` yields an execute_result with the timegraph MIME type, an SVG fallback and text, and the
 * view's comm handle answers a `timegraph.fetch` over the `tracelab` comm target with the exact states of
 * thread 4297 (woken at the trace start, switched in 4,088 ns later: babeltrace2).
 */
import { join } from 'node:path';
import { validateCommReply } from '../../src/protocol';
import type { ITimeGraphFetchReply } from '../../src/protocol';
import {
  buildKernel,
  jupyterEnv,
  PYTHON,
  run,
  TRACES,
  type IJupyterEnv
} from '../kernel/helpers/kernel-build';

interface IResult {
  walls: number[];
  mimes: string[];
  sizes: Record<string, number>;
  text: string;
  svgHead: string;
  comm: { target: string; handle: string } | null;
  legend: string[];
  row4297: string;
  reply: unknown;
  displays: string[];
}

let jenv: IJupyterEnv;

beforeAll(() => {
  buildKernel();
  jenv = jupyterEnv();
}, 240_000);

afterAll(() => jenv?.cleanup());

test('a control-flow cell displays the timegraph bundle; the comm serves finer data', () => {
  const script = join(__dirname, 'py', 'view_cell.py');
  const trace = join(TRACES, 'tracecompass', 'many-threads');
  const r = run(PYTHON, [script, trace], jenv.env, undefined, 180_000);
  expect(r.stderr).not.toMatch(/Traceback/);
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as IResult;
  expect(out.mimes).toEqual(['application/vnd.tracelab.timegraph.v1+json', 'image/svg+xml', 'text/plain']);
  expect(out.svgHead).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(out.text).toMatch(/^Control flow: \d+ rows, \d+ intervals over 432.662358 ms/);
  expect(out.sizes['application/vnd.tracelab.timegraph.v1+json']).toBeLessThan(1_000_000);
  expect(out.comm).toMatchObject({ target: 'tracelab', handle: expect.stringMatching(/^view-/) });
  expect(out.displays.some(d => /control flow: .*done in/.test(d))).toBe(true);
  expect(out.row4297).toBe('t:wilbrod:4297');
  const v = validateCommReply(out.reply, out.legend.length, 0);
  expect(v.ok ? [] : v.errors).toEqual([]);
  const reply = out.reply as ITimeGraphFetchReply;
  expect(reply.type).toBe('timegraph.data');
  expect(reply.intervals.start.slice(0, 2)).toEqual([0, 4088]);
  expect(out.legend[reply.intervals.state[0]]).toBe('WAIT_FOR_CPU');
}, 240_000);
