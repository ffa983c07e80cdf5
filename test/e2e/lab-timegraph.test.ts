/**
 * End-to-end, the Must-show of issue 6: a real JupyterLab 4 UI in Debian's Chromium runs a notebook with two
 * views of the same trace (control flow and resources of many-threads, plus the critical path of the
 * `multithread` thread) on the real tracelab kernel, then, with the mouse: zooms the control flow (Ctrl+wheel),
 * checks that the resources view followed to the same range and that the live comm plugin fetched intervals
 * that were not in the snapshot, hovers a state and reads its tooltip, follows a thread and sees its critical
 * path highlighted (saving test-artifacts/lab-timegraph.png), restarts the kernel and zooms again (the comm
 * re-opens), saves and reloads the page and zooms again (handles found through the fallback provider), and sees
 * no console errors.
 *
 * The views expose read-only test hooks on their root (`data-range-start/end`, `data-followed`,
 * `data-fine-intervals`, `data-runs`, `data-path-drawn`; see time-graph/view-hooks.ts).
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { LabSession, e2eSkipReason, writeNotebook } from './lab-harness';
import { PROJECT_ROOT } from './lab-server';

const TRACE = join(PROJECT_ROOT, '..', 'shared', 'traces', 'tracecompass', 'many-threads');
const TID = 2673;
const ROW_ID = `t:wilbrod:${TID}`;

const CELLS = [
  `const t = await tracelab.open(${JSON.stringify(TRACE)});
const { start } = t.info();
const w = { start: start!, end: start! + 50_000_000n };`,
  't.controlFlow({ ...w, maxIntervals: 5000 })',
  't.resources({ ...w, maxIntervals: 5000 })',
  `t.criticalPathView({ tid: ${TID}, ...w })`
];

const skipReason = e2eSkipReason();
if (skipReason) console.warn(`lab-timegraph.test.ts skipped: ${skipReason}`);
const describeLab = skipReason ? describe.skip : describe;

/** The time graph whose rows viewport is labelled `title`. */
function view(page: Page, title: string): Locator {
  return page.locator('.jp-OutputArea-output .tl-TimeGraph', {
    has: page.locator(`.tl-TimeGraph-scroller[aria-label="${title}"]`)
  });
}

async function attr(v: Locator, name: string): Promise<string> {
  return (await v.getAttribute(`data-${name}`)) ?? '';
}

async function windowOf(v: Locator): Promise<{ start: bigint; end: bigint }> {
  return { start: BigInt(await attr(v, 'range-start')), end: BigInt(await attr(v, 'range-end')) };
}

/** Zooms `v` in about the middle of its plot with Ctrl+wheel until its window is at most `maxNs` wide. */
async function zoomIn(page: Page, v: Locator, maxNs: bigint): Promise<void> {
  const stage = v.locator('.tl-TimeGraph-stage');
  await stage.scrollIntoViewIfNeeded();
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + Math.min(30, box.height / 2));
  await page.keyboard.down('Control');
  for (let i = 0; i < 40; i++) {
    const w = await windowOf(v);
    if (w.end - w.start <= maxNs) break;
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(40);
  }
  await page.keyboard.up('Control');
}

/** Moves the mouse over the plot of `v` until its tooltip shows; returns the tooltip text and mouse y. */
async function hoverState(page: Page, v: Locator): Promise<{ text: string; y: number }> {
  const stage = v.locator('.tl-TimeGraph-stage');
  const tip = v.locator('.tl-TimeGraph-tooltip');
  const box = (await stage.boundingBox())!;
  for (let y = box.y + 10; y < box.y + Math.min(box.height, 200); y += 20) {
    for (let f = 0.5; f < 0.99; f += 0.04) {
      await page.mouse.move(box.x + box.width * f, y);
      await page.waitForTimeout(30);
      if (await tip.isVisible()) return { text: await tip.innerText(), y };
    }
  }
  throw new Error('no state interval under the mouse');
}

