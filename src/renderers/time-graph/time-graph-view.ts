/**
 * The time-graph view: composes the model, the state, the painters, the input controller, the toolbar, the
 * tooltip, the experiment link (shared window, selection, cursor, followed thread) and the finer-data fetcher.
 *
 * Scope: wiring and frame scheduling (one requestAnimationFrame per burst of changes, repainting only the
 * layers concerned). Row commands, keyboard navigation and exports live in `view-commands.ts`.
 */
import { Signal } from '@lumino/signaling';
import type { ITimeGraphPayload } from '../../protocol/timegraph';
import { ANY_HANDLE } from '../shared/data-providers';
import type { DataProviderRegistry } from '../shared/data-providers';
import type { ExperimentLink } from '../shared/experiment-link';
import { paintArrows } from './arrow-painter';
import { paintAxis } from './axis-painter';
import { FineDataFetcher } from './fine-data';
import { FollowPaths } from './follow-path';
import { InputController } from './input-controller';
import { INDENT, LabelCache, paintLabels } from './label-painter';
import { LinkSync } from './link-sync';
import { TimeGraphModel } from './model';
import { paintOverlay } from './overlay-painter';
import type { IPaintFrame } from './paint-frame';
import { RowLayout } from './row-layout';
import { visibleRows } from './row-tree';
import { paintStates } from './state-painter';
import { readTheme, watchTheme } from './theme';
import type { ITheme } from './theme';
import { Toolbar } from './toolbar';
import { describeInterval, Tooltip } from './tooltip';
import { exposeViewState, overlayNeeded } from './view-hooks';
import { TimeScale } from './time-window';
import { createViewDom, fillLegend, setStyle, sizeCanvas } from './view-dom';
import type { IViewDom } from './view-dom';
import { ViewCommands } from './view-commands';
import { TimeGraphState } from './view-state';
import type { ChangeKind, IHover } from './view-state';

/** Options of a view. */
export interface ITimeGraphViewOptions {
  /** The experiment's shared state (views of one experiment id share it); null for a standalone view. */
  link?: ExperimentLink | null;
  /** Where to find a live kernel's finer data. */
  providers?: DataProviderRegistry | null;
  rowHeight?: number;
  labelWidth?: number;
  /** Height of the rows viewport (default: up to 480 px, less for few rows). */
  height?: number;
  /** Width used when the element has no layout yet (jsdom, detached). */
  fallbackWidth?: number;
}

/** Numbers from the last frame (for the benchmark and tests). */
export interface IFrameStats {
  runs: number;
  arrows: number;
  rows: number;
  ms: number;
  /** Critical-path segments highlighted (followed thread). */
  path: number;
}

const AXIS_HEIGHT = 24;

/** An interactive time graph in a DOM element (`node`). */
export class TimeGraphView {
  constructor(payload: ITimeGraphPayload, options: ITimeGraphViewOptions = {}) {
    this.model = new TimeGraphModel(payload);
    this.state = new TimeGraphState({ start: this.model.base, end: this.model.end });
    this.rowH = options.rowHeight ?? 20;
    this._options = options;
    const height = options.height ?? Math.max(120, Math.min(480, payload.rows.length * this.rowH));
    this.dom = createViewDom(payload.title ?? 'Time graph', height);
    this.node = this.dom.root;
    const signal = this._abort.signal;
    this.commands = new ViewCommands(this);
    this.toolbar = new Toolbar(this.commands, signal);
    this.node.prepend(this.toolbar.node);
    fillLegend(this.dom.legend, payload.legend);
    this.tooltip = new Tooltip(this.dom.body);
    this._theme = readTheme(this.node);
    // The controller's listeners are removed with `_abort`.
    new InputController(this.commands, this.dom.stage, this.dom.scroller, this.dom.axis, signal);
    this.dom.scroller.addEventListener('scroll', () => this.schedule('main'), { signal, passive: true });
    this.state.changed.connect(this.onState, this);
    this._fetcher = new FineDataFetcher(
      this.model,
      () => (payload.comm ? options.providers?.get(payload.comm.handle) : undefined),
      () => this.onFineData()
    );
    options.providers?.changed.connect(this.onProviderChanged, this);
    this.link = options.link ?? null;
    this._sync = this.link ? new LinkSync(this.state, this.model, this.link) : null;
    this._paths = new FollowPaths(this.model, this.link, () => this.schedule('all'));
    this._unwatchTheme = watchTheme(() => this.refreshTheme());
    if (typeof ResizeObserver !== 'undefined') {
      this._resize = new ResizeObserver(() => {
        this._w = this._h = 0;
        this.schedule('all');
      });
      this._resize.observe(this.dom.scroller);
      this._resize.observe(this.node);
    }
    this.schedule('all');
  }

  readonly model: TimeGraphModel;
  readonly state: TimeGraphState;
  readonly node: HTMLDivElement;
  readonly dom: IViewDom;
  readonly toolbar: Toolbar;
  readonly tooltip: Tooltip;
  readonly commands: ViewCommands;
  readonly link: ExperimentLink | null;
  readonly rowH: number;

