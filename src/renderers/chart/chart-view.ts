/**
 * The chart view: a vega-lite spec rendered by vega-embed (lazy-loaded, as JupyterLab's vega5 extension does),
 * with no actions menu and a loader that refuses every URL (no external data, no link navigation). Charts over
 * trace time follow the experiment's shared window through two vega signals.
 *
 * Scope: embedding, window following and cleanup (`finalize` on dispose).
 */
import type { IChartPayload } from '../../protocol/chart';
import type { ExperimentLink, ILinkChange } from '../shared/experiment-link';
import { domainOf, prepareSpec, X0_SIGNAL, X1_SIGNAL } from './chart-spec';

import type * as VegaEmbed from 'vega-embed';

type EmbedModule = typeof VegaEmbed;
type EmbedResult = Awaited<ReturnType<EmbedModule['default']>>;

let embedReady: Promise<EmbedModule> | null = null;

/** Loads vega-embed once per page, on first use (it is large). */
function ensureEmbed(): Promise<EmbedModule> {
  embedReady ??= import('vega-embed');
  return embedReady;
}

/** A chart in a DOM element (`node`). */
export class ChartView {
  constructor(
    readonly payload: IChartPayload,
    private readonly link: ExperimentLink | null
  ) {
    this.node = document.createElement('div');
    this.node.className = 'tl-Chart';
    if (payload.title) {
      const h = document.createElement('div');
      h.className = 'tl-Chart-title';
      h.textContent = payload.title;
      this.node.append(h);
    }
    this.container = document.createElement('div');
    this.container.className = 'tl-Chart-plot';
    this.node.append(this.container);
  }

  readonly node: HTMLDivElement;
  readonly container: HTMLDivElement;

  /** Embeds the chart; resolves when it has rendered. */
  async render(): Promise<void> {
    const mod = await ensureEmbed();
    if (this._disposed) return;
    const spec = prepareSpec(this.payload, this.link?.state.window ?? null);
    const refuse = (): Promise<never> =>
      Promise.reject(new Error('tracelab charts load no external resources'));
    const loader = mod.vega.loader();
    loader.load = refuse;
    loader.sanitize = refuse;
    this._result = await mod.default(this.container, spec as never, {
      actions: false,
      mode: 'vega-lite',
      renderer: 'svg',
      loader
    });
    if (this._disposed) {
      this._result.finalize();
      return;
    }
    if (this.link && this.payload.time) this.link.changed.connect(this.onLink, this);
  }

  /** The vega view, once rendered (tests read signals through it). */
  get result(): EmbedResult | null {
    return this._result;
  }

  private onLink(_: ExperimentLink, change: ILinkChange): void {
    const w = change.patch.window;
    const r = this._result;
    if (!w || !r || this._disposed) return;
    const [x0, x1] = domainOf(this.payload, w);
    r.view.signal(X0_SIGNAL, x0).signal(X1_SIGNAL, x1);
    void r.view.runAsync();
  }

  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this.link?.changed.disconnect(this.onLink, this);
    this._result?.finalize();
    this._result = null;
    this.node.remove();
  }

  private _result: EmbedResult | null = null;
  private _disposed = false;
}