/** Calls `read` until `ok` accepts its value (or `timeoutMs` passes); returns the last value read. */
async function settle<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let v = await read();
  while (!ok(v) && Date.now() < until) {
    await new Promise(r => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

/** The numeric value of `data-<name>` once it is above zero (0 after `timeoutMs`). */
async function positive(v: Locator, name: string, timeoutMs = 30000): Promise<number> {
  return Number(
    await settle(
      () => attr(v, name),
      x => Number(x) > 0,
      timeoutMs
    )
  );
}

const sameWindow = (a: { start: bigint; end: bigint }) => (b: { start: bigint; end: bigint }) =>
  a.start === b.start && a.end === b.end;

/** JavaScript evaluated in the page: the live comm service's channel of the (single) kernel. */
const CHANNEL = '[...window.tracelabLiveComm.channels.values()][0]';

describeLab('the time graph in JupyterLab (e2e, issue 6 Must-show)', () => {
  let lab: LabSession;
  const timings: Record<string, number> = {};
  const since = (t0: number): number => (Date.now() - t0) / 1000;

  beforeAll(async () => {
    lab = await LabSession.start();
    timings.serverStart = lab.server.startSeconds;
  }, 120000);

  afterAll(async () => {
    await lab?.stop();
    console.log(`lab-timegraph e2e timings (s): ${JSON.stringify(timings)}`);
  });

  test('zoom, linked views, live finer data, tooltip, follow, restart, reload, no console errors', async () => {
    const page = lab.page;
    writeNotebook(lab.server.root, 'timegraph.ipynb', CELLS, 'tracelab');
    let t = Date.now();
    const nb = await lab.openNotebook('timegraph.ipynb');
    await nb.waitForKernel('tracelab');
    timings.kernelReady = since(t);
    t = Date.now();
    await nb.runAll(180000);
    timings.runAll = since(t);

    const cf = view(page, 'Control flow');
    const res = view(page, 'Resources');
    const cp = page.locator('.jp-OutputArea-output .tl-CriticalPath .tl-TimeGraph');
    for (const v of [cf, res, cp]) {
      await v.waitFor({ timeout: 60000 });
      expect(await positive(v, 'runs')).toBeGreaterThan(0);
    }
    const full = await windowOf(cf);
    expect(full.end - full.start).toBe(50_000_000n);
    // The plugin opened the tracelab comm on this kernel.
    await page.waitForFunction(`window.tracelabLiveComm && window.tracelabLiveComm.channels.size === 1`);

    // Zoom with the mouse far below the snapshot's 25 µs resolution: the resources view follows.
    t = Date.now();
    await zoomIn(page, cf, 200_000n);
    const zoomed = await windowOf(cf);
    expect(zoomed.end - zoomed.start).toBeLessThanOrEqual(200_000n);
    expect(zoomed.start).toBeGreaterThanOrEqual(full.start);
    expect(await settle(() => windowOf(res), sameWindow(zoomed))).toEqual(zoomed);
    // The live kernel answered: the view draws intervals that were not in the snapshot.
    expect(await positive(cf, 'fine-intervals')).toBeGreaterThan(0);
    timings.zoomAndFetch = since(t);
    expect(await cf.locator('.tl-TimeGraph-status').innerText()).not.toMatch(/Kernel:|Snapshot detail/);
    // Handles learnt from the kernel's outputs: control flow, resources, critical path.
    expect(await page.evaluate(`${CHANNEL}.handles.size`)).toBe(3);

    // Hover a state of the thread to follow and read the tooltip.
    await cf.locator('.tl-TimeGraph-search').fill(String(TID));
    await page.waitForTimeout(200);
    const hovered = await hoverState(page, cf);
    expect(hovered.text).toContain(`[${TID}]`);
    expect(hovered.text).toMatch(/State: [A-Za-z ]+/);
    expect(hovered.text).toMatch(/Duration: [\d.]+ ?(ns|µs|ms|s)\b/);
    expect(hovered.text).not.toContain('intervals, mostly');

    // Follow the thread (click its row, then Follow) at full range: its critical path is highlighted in the
    // critical-path view and, as the critical-path view published it, in the control flow.
    await cf.locator('.tl-TimeGraph-button', { hasText: 'Reset zoom' }).click();
    expect(await settle(() => windowOf(res), sameWindow(full))).toEqual(full);
    const box = (await cf.locator('.tl-TimeGraph-stage').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.7, hovered.y);
    await cf.locator('.tl-TimeGraph-button', { hasText: /^Follow$/ }).click();
    expect(
      await settle(
        () => attr(cf, 'followed'),
        v => v === ROW_ID
      )
    ).toBe(ROW_ID);
    expect(
      await settle(
        () => attr(cp, 'followed'),
        v => v === ROW_ID
      )
    ).toBe(ROW_ID);
    expect(await positive(cp, 'path-drawn', 10000)).toBeGreaterThan(0);
    expect(await positive(cf, 'path-drawn', 10000)).toBeGreaterThan(0);
    await cf.scrollIntoViewIfNeeded();
    await lab.screenshot('lab-timegraph');

    // Restart the kernel and run again: the comm re-opens and zooming fetches from the new kernel.
    t = Date.now();
    await page.evaluate(`window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()`);
    await nb.waitForKernel('tracelab');
    await nb.runAll(180000);
    const cf2 = view(page, 'Control flow');
    await cf2.waitFor({ timeout: 60000 });
    expect(await positive(cf2, 'runs')).toBeGreaterThan(0);
    await cf2.locator('.tl-TimeGraph-button', { hasText: 'Reset zoom' }).click();
    await zoomIn(page, cf2, 200_000n);
    expect(await positive(cf2, 'fine-intervals')).toBeGreaterThan(0);
    expect(await page.evaluate(`${CHANNEL}.opens`)).toBeGreaterThanOrEqual(2);
    timings.restartRerunZoom = since(t);

    // Save, reload the page: the outputs come from the file, the kernel still runs. Their handles were never
    // seen on this page; the fallback provider finds that this kernel holds them.
    t = Date.now();
    await page.evaluate(`window.jupyterapp.commands.execute('docmanager:save')`);
    const nb3 = await lab.openNotebook('timegraph.ipynb');
    await nb3.waitForKernel('tracelab');
    const cf3 = view(page, 'Control flow');
    await cf3.waitFor({ timeout: 60000 });
    expect(await positive(cf3, 'runs')).toBeGreaterThan(0);
    await page.waitForFunction(`window.tracelabLiveComm && window.tracelabLiveComm.channels.size === 1`);
    expect(await page.evaluate(`${CHANNEL}.handles.size`)).toBe(0);
    await zoomIn(page, cf3, 200_000n);
    expect(await positive(cf3, 'fine-intervals')).toBeGreaterThan(0);
    expect(await page.evaluate(`${CHANNEL}.handles.size`)).toBeGreaterThanOrEqual(1);
    timings.saveReloadZoom = since(t);

    expect(lab.errors()).toEqual([]);
  }, 420000);
});
