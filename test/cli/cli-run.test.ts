/**
 * `tracelab run` end to end: the built CLI (`bin/tracelab.js`, rebuilt when `dist/` is older than the sources)
 * executes `examples/many-threads.ipynb` with the real tracelab kernel through Debian's nbconvert. The HTML is
 * opened in headless Chromium with no kernel and must show the views' SVG figures without page errors; the
 * executed notebook must hold the tracelab MIME outputs; a failing cell must fail the run with the cell's error.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureDist } from './dist';
import { ROOT } from '../kernel/helpers/kernel-build';

const BIN = join(ROOT, 'bin', 'tracelab.js');
const EXAMPLE = join(ROOT, 'examples', 'many-threads.ipynb');
const TIMEGRAPH = 'application/vnd.tracelab.timegraph.v1+json';

jest.setTimeout(240_000);

interface IRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function tracelab(args: string[]): Promise<IRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', code => done({ code, stdout, stderr }));
  });
}

interface IOutput {
  output_type: string;
  data?: Record<string, unknown>;
}
interface ICell {
  cell_type: string;
  outputs?: IOutput[];
}

let tmp: string;

beforeAll(() => {
  ensureDist();
  tmp = mkdtempSync(join(tmpdir(), 'tracelab-run-test-'));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('--to html writes a page whose SVG figures show in Chromium without a kernel', async () => {
  const out = join(tmp, 'x.html');
  const r = await tracelab(['run', EXAMPLE, '--to', 'html', '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(`wrote ${out}\n`);
  const html = readFileSync(out, 'utf8');
  // nbconvert chose the SVG fallback (not text/plain) for the views it does not know.
  expect(html).toContain('jp-RenderedSVG');
  expect(html).not.toContain(TIMEGRAPH);

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(`file://${out}`);
    const svgs = page.locator('.jp-RenderedSVG svg');
    expect(await svgs.count()).toBeGreaterThan(0);
    await expect(svgs.first().isVisible()).resolves.toBe(true);
    const withRects = await page.$$eval(
      '.jp-RenderedSVG svg',
      els =>
        els.filter(e => e.querySelectorAll('rect').length > 0 && e.getBoundingClientRect().width > 0).length
    );
    expect(withRects).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('--to notebook writes the executed notebook with the tracelab views', async () => {
  const out = join(tmp, 'x.ipynb');
  const r = await tracelab(['run', EXAMPLE, '--to', 'notebook', '--out', out, '--timeout', '120']);
  expect(r.code).toBe(0);
  const nb = JSON.parse(readFileSync(out, 'utf8')) as { cells: ICell[] };
  const outputs = nb.cells.flatMap(c => c.outputs ?? []);
  expect(outputs.filter(o => o.output_type === 'error')).toEqual([]);
  const views = outputs.filter(o => o.data?.[TIMEGRAPH] !== undefined);
  expect(views.length).toBeGreaterThanOrEqual(2);
  for (const v of views) expect(String(v.data?.['image/svg+xml'])).toContain('<svg');
});

test('a failing cell fails the run with the cell error; --allow-errors writes the notebook', async () => {
  const bad = join(tmp, 'bad.ipynb');
  const nb = {
    cells: [
      {
        cell_type: 'code',
        id: 'c1',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: 'const a = 1;'
      },
      {
        cell_type: 'code',
        id: 'c2',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: "throw new Error('boom-from-cell');"
      }
    ],
    metadata: { kernelspec: { name: 'tracelab', display_name: 'tracelab', language: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 5
  };
  writeFileSync(bad, JSON.stringify(nb));
  const r = await tracelab(['run', bad, '--to', 'notebook']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('boom-from-cell');
  expect(r.stderr).toContain('tracelab: bad.ipynb failed');
  expect(r.stderr).not.toContain('Traceback');
  expect(existsSync(join(tmp, 'bad.out.ipynb'))).toBe(false);

  const allowed = await tracelab(['run', bad, '--to', 'notebook', '--allow-errors']);
  expect(allowed.code).toBe(0);
  const written = JSON.parse(readFileSync(join(tmp, 'bad.out.ipynb'), 'utf8')) as { cells: ICell[] };
  expect(written.cells[1].outputs?.some(o => o.output_type === 'error')).toBe(true);
});

test('bad command lines exit 2', async () => {
  expect((await tracelab(['run'])).code).toBe(2);
  expect((await tracelab(['run', EXAMPLE, '--to', 'pdf'])).code).toBe(2);
});
