/**
 * The kernel against Debian's Jupyter tools, over real ZeroMQ: `jupyter kernelspec list`, the
 * jupyter_kernel_test conformance suite (py/kernel_conformance.py), jupyter_client checks of interrupts,
 * restart, bad signatures, error recovery, a 10M-row table and a 1M-interval view in bounded display_data
 * messages (py/client_checks.py), and `jupyter nbconvert --execute`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKernel, jupyterEnv, PYTHON, run, type IJupyterEnv } from './helpers/kernel-build';

const PY_DIR = join(__dirname, 'py');
const FIXTURES = join(__dirname, 'fixtures');

interface INotebookOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
}
interface INotebook {
  cells: { cell_type: string; source: string | string[]; outputs?: INotebookOutput[] }[];
}

const joined = (s: string | string[] | undefined): string => (Array.isArray(s) ? s.join('') : (s ?? ''));

let jenv: IJupyterEnv;

beforeAll(() => {
  buildKernel();
  jenv = jupyterEnv();
}, 180_000);

afterAll(() => jenv?.cleanup());

test('jupyter kernelspec list shows the tracelab kernelspec', () => {
  const r = run('jupyter', ['kernelspec', 'list', '--json'], jenv.env);
  expect(r.status).toBe(0);
  const specs = JSON.parse(r.stdout) as { kernelspecs: Record<string, { spec: Record<string, unknown> }> };
  const spec = specs.kernelspecs.tracelab.spec;
  expect(spec.language).toBe('typescript');
  expect(spec.display_name).toBe('tracelab (TypeScript)');
  expect(spec.interrupt_mode).toBe('message');
});

test('jupyter_kernel_test conformance suite passes (all optional tests but the pager)', () => {
  const r = run(PYTHON, ['-m', 'unittest', '-v', 'kernel_conformance'], jenv.env, PY_DIR);
  expect(r.stderr).toMatch(/Ran 12 tests/);
  expect(r.stderr).toMatch(/\nOK \(skipped=1\)/);
  expect(r.stderr).toMatch(/test_pager .* skipped/);
  expect(r.status).toBe(0);
});

test('jupyter_client: interrupts, restart, bad signature, errors keep state, aborts, big tables and views', () => {
  const r = run(PYTHON, ['-m', 'unittest', '-v', 'client_checks'], jenv.env, PY_DIR, 300_000);
  console.log(r.stdout.match(/1M-interval view: .*/)?.[0] ?? r.stdout);
  expect(r.stderr).toMatch(/Ran 12 tests/);
  expect(r.stderr).toMatch(/\nOK\n/);
  expect(r.status).toBe(0);
}, 300_000);

test('nbconvert --execute runs the smoke notebook and keeps the outputs', () => {
  const out = join(jenv.dir, 'smoke.out.ipynb');
  const r = run(
    'jupyter',
    ['nbconvert', '--to', 'notebook', '--execute', join(FIXTURES, 'smoke.ipynb'), '--output', out],
    jenv.env
  );
  expect(r.status).toBe(0);
  const nb = JSON.parse(readFileSync(out, 'utf8')) as INotebook;
  const outputs = nb.cells.filter(c => c.cell_type === 'code').map(c => c.outputs ?? []);
  expect(outputs[0].map(o => [o.output_type, o.name, joined(o.text)])).toEqual([
    ['stream', 'stdout', 'hello, world\n']
  ]);
  expect(outputs[1][0].output_type).toBe('display_data');
  expect(joined(outputs[1][0].data?.['text/html'])).toBe('<b>bold</b>');
  expect(joined(outputs[1][0].data?.['text/plain'])).toBe('bold');
  expect(outputs[2][0].output_type).toBe('execute_result');
  expect(Object.keys(outputs[2][0].data ?? {})).toEqual(['text/plain']);
  expect(joined(outputs[2][0].data?.['text/plain'])).toBe('42');
  // Known answer (babeltrace2 --clock-seconds): first and last event, host "ade", 8 streams.
  const info = joined(outputs[3][0].data?.['text/plain']);
  expect(info).toContain('(1712858823838013365 – 1712858823838067992 ns)');
  expect(info).toMatch(/host=ade streams=8 .*ctf-sequence-empty/);
  expect(joined(outputs[3][0].data?.['text/html'])).toContain('<table>');
});

test('nbconvert --execute fails on a failing cell', () => {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'tracelab', display_name: 'tracelab (TypeScript)', language: 'typescript' }
    },
    cells: ['const a = 1;', "throw new Error('expected failure');", 'a'].map((source, i) => ({
      cell_type: 'code',
      id: `c${i}`,
      metadata: {},
      execution_count: null,
      outputs: [],
      source
    }))
  };
  const file = join(jenv.dir, 'failing.ipynb');
  writeFileSync(file, JSON.stringify(nb));
  const r = run(
    'jupyter',
    ['nbconvert', '--to', 'notebook', '--execute', file, '--output', join(jenv.dir, 'f.out')],
    jenv.env
  );
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('expected failure');
});
