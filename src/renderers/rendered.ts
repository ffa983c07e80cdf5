/**
 * The IRenderMime renderers: Lumino widgets that validate a MIME bundle's payload (untrusted: it may come from
 * a saved notebook), build the matching view, join the experiment's shared state, and free everything on
 * dispose. A payload that fails validation shows its first errors as text instead of a view.
 *
 * Scope: the glue between JupyterLab's rendermime and the framework-free views.
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { validateChartPayload } from '../protocol/chart';
import type { IChartPayload } from '../protocol/chart';
import type { ICriticalPathPayload } from '../protocol/critical-path';
import type { ITimeGraphPayload } from '../protocol/timegraph';
import { validateCriticalPathPayload } from '../protocol/critical-path-validate';
import { validateTimeGraphPayload } from '../protocol/timegraph-validate';
import type { ValidationResult } from '../protocol/validate-util';
import { ChartView } from './chart/chart-view';
import { CriticalPathView } from './critical-path/critical-path-view';
import { dataProviders } from './shared/data-providers';
import { experiments } from './shared/experiment-link';
import type { ExperimentLink } from './shared/experiment-link';
import { TimeGraphView } from './time-graph/time-graph-view';

/** A view a renderer hosts. */
interface IHostedView {
  readonly node: HTMLElement;
  dispose(): void;
}

/** Base renderer: validation, error display, link and view lifetime. */
abstract class RenderedTracelab<P extends { experimentId: string }>
  extends Widget
  implements IRenderMime.IRenderer
{
  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass('tl-Rendered');
  }

  readonly mimeType: string;

  /** The hosted view (null before the first render or after an invalid payload). */
  get view(): IHostedView | null {
    return this._view;
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const data: unknown = model.data[this.mimeType];
    if (data === this._data && this._view) return;
    this._data = data;
    this.clear();
    const v = this.validate(data);
    if (!v.ok) {
      this.showError(v.errors);
      return;
    }
    this._link = experiments.acquire(v.value.experimentId);
    this._view = this.createView(v.value, this._link);
    this.node.appendChild(this._view.node);
    await this.afterAttach(this._view);
  }

  protected abstract validate(data: unknown): ValidationResult<P>;
  protected abstract createView(payload: P, link: ExperimentLink): IHostedView;
  protected async afterAttach(_view: IHostedView): Promise<void> {}

  protected onAfterShow(): void {
    this.refresh();
  }

  protected onResize(): void {
    this.refresh();
  }

  protected refresh(): void {}

  dispose(): void {
    if (this.isDisposed) return;
    this.clear();
    super.dispose();
  }

  private clear(): void {
    this._view?.dispose();
    this._view = null;
    if (this._link) experiments.release(this._link);
    this._link = null;
    this.node.replaceChildren();
  }

  private showError(errors: readonly string[]): void {
    const box = document.createElement('div');
    box.className = 'tl-Rendered-error';
    box.setAttribute('role', 'alert');
    box.textContent = `tracelab: cannot show this output (${this.mimeType}): ${errors.slice(0, 3).join('; ')}`;
    this.node.appendChild(box);
  }

  private _data: unknown = undefined;
  private _view: IHostedView | null = null;
  private _link: ExperimentLink | null = null;
}

/** Renders `application/vnd.tracelab.timegraph.v1+json`. */
export class RenderedTimeGraph extends RenderedTracelab<ITimeGraphPayload> {
  protected validate(data: unknown) {
    return validateTimeGraphPayload(data);
  }

  protected createView(payload: ITimeGraphPayload, link: ExperimentLink) {
    return new TimeGraphView(payload, { link, providers: dataProviders });
  }

  protected refresh(): void {
    (this.view as TimeGraphView | null)?.schedule('all');
  }
}

/** Renders `application/vnd.tracelab.criticalpath.v1+json`. */
export class RenderedCriticalPath extends RenderedTracelab<ICriticalPathPayload> {
  protected validate(data: unknown) {
    return validateCriticalPathPayload(data);
  }

  protected createView(payload: ICriticalPathPayload, link: ExperimentLink) {
    return new CriticalPathView(payload, link, dataProviders);
  }

  protected refresh(): void {
    (this.view as CriticalPathView | null)?.graph.schedule('all');
  }
}

/** Renders `application/vnd.tracelab.chart.v1+json` (vega-lite through vega-embed). */
export class RenderedChart extends RenderedTracelab<IChartPayload> {
  protected validate(data: unknown) {
    return validateChartPayload(data);
  }

  protected createView(payload: IChartPayload, link: ExperimentLink) {
    return new ChartView(payload, link);
  }

  protected async afterAttach(view: IHostedView): Promise<void> {
    await (view as ChartView).render();
  }
}
