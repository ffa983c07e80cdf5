/**
 * `examples/vm-preemption.ipynb` executed as CI runs the examples (Debian's `jupyter nbconvert --execute` with the
 * real tracelab kernel), on the committed generated experiment `examples/data/vm-two-guests/` (`test/vm/generator`;
 * `test/vm/example-data.test.ts` keeps it equal to a fresh generation). The run must succeed with no error output,
 * its views must carry the tracelab MIME types with `image/svg+xml` and `text/plain` fallbacks, and the outputs
 * must hold the scenario's known answers: both guests synchronised (accurate), app's 13 ms gettimeofday, its
 * 13.004 ms of vCPU preemption of which 12.9415 ms by guest2's burner (13 ms minus 13 timer exits of 3 µs and 13
 * vmsync exits of 1.5 µs), and the same on the guest critical path.
 */
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKernel, jupyterEnv, PYTHON, ROOT, run, type IJupyterEnv } from '../kernel/helpers/kernel-build';
import { analyzeNotebook, type INotebook, type INotebookReport } from './helpers/notebook-outputs';

const NAME = 'vm-preemption.ipynb';
const EXAMPLES = join(ROOT, 'examples');
const TIMEGRAPH = 'application/vnd.tracelab.timegraph.v1+json';
const CRITICAL_PATH = 'application/vnd.tracelab.criticalpath.v1+json';

let jenv: IJupyterEnv;
let outDir: string;
let report: INotebookReport | undefined;

beforeAll(() => {
  buildKernel();
  jenv = jupyterEnv();
  outDir = mkdtempSync(join(tmpdir(), 'tracelab-example-vm-'));
}, 300_000);

afterAll(() => {
  jenv?.cleanup();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const texts = (): string => {
  if (!report) throw new Error(`${NAME} did not run`);
  return report.texts.join('\n');
};

test('committed valid nbformat 4 without outputs, tracelab kernel', () => {
  const check =
    'import nbformat, sys\n' +
    'nb = nbformat.read(sys.argv[1], as_version=4)\n' +
    'nbformat.validate(nb)\n' +
    "assert nb.metadata.kernelspec.name == 'tracelab'\n" +
    "assert all(not c.get('outputs') for c in nb.cells if c.cell_type == 'code')\n" +
    "print('ok')\n";
  const r = run(PYTHON, ['-c', check, join(EXAMPLES, NAME)], jenv.env);
  expect(r.stderr).toBe('');
  expect(r.stdout.trim()).toBe('ok');
});

test('executes with nbconvert and the tracelab kernel, no errors, views with fallbacks', () => {
  const t0 = Date.now();
  const r = run(
    'jupyter',
    [
      'nbconvert',
      '--to',
      'notebook',
      '--execute',
      join(EXAMPLES, NAME),
      '--ExecutePreprocessor.kernel_name=tracelab',
      '--ExecutePreprocessor.timeout=120',
      '--output-dir',
      outDir,
      '--output',
      NAME
    ],
    jenv.env,
    EXAMPLES,
    180_000
  );
  const seconds = (Date.now() - t0) / 1000;
  expect({ status: r.status, log: r.status === 0 ? '' : r.stdout + r.stderr }).toEqual({
    status: 0,
    log: ''
  });
  const out = join(outDir, NAME);
  expect(existsSync(out)).toBe(true);
  report = analyzeNotebook(JSON.parse(readFileSync(out, 'utf8')) as INotebook);
  expect(report.errors).toEqual([]);
  expect(report.cellsWithoutOutput).toEqual([]);
  const count = (mime: string): number => report!.views.filter(v => v.mime === mime).length;
  expect([count(TIMEGRAPH), count(CRITICAL_PATH)]).toEqual([3, 1]);
  for (const v of report.views) {
    expect({ mime: v.mime, svg: v.svg, text: v.text.length > 0 }).toEqual({
      mime: v.mime,
      svg: true,
      text: true
    });
  }
  expect(seconds).toBeLessThan(60);
}, 200_000);

test('known answers: sync accurate, 13 ms syscall, 12.9415 ms of it preempted by guest2 burner', () => {
  const out = texts();
  expect(out).toMatch(/guest1 -> host: accurate, 50 vmsync pairs, guest clock drift 50\.0 ppm/);
  expect(out).toMatch(/guest2 -> host: accurate, \d+ vmsync pairs, guest clock drift -30\.0 ppm/);
  // 13.0092 ms of host time, 50 ppm more in guest1's clock
  expect(out).toMatch(/slowest: gettimeofday of app \[1200\] took 13\.010 ms \(guest clock\)/);
  expect(out).toMatch(/Virtual resources \(vCPUs\): 4 rows/);
  expect(out).toMatch(/Guest threads of guest1 with vCPU preemption: 3 rows/);
  expect(out).toMatch(/preempted +12\.9415 ms +vm guest2 vcpu 0 tid 1500 \(burner\)/);
  expect(out).toMatch(/preempted +0\.0625 ms +vm guest2 vcpu 0 in hypervisor \(host tid 3001\)/);
  expect(out).toMatch(/vmm +0\.0040 ms +exit_reason 1/);
  expect(out).toMatch(/path VCPU_PREEMPTED +12\.9415 ms +vm guest2 vcpu 0 tid 1500 \(burner\)/);
  expect(out).toMatch(/path VMM +0\.0040 ms +exit_reason 1 \(EXTERNAL_INTERRUPT\)/);
  expect(out).toMatch(/Critical path of app \[1200\] in guest1 \(vCPU preemption as a state\): \d+ segments/);
});
