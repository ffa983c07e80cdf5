/**
 * The example notebooks (`examples/*.ipynb`) executed as CI runs them: Debian's `jupyter nbconvert --execute`
 * with the real tracelab kernel (built and installed into a temporary prefix by the kernel tests' helpers), on the
 * real traces of `../shared/traces`. Each run must succeed with no error output; views must carry the tracelab
 * MIME type with `image/svg+xml` and `text/plain` fallbacks; a few numbers are checked against the recordings' own
 * ground truth (`client-requests.tsv`, `process-events.tsv`, `ranks.tsv`).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKernel, jupyterEnv, PYTHON, ROOT, run, type IJupyterEnv } from '../kernel/helpers/kernel-build';
import { analyzeNotebook, type INotebook, type INotebookReport } from './helpers/notebook-outputs';

const EXAMPLES = join(ROOT, 'examples');
const TIMEGRAPH = 'application/vnd.tracelab.timegraph.v1+json';
const CRITICAL_PATH = 'application/vnd.tracelab.criticalpath.v1+json';
const CHART = 'application/vnd.tracelab.chart.v1+json';

/** Views each notebook must show (at least this many of each MIME type). */
const EXPECTED_VIEWS: Record<string, Record<string, number>> = {
  'many-threads.ipynb': { [TIMEGRAPH]: 2, [CHART]: 3 },
  'django-poll.ipynb': { [TIMEGRAPH]: 1, [CRITICAL_PATH]: 1, [CHART]: 1 },
  'scp-synctraces.ipynb': { [CRITICAL_PATH]: 1 },
  'login.ipynb': { [TIMEGRAPH]: 1, [CRITICAL_PATH]: 1 },
  'mpi-imbalance.ipynb': { [TIMEGRAPH]: 1, [CHART]: 1 }
};
/** Notebooks executed and checked by their own test file (`<name>.test.ts` beside this one). */
const OWN_TEST = ['vm-preemption.ipynb'];

let jenv: IJupyterEnv;
let outDir: string;
const reports = new Map<string, INotebookReport>();
const seconds = new Map<string, number>();

/** Executes `examples/<name>` with nbconvert; returns the executed notebook and the run. */
function execute(name: string): { nb: INotebook | undefined; status: number | null; log: string } {
  const t0 = Date.now();
  const r = run(
    'jupyter',
    [
      'nbconvert',
      '--to',
      'notebook',
      '--execute',
      join(EXAMPLES, name),
      '--ExecutePreprocessor.kernel_name=tracelab',
      '--ExecutePreprocessor.timeout=120',
      '--output-dir',
      outDir,
      '--output',
      name
    ],
    jenv.env,
    EXAMPLES,
    180_000
  );
  seconds.set(name, (Date.now() - t0) / 1000);
  const out = join(outDir, name);
  const nb = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as INotebook) : undefined;
  return { nb, status: r.status, log: r.stdout + r.stderr };
}

beforeAll(() => {
  buildKernel();
  jenv = jupyterEnv();
  outDir = mkdtempSync(join(tmpdir(), 'tracelab-examples-'));
}, 300_000);

afterAll(() => {
  jenv?.cleanup();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  const timings = [...seconds].map(([n, s]) => `${n} ${s.toFixed(1)} s`).join(', ');
  if (timings) console.log(`example notebook run times: ${timings}`);
});

test('examples/ holds the expected notebooks, valid nbformat 4, committed without outputs', () => {
  const names = readdirSync(EXAMPLES)
    .filter(f => f.endsWith('.ipynb'))
    .sort();
  expect(names).toEqual([...Object.keys(EXPECTED_VIEWS), ...OWN_TEST].sort());
  const check =
    'import nbformat, sys\n' +
    'for p in sys.argv[1:]:\n' +
    '    nb = nbformat.read(p, as_version=4)\n' +
    '    nbformat.validate(nb)\n' +
    "    assert nb.metadata.kernelspec.name == 'tracelab', p\n" +
    "    assert any(c.cell_type == 'markdown' for c in nb.cells), p\n" +
    "    assert all(not c.get('outputs') for c in nb.cells if c.cell_type == 'code'), p\n" +
    "print('ok')\n";
  const r = run(PYTHON, ['-c', check, ...names.map(n => join(EXAMPLES, n))], jenv.env);
  expect(r.stderr).toBe('');
  expect(r.stdout.trim()).toBe('ok');
});

