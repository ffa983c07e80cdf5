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
    __firstPaint?: { prepare(): void; render(): Promise<number> };
  }
}

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
  // First paint is measured several times, driven by run.mjs (which reads the main thread's CPU time around
  // each render): each on a freshly parsed copy of the payload (JupyterLab hands a renderer a new object per
  // output; parsing and collecting its garbage are not counted) with a fresh renderer.
  const firstPaints: number[] = [];
  const models: number[] = [];
  let copy: typeof big | null = null;
  let first: Awaited<ReturnType<typeof renderPayload>> | null = null;
  window.__firstPaint = {
    prepare: () => {
      first?.r.dispose();
      first = null;
      copy = JSON.parse(json) as typeof big;
      (window as unknown as { gc?: () => void }).gc?.();
    },
    render: async () => {
      await frame();
      first = await renderPayload(copy!, host);
      copy = null;
      firstPaints.push(first.firstPaint);
      models.push(first.model);
      return first.firstPaint;
    }
  };
  window.__phase = 'first-paint';
  await new Promise<void>(res => ((window as unknown as { __go: () => void }).__go = res));
  out.firstPaintRuns = {
    all: firstPaints,
    cold: firstPaints[0],
    min: Math.min(...firstPaints),
    median: stats(firstPaints).median,
    modelMin: Math.min(...models),
    modelMedian: stats(models).median
  };
  if (!first) throw new Error('no render');
  const last = first as Awaited<ReturnType<typeof renderPayload>>;
  out.firstPaint = {
    modelMs: last.model,
    paintedMs: last.firstPaint,
    presentedMs: last.presented,
    runs: last.view.lastFrame.runs,
    frameJsMs: last.view.lastFrame.ms
  };
  out.panZoom = await interactions(last.view);
  window.__phase = 'rendered-1m';
  await new Promise<void>(res => ((window as unknown as { __go: () => void }).__go = res));
  last.r.dispose();
  const rowsPayload = makePayload(30_000, 300, 10, 1_000_000_000);
  const second = await renderPayload(rowsPayload, host);
  out.rows30k = { firstPaintMs: second.firstPaint, scroll: await scrolling(second.view) };
  second.r.dispose();
  window.__phase = 'done';
}

main().catch(err => {
  window.__benchError = err instanceof Error ? `${err.message}\n${err.stack}` : String(err);
});
