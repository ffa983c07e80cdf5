/**
 * The render benchmark page: renders synthetic payloads with the real renderer (factory -> Lumino widget ->
 * TimeGraphView) in headless Chromium and measures first paint, pan/zoom frames and row scrolling.
 * Results go to `window.__bench` for `run.mjs`.
 */
import { Widget } from '@lumino/widgets';
import { validateTimeGraphPayload } from '../../src/protocol/timegraph-validate';
import type { RenderedTimeGraph } from '../../src/renderers';
import { TIMEGRAPH_MIME_TYPE, timeGraphRendererFactory } from '../../src/renderers';
import type { TimeGraphView } from '../../src/renderers/time-graph/time-graph-view';
import { makePayload } from './payloads';

declare global {
  interface Window {
    __bench?: Record<string, unknown>;
    __benchError?: string;
    __phase?: string;
  }
}

const REPEATS = 5;

const frame = (): Promise<number> => new Promise(res => requestAnimationFrame(t => res(t)));

function stats(xs: number[]): Record<string, number> {
  const s = xs.slice().sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

async function renderPayload(payload: ReturnType<typeof makePayload>, host: HTMLElement) {
  const t0 = performance.now();
  const r = timeGraphRendererFactory.createRenderer({
    mimeType: TIMEGRAPH_MIME_TYPE,
    sanitizer: { sanitize: (s: string) => s },
    resolver: null,
    linkHandler: null,
    latexTypesetter: null
  }) as RenderedTimeGraph;
  Widget.attach(r, host);
  await r.renderModel({
    trusted: false,
    data: { [TIMEGRAPH_MIME_TYPE]: payload as never },
    metadata: {},
    setData: () => undefined
  });
  const tModel = performance.now();
  await frame();
  const tPainted = performance.now();
  await frame();
  const tPresented = performance.now();
  return {
    r,
    view: r.view as TimeGraphView,
    model: tModel - t0,
    firstPaint: tPainted - t0,
    presented: tPresented - t0
  };
}

async function interactions(view: TimeGraphView): Promise<Record<string, unknown>> {
  const paintMs: number[] = [];
  const frameMs: number[] = [];
  const sc = view.dom.scroller;
  const rect = sc.getBoundingClientRect();
  const steps: Array<() => void> = [];
  for (let i = 0; i < 30; i++) {
    steps.push(() =>
      sc.dispatchEvent(
        new WheelEvent('wheel', {
          deltaY: -120,
          ctrlKey: true,
          clientX: rect.left + view.plotX + view.plotW * 0.37,
          clientY: rect.top + 50,
          bubbles: true,
          cancelable: true
        })
      )
    );
  }
  for (let i = 0; i < 40; i++) {
    steps.push(() =>
      sc.dispatchEvent(new KeyboardEvent('keydown', { key: i < 20 ? 'd' : 'a', bubbles: true }))
    );
  }
  for (let i = 0; i < 30; i++) {
    steps.push(() =>
      sc.dispatchEvent(
        new WheelEvent('wheel', {
          deltaY: 120,
          ctrlKey: true,
          clientX: rect.left + view.plotX + 100,
          clientY: rect.top + 50,
          bubbles: true,
          cancelable: true
        })
      )
    );
  }
  let last = await frame();
  for (const step of steps) {
    step();
    const now = await frame();
    paintMs.push(view.lastFrame.ms);
    frameMs.push(now - last);
    last = now;
  }
  return { paint: stats(paintMs), frame: stats(frameMs), runsLastFrame: view.lastFrame.runs };
}

async function scrolling(view: TimeGraphView): Promise<Record<string, unknown>> {
  const sc = view.dom.scroller;
  const paintMs: number[] = [];
  const frameMs: number[] = [];
  let last = await frame();
  for (let i = 1; i <= 60; i++) {
    sc.scrollTop = i * 9973;
    const now = await frame();
    paintMs.push(view.lastFrame.ms);
    frameMs.push(now - last);
    last = now;
  }
  return {
    paint: stats(paintMs),
    frame: stats(frameMs),
    scrollTop: sc.scrollTop,
    rowsDrawn: view.lastFrame.rows
  };
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = {};
  const host = document.getElementById('host')!;
  window.__phase = 'build-1m';
  await frame();
  let t = performance.now();
  const big = makePayload(2000, 100, 500, 10_000_000_000);
  out.generateMs = performance.now() - t;
  out.intervals = big.intervals.row.length;
  out.rows = big.rows.length;
  t = performance.now();
  const json = JSON.stringify(big);
  out.jsonMB = json.length / 1e6;
  t = performance.now();
  JSON.parse(json);
  out.jsonParseMs = performance.now() - t;
  t = performance.now();
  out.valid = validateTimeGraphPayload(big).ok;
  out.validateMs = performance.now() - t;
  window.__phase = 'payload-ready';
  window.__bench = out;
  await new Promise<void>(res => ((window as unknown as { __go: () => void }).__go = res));
  // First paint is measured REPEATS times (fresh renderer each time); the machine may be shared, so the
  // minimum is the best estimate of the cost and the median shows the spread.
  const firstPaints: number[] = [];
  const models: number[] = [];
  for (let i = 0; i < REPEATS - 1; i++) {
    const run = await renderPayload(big, host);
    firstPaints.push(run.firstPaint);
    models.push(run.model);
    run.r.dispose();
  }
  const first = await renderPayload(big, host);
  firstPaints.push(first.firstPaint);
  models.push(first.model);
  out.firstPaintRuns = {
    min: Math.min(...firstPaints),
    median: stats(firstPaints).median,
    modelMin: Math.min(...models)
  };
  out.firstPaint = {
    modelMs: first.model,
    paintedMs: first.firstPaint,
    presentedMs: first.presented,
    runs: first.view.lastFrame.runs,
    frameJsMs: first.view.lastFrame.ms
  };
  out.panZoom = await interactions(first.view);
  window.__phase = 'rendered-1m';
  await new Promise<void>(res => ((window as unknown as { __go: () => void }).__go = res));
  first.r.dispose();
  const rowsPayload = makePayload(30_000, 300, 10, 1_000_000_000);
  const second = await renderPayload(rowsPayload, host);
  out.rows30k = { firstPaintMs: second.firstPaint, scroll: await scrolling(second.view) };
  second.r.dispose();
  window.__phase = 'done';
}

main().catch(err => {
  window.__benchError = err instanceof Error ? `${err.message}\n${err.stack}` : String(err);
});