describe.each(Object.keys(EXPECTED_VIEWS))('%s', name => {
  test('executes with nbconvert and the tracelab kernel, no errors, views with fallbacks', () => {
    const { nb, status, log } = execute(name);
    expect({ status, log: status === 0 ? '' : log }).toEqual({ status: 0, log: '' });
    const report = analyzeNotebook(nb!);
    reports.set(name, report);
    expect(report.errors).toEqual([]);
    expect(report.cellsWithoutOutput).toEqual([]);
    for (const [mime, atLeast] of Object.entries(EXPECTED_VIEWS[name])) {
      expect([mime, report.views.filter(v => v.mime === mime).length >= atLeast]).toEqual([mime, true]);
    }
    for (const v of report.views) {
      expect({ mime: v.mime, svg: v.svg, text: v.text.length > 0 }).toEqual({
        mime: v.mime,
        svg: true,
        text: true
      });
    }
    expect(seconds.get(name)).toBeLessThan(60);
  }, 200_000);
});

const texts = (name: string): string => {
  const r = reports.get(name);
  if (!r) throw new Error(`${name} did not run`);
  return r.texts.join('\n');
};

test('django-poll: the POST vote critical path covers its client window through the backend 29117', () => {
  // client-requests.tsv, iteration 0 POST: 2752638733244 .. 2752687263808 ns = 48.530564 ms;
  // request-map.tsv: served by wsgi thread 29073 and PostgreSQL backend 29117.
  const out = texts('django-poll.ipynb');
  expect(out).toMatch(
    /Critical path of python3 \[29114\]: \d+ segments over \d+ workers, 48\.530564 ms covered/
  );
  expect(out).toMatch(/postgres \[29117\] +RUNNING/);
  expect(out).toMatch(/apache2 \[29073\] +RUNNING/);
});

test('scp-synctraces: VM3 is synchronised to VM1 and the ssh critical path crosses to VM3', () => {
  const out = texts('scp-synctraces.ipynb');
  expect(out).toMatch(/VM3 +VM1 +VM1 +1\.0000\d+ +-\d+ +accurate/);
  expect(out).toMatch(/Critical path of ssh \[7422\]/);
  expect(out).toMatch(/sshd \[4048\]/);
  expect(out).toMatch(/segments over hosts VM1, VM3/);
});

test('login: the first login spawns the processes process-events.tsv lists', () => {
  const out = texts('login.ipynb');
  // process-events.tsv, login 0: sshd 27550 (fork of listener 27499), preauth 27551, sh 27552, run-parts 27553,
  // 10-uname 27554, uname 27555, session sshd 27556, bash 27557.
  for (const [tid, ppid, name] of [
    [27550, 27499, 'sshd'],
    [27551, 27550, 'sshd'],
    [27552, 27550, 'sh'],
    [27553, 27552, 'run-parts'],
    [27554, 27553, '10-uname'],
    [27555, 27554, 'uname'],
    [27556, 27550, 'sshd'],
    [27557, 27556, 'bash']
  ]) {
    expect(out).toMatch(new RegExp(`${tid} +${ppid} +${name} `));
  }
  expect(out).toMatch(/Critical path of ssh \[27549\]/);
});

test('mpi-imbalance: per-rank wait matches ranks.tsv and rank 1 busy-waits with poll()', () => {
  const out = texts('mpi-imbalance.ipynb');
  // ranks.tsv: rank 1 waits 569.464 ms in total (sum of barrier_ms), rank 0 computes 759.x ms.
  const m = /\n1 +27383 +10 +(\d+) +(\d+) +(0\.\d+)/.exec(out);
  expect(m).not.toBeNull();
  expect(Math.abs(Number(m![2]) / 1e6 - 569.464)).toBeLessThan(0.5);
  expect(Number(m![3])).toBeGreaterThan(0.7);
  expect(out).toMatch(/10 busy-wait spans of rank 1's thread/);
  expect(out).toMatch(/\{ poll: \d+ \}/);
});

test('a failing cell fails the nbconvert run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracelab-examples-fail-'));
  try {
    const nb = {
      cells: [
        {
          cell_type: 'code',
          execution_count: null,
          id: 'a',
          metadata: {},
          outputs: [],
          source: 'throw new Error("boom")'
        }
      ],
      metadata: {
        kernelspec: { name: 'tracelab', display_name: 'tracelab (TypeScript)', language: 'typescript' }
      },
      nbformat: 4,
      nbformat_minor: 5
    };
    writeFileSync(join(dir, 'fail.ipynb'), JSON.stringify(nb));
    const r = run(
      'jupyter',
      ['nbconvert', '--to', 'notebook', '--execute', join(dir, 'fail.ipynb')],
      jenv.env,
      dir
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/boom/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
