/**
 * End-to-end: the tracelab kernel and extension in a real JupyterLab 4 in headless Chromium. Starts the server
 * the way `npm start` does (on a free port, temporary root), opens a notebook that names no kernel, selects
 * "tracelab (TypeScript)" in Lab's kernel dialog, runs the cells on the real kernel over websockets, checks the
 * outputs and the loaded extension, and saves a screenshot to test-artifacts/lab-notebook.png.
 *
 * Skips (with the reason) only outside CI when Chromium or the Lab build is missing; in CI it fails instead.
 */
import { LabSession, e2eSkipReason, writeNotebook } from './lab-harness';

/** A cell displaying a tracelab chart bundle: rendered by the federated extension's renderer (vega-embed). */
const CHART_CELL = `display({
  'application/vnd.tracelab.chart.v1+json': {
    version: 1,
    experimentId: 'e2e',
    title: 'e2e chart',
    spec: {
      mark: 'bar',
      data: { values: [{ k: 'a', n: 3 }, { k: 'b', n: 5 }] },
      encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } }
    }
  },
  'text/plain': 'a tracelab chart'
})`;

const skipReason = e2eSkipReason();
if (skipReason) console.warn(`lab-notebook.test.ts skipped: ${skipReason}`);
const describeLab = skipReason ? describe.skip : describe;

describeLab('JupyterLab with the tracelab kernel (e2e)', () => {
  let lab: LabSession;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    const t0 = Date.now();
    lab = await LabSession.start();
    timings.serverStart = lab.server.startSeconds;
    timings.browserLaunch = (Date.now() - t0) / 1000 - lab.server.startSeconds;
  }, 120000);

  afterAll(async () => {
    await lab?.stop();
    console.log(`lab e2e timings (s): ${JSON.stringify(timings)}`);
  });

  test('selects the tracelab kernel, runs cells and shows their outputs', async () => {
    writeNotebook(lab.server.root, 'e2e.ipynb', [
      '1 + 1',
      'const greeting: string = "hello " + "lab";\ngreeting',
      CHART_CELL
    ]);
    let t = Date.now();
    const nb = await lab.openNotebook('e2e.ipynb');
    timings.labReady = (Date.now() - t) / 1000;

    t = Date.now();
    await nb.selectKernel('tracelab (TypeScript)');
    timings.kernelReady = (Date.now() - t) / 1000;

    t = Date.now();
    await nb.runAll();
    timings.runAll = (Date.now() - t) / 1000;

    const outputs = (await nb.outputTexts()).map(s => s.trim());
    expect(outputs).toHaveLength(3);
    expect(outputs[0]).toBe('2');
    expect(outputs[1]).toContain('hello lab');
    expect(await lab.page.locator('.jp-Dialog').count()).toBe(0);

    // The chart came out through the extension's renderer, not as the text/plain fallback.
    const chart = lab.page.locator('.jp-NotebookPanel .jp-OutputArea-output .tl-Chart');
    await chart.locator('svg, canvas').first().waitFor({ timeout: 30000 });
    expect(await chart.locator('.tl-Chart-title').innerText()).toBe('e2e chart');
    expect(outputs[2]).not.toContain('a tracelab chart');

    // The prebuilt tracelab extension came through module federation and registered its renderers.
    const registered = await lab.page.evaluate(
      `['tracelab:timegraph', 'tracelab:criticalpath'].map(id => window.jupyterapp.hasPlugin(id))`
    );
    expect(registered).toEqual([true, true]);

    await lab.screenshot('lab-notebook');
    expect(lab.errors()).toEqual([]);
  }, 180000);
});
