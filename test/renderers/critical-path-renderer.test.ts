/** The critical-path renderer through a MimeModel: path graph, summary (hand-checked), follow, XSS. */
import { MimeModel, RenderMimeRegistry, standardRendererFactories } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';
import type { ICriticalPathPayload } from '../../src/protocol/critical-path';
import { summarizeCriticalPath } from '../../src/protocol/critical-path';
import { buildTimeGraphPayload } from '../../src/protocol/build';
import type { ITimeGraphPayload } from '../../src/protocol/timegraph';
import type { RenderedCriticalPath } from '../../src/renderers';
import {
  CRITICALPATH_MIME_TYPE,
  criticalPathRendererFactory,
  experiments,
  RenderedTimeGraph,
  TIMEGRAPH_MIME_TYPE
} from '../../src/renderers';
import type { TimeGraphView } from '../../src/renderers/time-graph/time-graph-view';
import type { CriticalPathView } from '../../src/renderers/critical-path/critical-path-view';
import { LEGEND, recording, XSS_NAME } from './helpers';

// Thread "client" (host a) waits for "server" (host b) over the network, which waits for "disk" (host b).
// Path over [0, 1000): client RUN 0-100, server RUN 100-300, disk RUN 300-450 (BLOCKED-on-device shown as
// Wait for CPU 450-500), server RUN 500-700, client RUN 700-1000.
const payload = (): ICriticalPathPayload => ({
  version: 1,
  experimentId: 'cp-exp',
  range: { start: '5000000000', end: '5000001000' },
  subject: { rowId: 'a/client', label: XSS_NAME, host: 'a', tid: 10 },
  workers: [
    { id: 'a/client', label: XSS_NAME, parent: -1, kind: 'thread', tid: 10, host: 'a' },
    { id: 'b/server', label: 'server', parent: -1, kind: 'thread', tid: 20, host: 'b' },
    { id: 'b/disk', label: 'disk', parent: -1, kind: 'thread', tid: 21, host: 'b' }
  ],
  legend: LEGEND,
  segments: {
    row: [0, 1, 2, 2, 1, 0],
    start: [0, 100, 300, 450, 500, 700],
    end: [100, 300, 450, 500, 700, 1000],
    state: [0, 0, 0, 3, 0, 0]
  },
  links: {
    fromRow: [0, 1, 2, 1],
    fromTime: [100, 300, 500, 700],
    toRow: [1, 2, 1, 0],
    toTime: [100, 300, 500, 700],
    kind: [0, 0, 0, 0]
  },
  linkKinds: [{ id: 'network', label: 'Network', color: '#00838f' }]
});

const live: Widget[] = [];
afterEach(() => {
  for (const w of live.splice(0)) w.dispose();
  expect(experiments.size).toBe(0);
  document.body.replaceChildren();
});

async function renderTimeGraph(p: ITimeGraphPayload): Promise<TimeGraphView> {
  const r = new RenderedTimeGraph({
    mimeType: TIMEGRAPH_MIME_TYPE,
    sanitizer: { sanitize: (x: string) => x },
    resolver: null,
    linkHandler: null,
    latexTypesetter: null
  });
  Widget.attach(r, document.body);
  live.push(r);
  await r.renderModel(new MimeModel({ data: { [TIMEGRAPH_MIME_TYPE]: p } as never }));
  return r.view as TimeGraphView;
}

async function render(p: unknown): Promise<RenderedCriticalPath> {
  const registry = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
  registry.addFactory(criticalPathRendererFactory);
  const model = new MimeModel({ data: { [CRITICALPATH_MIME_TYPE]: p, 'text/plain': 'path' } as never });
  expect(registry.preferredMimeType(model.data, 'ensure')).toBe(CRITICALPATH_MIME_TYPE);
  const r = registry.createRenderer(CRITICALPATH_MIME_TYPE) as RenderedCriticalPath;
  Widget.attach(r, document.body);
  live.push(r);
  await r.renderModel(model);
  return r;
}

