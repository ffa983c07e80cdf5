/** The chart renderer: vega-lite through vega-embed (lazy), linked to the experiment's window, no URLs. */
import { MimeModel } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';
import type { IChartPayload } from '../../src/protocol/chart';
import type { RenderedChart } from '../../src/renderers';
import { CHART_MIME_TYPE, chartRendererFactory, experiments } from '../../src/renderers';
import type { ChartView } from '../../src/renderers/chart/chart-view';
import { prepareSpec } from '../../src/renderers/chart/chart-spec';

const T0 = 10n ** 15n;

const payload = (): IChartPayload => ({
  version: 1,
  experimentId: 'chart-exp',
  title: 'CPU usage <b>bold?</b>',
  spec: {
    data: { values: [0, 1, 2, 3, 4].map(i => ({ t: i * 100, cpu: i * 10 })) },
    mark: 'line',
    encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'cpu', type: 'quantitative' } }
  },
  time: { field: 't', unit: 'us', origin: String(T0) }
});

const live: Widget[] = [];
afterEach(() => {
  for (const w of live.splice(0)) w.dispose();
  expect(experiments.size).toBe(0);
});

async function render(p: unknown): Promise<RenderedChart> {
  const r = chartRendererFactory.createRenderer({
    mimeType: CHART_MIME_TYPE,
    sanitizer: { sanitize: (s: string) => s },
    resolver: null,
    linkHandler: null,
    latexTypesetter: null
  }) as RenderedChart;
  Widget.attach(r, document.body);
  live.push(r);
  await r.renderModel(new MimeModel({ data: { [CHART_MIME_TYPE]: p } as never }));
  return r;
}

describe('chart spec preparation', () => {
  it('binds the x scale to window signals and clips marks', () => {
    const spec = prepareSpec(payload(), { start: T0 + 100_000n, end: T0 + 300_000n });
    expect(spec.params).toEqual([
      { name: 'tl_x0', value: 100 },
      { name: 'tl_x1', value: 300 }
    ]);
    expect(spec.mark).toEqual({ type: 'line', clip: true });
    expect((spec.encoding as { x: { scale: unknown } }).x.scale).toEqual({
      domainMin: { expr: 'tl_x0' },
      domainMax: { expr: 'tl_x1' },
      nice: false,
      zero: false
    });
    expect(payload().spec.params).toBeUndefined();
  });
});

describe('chart renderer', () => {
  it('renders SVG through vega-embed and follows the shared window', async () => {
    const r = await render(payload());
    const view = r.view as ChartView;
    expect(r.node.querySelector('svg')).not.toBeNull();
    expect(r.node.querySelector('.tl-Chart-title')!.textContent).toBe('CPU usage <b>bold?</b>');
    expect(r.node.querySelector('b')).toBeNull();
    const link = experiments.acquire('chart-exp');
    try {
      link.update({ window: { start: T0 + 100_000n, end: T0 + 250_000n } }, 'test');
      await view.result!.view.runAsync();
      expect(view.result!.view.signal('tl_x0')).toBe(100);
      expect(view.result!.view.signal('tl_x1')).toBe(250);
      expect(view.result!.view.scale('x').domain()).toEqual([100, 250]);
    } finally {
      experiments.release(link);
    }
  });

  it('refuses specs with external data', async () => {
    const p = payload();
    p.spec.data = { url: 'https://example.com/data.json' };
    const r = await render(p);
    expect(r.view).toBeNull();
    expect(r.node.textContent).toMatch(/external data/);
  });
});
