/**
 * Render benchmark: bundles bench/render/page.ts with esbuild, serves it on 127.0.0.1, drives Debian's
 * Chromium with playwright-core (machine.md section 4) and prints first paint, pan/zoom frame times, row
 * scrolling and JS heap for a payload of 1,000,000 intervals (and one of 30,000 rows).
 *   node bench/render/run.mjs [--json]
 *
 * First paint = renderModel (validation, model, view) until the first painted frame, on a freshly parsed copy
 * of the payload each time (parse and its garbage collection excluded), 7 times. Besides wall-clock times it
 * reports the main thread's CPU time (CDP Performance metrics in thread ticks), which other processes on a
 * busy machine do not inflate.
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve, extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const out = join(root, 'bench', 'out', 'render');
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, 'page.ts')],
  bundle: true,
  outfile: join(out, 'bundle.js'),
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: !process.argv.includes('--no-minify'),
  loader: { '.svg': 'text' },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning'
});
copyFileSync(join(root, 'style', 'base.css'), join(out, 'base.css'));
writeFileSync(
  join(out, 'index.html'),
  '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">' +
    '<link rel="stylesheet" href="base.css"><title>tracelab render bench</title></head>' +
    '<body style="margin:8px"><div id="host" style="width:1200px"></div><script src="bundle.js"></script></body></html>'
);

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const name = (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').slice(1).split('?')[0];
  try {
    const body = readFileSync(join(out, name));
    res.writeHead(200, { 'content-type': types[extname(name)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

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
    '--disable-sync',
    '--enable-precise-memory-info',
    // The page collects the garbage of each payload parse before rendering (parsing is not the renderer's cost).
    '--js-flags=--expose-gc'
  ]
});
const errors = [];
let result;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
  page.on('console', m => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('response', r => r.status() >= 400 && errors.push(`HTTP ${r.status()} ${r.url()}`));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const m = await cdp.send('Performance.getMetrics');
    return m.metrics.find(x => x.name === 'JSHeapUsedSize').value / 1e6;
  };
  await page.goto(url);
  const waitPhase = async phase => {
    await page.waitForFunction(p => window.__phase === p || window.__benchError, phase, { timeout: 300000 });
    const err = await page.evaluate(() => window.__benchError);
    if (err) throw new Error(err);
  };
  await waitPhase('payload-ready');
  const heapPayload = await heap();
  await page.evaluate(() => window.__go());
  await waitPhase('first-paint');
  // Main-thread CPU time of each first paint (thread ticks: robust to other processes on a busy machine).
  await cdp.send('Performance.disable');
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const taskMs = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find(x => x.name === 'TaskDuration').value * 1000;
  const firstPaintCpu = [];
  let heapBeforeLast = 0;
  for (let i = 0; i < 7; i++) {
    await page.evaluate(() => window.__firstPaint.prepare());
    if (i === 6) heapBeforeLast = await heap();
    const t0 = await taskMs();
    await page.evaluate(() => window.__firstPaint.render());
    firstPaintCpu.push((await taskMs()) - t0);
  }
  const tPan = await taskMs();
  await page.evaluate(() => window.__go());
  await waitPhase('rendered-1m');
  const panZoomCpu = (await taskMs()) - tPan;
  const heapRendered = await heap();
  await page.evaluate(() => window.__go());
  await waitPhase('done');
  const heapAfterDispose = await heap();
  result = await page.evaluate(() => window.__bench);
  result.heapMB = {
    payload: heapPayload,
    rendered: heapRendered,
    // The page holds the generated payload plus the parsed copy the view renders.
    renderer: heapRendered - heapBeforeLast,
    afterDispose: heapAfterDispose
  };
  result.chromium = browser.version();
  result.firstPaintCpuMs = firstPaintCpu;
  result.panZoomCpuPerStepMs = panZoomCpu / result.panZoom.paint.n;
  result.errors = errors;
} finally {
  await browser.close();
  server.close();
}

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const f = x => (typeof x === 'number' ? x.toFixed(1) : String(x));
  const r = result;
  const fp = r.firstPaintRuns;
  const pz = r.panZoom;
  const rs = r.rows30k;
  const lines = [
    `Chromium ${r.chromium}, headless, --disable-gpu`,
    `payload: ${r.rows} rows, ${r.intervals} intervals, ${f(r.jsonMB)} MB as JSON ` +
      `(JSON.parse ${f(r.jsonParseMs)} ms, validate ${f(r.validateMs)} ms)`,
    `first paint (renderModel -> painted frame), ${fp.all.length} renders of fresh copies: median ` +
      `${f(fp.median)} ms, min ${f(fp.min)}, cold ${f(fp.cold)} [${fp.all.map(f).join(', ')}] ` +
      `(validate + model: median ${f(fp.modelMedian)} ms)`,
    `  main-thread CPU per first paint: median ${f(median(r.firstPaintCpuMs))} ms ` +
      `[${r.firstPaintCpuMs.map(f).join(', ')}]`,
    `  last render: ${f(r.firstPaint.paintedMs)} ms, first frame JS ${f(r.firstPaint.frameJsMs)} ms, ` +
      `${r.firstPaint.runs} runs drawn, presented at ${f(r.firstPaint.presentedMs)} ms`,
    `pan/zoom (${pz.paint.n} wheel/key steps): paint JS median ${f(pz.paint.median)} / p95 ${f(pz.paint.p95)} / ` +
      `max ${f(pz.paint.max)} ms; rAF interval median ${f(pz.frame.median)} / p95 ${f(pz.frame.p95)} ms; ` +
      `main-thread CPU per step (event + frame) ${f(r.panZoomCpuPerStepMs)} ms`,
    `30,000 rows: first paint ${f(rs.firstPaintMs)} ms; scroll paint JS median ${f(rs.scroll.paint.median)} / ` +
      `p95 ${f(rs.scroll.paint.p95)} ms; rAF interval median ${f(rs.scroll.frame.median)} ms; ` +
      `${rs.scroll.rowsDrawn} rows drawn per frame`,
    `JS heap: payload ${f(r.heapMB.payload)} MB; the rendered view adds ${f(r.heapMB.renderer)} MB to its ` +
      `payload copy (after 100 pan/zoom steps; total ${f(r.heapMB.rendered)} MB), after dispose ` +
      `${f(r.heapMB.afterDispose)} MB`,
    `targets: first paint < 300 ms (median): ${fp.median < 300 ? 'yes' : 'NO'}; ` +
      `pan/zoom paint p95 < 16 ms: ${pz.paint.p95 < 16 ? 'yes' : 'NO'}`
  ];
  console.log(lines.join('\n'));
  if (r.errors.length) console.log('page errors:\n  ' + r.errors.join('\n  '));
}
if (result.errors.length) process.exitCode = 1;