describe('summarizeCriticalPath', () => {
  it('sums time per state, thread and host (hand-checked)', () => {
    const s = summarizeCriticalPath(payload());
    expect(s.total).toBe(1000);
    expect(s.byState.map(l => [l.label, l.duration, l.share])).toEqual([
      ['Running', 950, 0.95],
      ['Wait for CPU', 50, 0.05]
    ]);
    expect(s.byWorker.map(l => [l.key, l.duration])).toEqual([
      ['a/client', 400],
      ['b/server', 400],
      ['b/disk', 200]
    ]);
    expect(s.byHost.map(l => [l.label, l.duration])).toEqual([
      ['b', 600],
      ['a', 400]
    ]);
  });
});

describe('critical-path renderer', () => {
  it('draws the path as a time graph with its links and a summary table, all as text', async () => {
    const r = await render(payload());
    const view = r.view as CriticalPathView;
    view.graph.paintNow();
    expect(recording(view.graph.dom.main).texts).toEqual(
      expect.arrayContaining([XSS_NAME, 'server', 'disk'])
    );
    expect(view.graph.lastFrame.arrows).toBe(4);
    const rows = Array.from(view.table.querySelectorAll('tbody tr'), tr =>
      Array.from(tr.children, c => c.textContent).join(' | ')
    );
    expect(rows).toEqual([
      'By state',
      'Running | 950 ns | 95.0%',
      'Wait for CPU | 50 ns | 5.0%',
      'By thread',
      `${XSS_NAME} | 400 ns | 40.0%`,
      'server | 400 ns | 40.0%',
      'disk | 200 ns | 20.0%',
      'By host',
      'b | 600 ns | 60.0%',
      'a | 400 ns | 40.0%'
    ]);
    expect(view.table.caption!.textContent).toBe('Time on the path: 1 µs');
    expect(r.node.querySelector('img')).toBeNull();
    expect(r.node.textContent).toContain(`Critical path of ${XSS_NAME} (tid 10, a)`);
  });

  it('makes time graphs of the experiment follow the thread', async () => {
    const r = await render(payload());
    const view = r.view as CriticalPathView;
    const link = experiments.acquire('cp-exp');
    try {
      view.followButton.click();
      expect(link.state.followed).toBe('a/client');
      expect(view.graph.state.followed).toBe(0);
    } finally {
      experiments.release(link);
    }
  });

  it('highlights its path in a time graph of the experiment that follows the thread', async () => {
    // A control-flow-like view of the same experiment: the three threads plus one the path never visits,
    // no pathSegments of its own, a range starting 200 ns earlier than the path's.
    const tg = buildTimeGraphPayload(
      {
        experimentId: 'cp-exp',
        title: 'threads',
        range: { start: 4_999_999_800n, end: 5_000_001_000n },
        rows: [
          { id: 'a/client', label: 'client', kind: 'thread', tid: 10 },
          { id: 'b/server', label: 'server', kind: 'thread', tid: 20 },
          { id: 'b/disk', label: 'disk', kind: 'thread', tid: 21 },
          { id: 'b/other', label: 'other', kind: 'thread', tid: 22 }
        ],
        legend: LEGEND,
        intervals: [0, 1, 2, 3].map(row => ({ row, start: 4_999_999_800n, end: 5_000_001_000n, state: 0 }))
      },
      { width: Infinity }
    );
    const cp = (await render(payload())).view as CriticalPathView;
    const threads = await renderTimeGraph(tg);
    cp.followButton.click();
    expect(threads.state.followed).toBe(0);
    const f = threads.frame(800, 200)!;
    // The path's rows are emphasised, the unvisited thread is faded; segments are shifted by the 200 ns.
    expect([...f.emphasis!].sort()).toEqual([0, 1, 2]);
    expect(f.path).toEqual({
      row: [0, 1, 2, 2, 1, 0],
      start: [200, 300, 500, 650, 700, 900],
      end: [300, 500, 650, 700, 900, 1200]
    });
    threads.paintNow();
    expect(threads.node.dataset.pathDrawn).toBe('6');
    expect(threads.node.dataset.followed).toBe('a/client');
    // The path goes with its view.
    cp.dispose();
    expect(threads.frame(800, 200)!.path).toBeNull();
  });

  it('rejects a path out of order with a readable message', async () => {
    const p = payload();
    p.segments.start[3] = 400;
    const r = await render(p);
    expect(r.view).toBeNull();
    expect(r.node.textContent).toMatch(/path order/);
  });
});
