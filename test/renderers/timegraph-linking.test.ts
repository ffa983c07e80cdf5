/**
 * Views working together and at scale: views of one experiment share window, selection, cursor and followed
 * thread; finer data comes from a live kernel through a provider; 30,000 rows are virtualised; themes are read
 * from JupyterLab's CSS variables.
 */
import { MimeModel } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';
import type { ITimeGraphFetchRequest } from '../../src/protocol/comm';
import { buildTimeGraphPayload } from '../../src/protocol/build';
import type { IIntervalInput, ITimeGraphRowInput } from '../../src/protocol/build';
import type { ITimeGraphPayload } from '../../src/protocol/timegraph';
import { dataProviders, experiments, RenderedTimeGraph, TIMEGRAPH_MIME_TYPE } from '../../src/renderers';
import type { TimeGraphView } from '../../src/renderers/time-graph/time-graph-view';
import { key, LEGEND, livePayload, recording, smallPayload, T0 } from './helpers';

const live: Widget[] = [];

async function render(payload: ITimeGraphPayload): Promise<TimeGraphView> {
  const r = new RenderedTimeGraph({
    mimeType: TIMEGRAPH_MIME_TYPE,
    sanitizer: { sanitize: (s: string) => s },
    resolver: null,
    linkHandler: null,
    latexTypesetter: null
  });
  Widget.attach(r, document.body);
  live.push(r);
  await r.renderModel(new MimeModel({ data: { [TIMEGRAPH_MIME_TYPE]: payload } as never }));
  const view = r.view as TimeGraphView;
  view.paintNow();
  return view;
}

/** The payload cut to its first `len` ns. */
function clipTo(p: ITimeGraphPayload, len: number): ITimeGraphPayload {
  const c = (x: number): number => Math.min(x, len);
  const iv = p.intervals;
  const seg = p.pathSegments!;
  return {
    ...p,
    range: { start: p.range.start, end: String(BigInt(p.range.start) + BigInt(len)) },
    intervals: { ...iv, start: iv.start.map(c), end: iv.end.map(c) },
    pathSegments: { ...seg, start: seg.start.map(c), end: seg.end.map(c) }
  };
}

const sleep = (ms: number) => new Promise(res => setTimeout(res, ms));

afterEach(() => {
  for (const w of live.splice(0)) w.dispose();
  expect(experiments.size).toBe(0);
  document.body.replaceChildren();
});

describe('views of one experiment', () => {
  it('share window, selection, cursor and the followed thread; other experiments stay put', async () => {
    const a = await render(smallPayload({ title: 'a' }));
    const b = await render(smallPayload({ title: 'b' }));
    const other = await render(smallPayload({ experimentId: 'another', title: 'c' }));
    key(a.dom.scroller, 'w');
    expect(b.state.window).toEqual({ start: T0 + 250n, end: T0 + 750n });
    expect(other.state.window).toEqual({ start: T0, end: T0 + 1000n });
    b.state.setSelection({ start: T0 + 300n, end: T0 + 400n });
    b.state.setCursor(T0 + 333n);
    expect(a.state.selection).toEqual({ start: T0 + 300n, end: T0 + 400n });
    expect(a.state.cursor).toBe(T0 + 333n);
    a.state.setFocusedRow(3);
    key(a.dom.scroller, 'f');
    expect(b.state.followed).toBe(3);
    expect(other.state.followed).toBe(-1);
    const late = await render(smallPayload({ title: 'late' }));
    expect(late.state.window).toEqual({ start: T0 + 250n, end: T0 + 750n });
    expect(late.state.followed).toBe(3);
  });

  it('clamps a shared window to each view without echoing it back', async () => {
    const full = await render(smallPayload());
    const half = await render(clipTo(smallPayload(), 500));
    expect(half.state.window).toEqual({ start: T0, end: T0 + 500n });
    full.state.setWindow({ start: T0 + 600n, end: T0 + 700n });
    expect(half.state.window).toEqual({ start: T0 + 400n, end: T0 + 500n });
    expect(full.state.window).toEqual({ start: T0 + 600n, end: T0 + 700n });
  });
});