  /** The current vertical layout (rows after filters). */
  get layout(): RowLayout {
    if (!this._layout || this._layoutDirty) this.relayout();
    return this._layout!;
  }

  get theme(): ITheme {
    return this._theme;
  }

  /** Stats of the last painted frame. */
  get lastFrame(): IFrameStats {
    return this._stats;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Width of the label column. */
  get plotX(): number {
    return Math.min(this._options.labelWidth ?? 220, Math.round(this.width * 0.35));
  }

  /** Width in CSS px, measured once per frame (reading layout between writes would force reflows). */
  get width(): number {
    if (this._w === 0) this.measure();
    return this._w;
  }

  get plotW(): number {
    return Math.max(10, this.width - this.plotX);
  }

  /** Height of the rows viewport (measured with the width). */
  get viewportH(): number {
    if (this._h === 0) this.measure();
    return this._h;
  }

  /** Reads the element sizes: on the first frame and after a resize only (reads force layout). */
  private measure(): void {
    this._w = this.node.clientWidth || this._options.fallbackWidth || 800;
    this._h = this.dom.scroller.clientHeight || parseFloat(this.dom.scroller.style.height) || 240;
  }

  /** The current time mapping of the plot. */
  scale(): TimeScale {
    return new TimeScale(this.state.window, this.plotW);
  }

  /** Requests a repaint of some layers at the next animation frame. */
  schedule(what: 'all' | 'main' | 'overlay'): void {
    if (this._disposed) return;
    if (what === 'all') this._dirtyAll = true;
    else if (what === 'main') this._dirtyMain = true;
    if (this._frame !== 0) return;
    const raf =
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame
        : (cb: () => void) => setTimeout(cb, 16);
    this._frame = raf(() => {
      this._frame = 0;
      this.paintNow();
    }) as unknown as number;
  }

  /** Paints the dirty layers now (tests call it directly). */
  paintNow(): void {
    if (this._disposed) return;
    const t0 = performance.now();
    const all = this._dirtyAll;
    const main = all || this._dirtyMain;
    this._dirtyAll = this._dirtyMain = false;
    const layout = this.layout;
    const w = this.width;
    const h = this.viewportH;
    setStyle(this.dom.spacer, 'height', `${layout.maxScroll(h)}px`);
    setStyle(this.dom.stage, 'height', `${h}px`);
    const frame = this.frame(w, h);
    if (main && frame) {
      const mctx = sizeCanvas(this.dom.main, w, h);
      if (mctx) {
        const f = { ...frame, ctx: mctx };
        mctx.fillStyle = this._theme.background;
        mctx.fillRect(0, 0, w, h);
        this._stats.runs = paintStates(f);
        paintLabels(f, this._labels, this.state.followed, this.state.collapsed);
        const arrows = this.arrowsFor(f);
        this._stats.arrows =
          arrows && this.state.showArrows ? paintArrows(f, arrows, this.state.followed) : 0;
      }
      this._stats.rows = frame.placed.length;
      this.paintAxis(w);
    }
    // The overlay's backing store is only allocated once there is something to draw on it (a fresh canvas
    // costs ~20 ms on its first draw in software rendering, which the first paint does not need).
    if (frame && (this._overlayUsed || overlayNeeded(this.state))) {
      this._overlayUsed = true;
      const octx = sizeCanvas(this.dom.overlay, w, h);
      if (octx) {
        const xOf = (t: bigint): number => this.plotX + this.scale().xOf(t);
        this._stats.path = paintOverlay({ ...frame, ctx: octx }, this.state, xOf);
      }
    }
    if (!main) this.paintAxis(w);
    this.updateTooltip();
    this.commands.updateChrome();
    if (all) this.wantFineData(frame?.placed.map(p => p.row) ?? []);
    this._stats.ms = performance.now() - t0;
    exposeViewState(this.node, this.state, this.model, this._stats);
  }

  /** The frame description for painters (ctx filled in per canvas). */
  frame(w: number, h: number): Omit<IPaintFrame, 'ctx'> | null {
    const m = this.model;
    const placed = this.layout.visible(this.dom.scroller.scrollTop, h);
    let emphasis: Set<number> | null = null;
    const fol = this.state.followed;
    const path = this._paths.get(fol);
    if (fol >= 0) {
      emphasis = new Set([fol]);
      for (const r of path?.row ?? []) emphasis.add(r);
    }
    return {
      width: w,
      height: h,
      plotX: this.plotX,
      plotW: this.plotW,
      w0: m.offsetOf(this.state.window.start),
      w1: m.offsetOf(this.state.window.end),
      rowH: this.rowH,
      placed,
      model: m,
      theme: this._theme,
      emphasis,
      path
    };
  }

  /** Hover description of (row, plot x). */
  hoverAt(row: number, px: number, x: number, y: number): IHover | null {
    const s = this.scale();
    const m = this.model;
    const t = m.offsetOf(s.timeAt(px));
    const w0 = m.offsetOf(s.window.start);
    const w1 = m.offsetOf(s.window.end);
    const store = m.storeFor(row, w0, w1);
    const index = store.near(row, t, 2 * s.nsPerPx);
    return index < 0 ? null : { row, index, fine: store !== m.snapshot, x, y };
  }

  /** True if stage x is on the expander glyph of `row`. */
  onExpander(row: number, x: number): boolean {
    const depth = Math.min(this.model.tree.depth[row], 8);
    const x0 = 4 + depth * INDENT;
    return this.model.tree.children[row].length > 0 && x >= x0 - 2 && x < x0 + INDENT;
  }

  /** Forgets cached geometry so the next frame recomputes the visible rows. */
  invalidateRows(): void {
    this._layoutDirty = true;
    this.schedule('all');
  }

  /** Frees canvases, listeners, observers, timers and the link. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this._abort.abort();
    if (this._frame !== 0 && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this._frame);
    this._frame = 0;
    this._resize?.disconnect();
    this._unwatchTheme();
    this._fetcher.dispose();
    this._sync?.dispose();
    this._paths.dispose();
    Signal.disconnectReceiver(this);
    Signal.clearData(this.state);
    for (const c of [this.dom.main, this.dom.overlay, this.dom.axis]) {
      c.width = 0;
      c.height = 0;
    }
    this.node.remove();
    this.node.replaceChildren();
  }

  private relayout(): void {
    const s = this.state;
    const m = this.model;
    const w0 = m.offsetOf(s.window.start);
    const w1 = m.offsetOf(s.window.end);
    const vis = visibleRows(m.tree, {
      search: s.search,
      activeOnly: s.activeOnly,
      isActive: r => m.storeFor(r, w0, w1).activeIn(r, w0, w1, m.active),
      hidden: s.hidden,
      collapsed: s.collapsed,
      pinned: s.pinned
    });
    this._layout = new RowLayout(vis.pinned, vis.rows, this.rowH);
    this._layoutDirty = false;
  }

  private paintAxis(w: number): void {
    const actx = sizeCanvas(this.dom.axis, w, AXIS_HEIGHT);
    if (!actx) return;
    const s = this.state;
    paintAxis({
      ctx: actx,
      width: w,
      height: AXIS_HEIGHT,
      plotX: this.plotX,
      scale: this.scale(),
      origin: this.model.base,
      theme: this._theme,
      selection: s.selection,
      cursor: s.cursor
    });
  }

  private arrowsFor(f: Omit<IPaintFrame, 'ctx'>) {
    const fine = this.model.fine;
    if (this.model.fineArrows && fine && f.w0 >= fine.coverage[0] && f.w1 <= fine.coverage[1]) {
      return this.model.fineArrows;
    }
    return this.model.arrows;
  }

  private updateTooltip(): void {
    const h = this.state.hover;
    if (!h || this.state.drag) {
      this.tooltip.hide();
      return;
    }
    const m = this.model;
    const store = h.fine && m.fine ? m.fine : m.snapshot;
    const lines = describeInterval({
      row: m.payload.rows[h.row],
      legend: m.payload.legend,
      store,
      index: h.index,
      base: m.base
    });
    this.tooltip.show(lines, h.x, h.y + AXIS_HEIGHT, this.width);
  }

  private onState(_: TimeGraphState, kind: ChangeKind): void {
    if (kind === 'rows' || kind === 'data' || (kind === 'window' && this.state.activeOnly)) {
      this._layoutDirty = true;
    }
    if (kind === 'overlay') this.schedule('overlay');
    else this.schedule('all');
  }

  private wantFineData(rows: number[]): void {
    if (!this.model.payload.comm) return;
    const ids = rows.map(r => this.model.payload.rows[r].id);
    this._fetcher.want({ window: this.state.window, widthPx: this.plotW, rows, rowIds: ids });
  }

  private onFineData(): void {
    this.state.dataChanged();
  }

  private onProviderChanged(_: DataProviderRegistry, handle: string): void {
    if (handle === ANY_HANDLE || handle === this.model.payload.comm?.handle) this.schedule('all');
  }

  private refreshTheme(): void {
    this._theme = readTheme(this.node);
    this._labels.clear();
    this.schedule('all');
  }

  /** Error of the last finer-data request, '' if none. */
  get fineDataError(): string {
    return this._fetcher.lastError;
  }

  private _options: ITimeGraphViewOptions;
  private _w = 0;
  private _h = 0;
  private _abort = new AbortController();
  private _theme: ITheme;
  private _labels = new LabelCache();
  private _layout: RowLayout | null = null;
  private _layoutDirty = true;
  private _frame = 0;
  private _dirtyAll = false;
  private _dirtyMain = false;
  private _stats: IFrameStats = { runs: 0, arrows: 0, rows: 0, ms: 0, path: 0 };
  private _disposed = false;
  private _sync: LinkSync | null;
  private _resize: ResizeObserver | null = null;
  private _unwatchTheme: () => void;
  private _fetcher: FineDataFetcher;
  private _paths: FollowPaths;
  private _overlayUsed = false;
}