describe('finer data from a live kernel', () => {
  const { payload, reply } = livePayload('fine', 'h-fine');

  it('starts from a merged snapshot', () => {
    expect(payload.resolution).toBe('1000');
    expect(payload.intervals.row.length).toBe(200);
  });

  it('asks for the visible rows over the widened window and draws the exact reply', async () => {
    const requests: ITimeGraphFetchRequest[] = [];
    const unregister = dataProviders.register('h-fine', {
      fetch: async req => {
        requests.push(req);
        return JSON.parse(JSON.stringify(reply(req)));
      }
    });
    try {
      const view = await render(payload);
      view.state.setWindow({ start: T0 + 1000n, end: T0 + 1100n });
      view.paintNow();
      expect(view.dom.status.textContent).toContain('Snapshot detail: 1 µs');
      await sleep(400);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({
        type: 'timegraph.fetch',
        handle: 'h-fine',
        range: { start: String(T0 + 900n), end: String(T0 + 1200n) },
        resolution: '1',
        rows: ['a', 'b']
      });
      view.paintNow();
      expect(view.model.fine).not.toBeNull();
      expect(view.model.fine!.resolution).toBe(0);
      const store = view.model.storeFor(1, 1000, 1100);
      expect(store).toBe(view.model.fine);
      const i = store.at(1, 1055);
      expect(store.bounds(i)).toEqual([1050, 1060]);
      expect(view.dom.status.textContent).not.toContain('Snapshot detail');
      // Zooming within the fetched data does not ask again.
      view.state.setWindow({ start: T0 + 1010n, end: T0 + 1090n });
      view.paintNow();
      await sleep(400);
      expect(requests).toHaveLength(1);
    } finally {
      unregister();
    }
  });

  it('reports a malformed reply and keeps drawing the snapshot', async () => {
    const unregister = dataProviders.register('h-fine', {
      fetch: async () => ({ type: 'timegraph.data', requestId: 1 })
    });
    try {
      const view = await render(payload);
      view.state.setWindow({ start: T0 + 1000n, end: T0 + 1100n });
      view.paintNow();
      await sleep(400);
      view.paintNow();
      expect(view.model.fine).toBeNull();
      expect(view.dom.status.textContent).toMatch(/Kernel: invalid reply/);
    } finally {
      unregister();
    }
  });

  it('does nothing without a kernel (saved notebook)', async () => {
    const view = await render(payload);
    view.state.setWindow({ start: T0 + 1000n, end: T0 + 1100n });
    view.paintNow();
    await sleep(300);
    expect(view.model.fine).toBeNull();
  });
});

describe('scale and themes', () => {
  it('draws only the visible rows of 30,000', async () => {
    const rows: ITimeGraphRowInput[] = [];
    const iv: IIntervalInput[] = [];
    for (let p = 0; p < 100; p++) {
      rows.push({ id: `p${p}`, label: `proc-${p}`, kind: 'process', pid: p });
      for (let t = 0; t < 299; t++) {
        const row = rows.length;
        rows.push({
          id: `t${p}-${t}`,
          label: `thread-${p}-${t}`,
          kind: 'thread',
          tid: p * 1000 + t,
          parentId: `p${p}`
        });
        iv.push({ row, start: T0 + BigInt(t), end: T0 + 500n + BigInt(t), state: t % 4 });
      }
    }
    const payload = buildTimeGraphPayload(
      { experimentId: 'big', range: { start: T0, end: T0 + 1000n }, rows, legend: LEGEND, intervals: iv },
      { width: Infinity }
    );
    expect(payload.rows).toHaveLength(30_000);
    const view = await render(payload);
    const main = recording(view.dom.main);
    expect(view.layout.rows).toHaveLength(30_000);
    expect(view.viewportH).toBe(480);
    expect(main.texts.length).toBeLessThanOrEqual(2 * 25);
    expect(parseFloat(view.dom.spacer.style.height)).toBe(30_000 * 20 - 480);
    main.reset();
    view.dom.scroller.scrollTop = 300_000;
    expect(view.dom.scroller.scrollTop).toBe(300_000);
    view.dom.scroller.dispatchEvent(new Event('scroll'));
    view.paintNow();
    expect(main.texts).toContain('thread-50-0');
    expect(main.texts.length).toBeLessThanOrEqual(2 * 25);
    view.toolbar.search.value = '49999';
    view.toolbar.search.dispatchEvent(new Event('input'));
    expect(view.layout.rows.map(r => payload.rows[r].label)).toEqual([]);
    view.toolbar.search.value = '49298';
    view.toolbar.search.dispatchEvent(new Event('input'));
    expect(view.layout.rows.map(r => payload.rows[r].label)).toEqual(['proc-49', 'thread-49-298']);
  });

  it('reads colours from JupyterLab theme variables and follows theme switches', async () => {
    const view = await render(smallPayload());
    expect(view.theme.background).toBe('#ffffff');
    view.node.style.setProperty('--jp-layout-color0', '#111111');
    view.node.style.setProperty('--jp-ui-font-color0', '#eeeeee');
    document.body.dataset.jpThemeLight = 'false';
    document.body.dataset.jpThemeName = 'JupyterLab Dark';
    await sleep(10);
    expect(view.theme.background).toBe('#111111');
    expect(view.theme.text).toBe('#eeeeee');
    expect(view.theme.dark).toBe(true);
    delete document.body.dataset.jpThemeLight;
    delete document.body.dataset.jpThemeName;
  });
});
