/**
 * The commands of a time-graph view, shared by the toolbar, the keyboard and the mouse: zoom and range, row
 * focus, pin/hide/follow, cursor stepping between state changes, exports, and the status line.
 *
 * Scope: behaviour on top of `TimeGraphView` and its state; implements both `IInputTarget` and
 * `IToolbarActions`.
 */
import { firstEndingAfter } from '../../protocol/columns';
import { formatDuration, formatSeconds } from '../../protocol/ns';
import { composeCanvases, download, exportSvgText, fileStem } from './export';
import type { IInputTarget } from './input-controller';
import type { TimeGraphView } from './time-graph-view';
import { formatTimeInput, parseTimeInput } from './time-input';
import { windowBetween } from './time-window';
import type { TimeScale } from './time-window';
import type { IToolbarActions } from './toolbar';
import { rowTitle } from './tooltip';
import { setText } from './view-dom';
import type { IHover, TimeGraphState } from './view-state';

/** Commands bound to one view. */
export class ViewCommands implements IInputTarget, IToolbarActions {
  constructor(private readonly view: TimeGraphView) {}

  get state(): TimeGraphState {
    return this.view.state;
  }

  scale(): TimeScale {
    return this.view.scale();
  }

  plotX(): number {
    return this.view.plotX;
  }

  rowAt(y: number): number {
    return this.view.layout.rowAt(y, this.view.dom.scroller.scrollTop);
  }

  hoverAt(row: number, px: number, x: number, y: number): IHover | null {
    return this.view.hoverAt(row, px, x, y);
  }

  onExpander(row: number, x: number): boolean {
    return this.view.onExpander(row, x);
  }

  rowsPerPage(): number {
    return Math.max(1, Math.floor(this.view.viewportH / this.view.rowH) - 1);
  }

  moveFocus(delta: number): void {
    const layout = this.view.layout;
    const cur = layout.orderIndex(this.state.focusedRow);
    const total = layout.pinned.length + layout.rows.length;
    const next = delta === Infinity ? total - 1 : cur < 0 ? 0 : cur + delta;
    const row = layout.atOrder(next);
    if (row < 0) return;
    this.state.setFocusedRow(row);
    this.scrollIntoView(row);
    this.announce(this.describeRow(row));
  }

  scrollIntoView(row: number): void {
    const sc = this.view.dom.scroller;
    const top = this.view.layout.scrollToShow(row, sc.scrollTop, this.view.viewportH);
    if (top !== sc.scrollTop) sc.scrollTop = top;
    this.view.schedule('main');
  }

  stepCursor(dir: -1 | 1): void {
    const row = this.state.focusedRow;
    if (row < 0) return;
    const m = this.view.model;
    const s = this.state;
    const w0 = m.offsetOf(s.window.start);
    const w1 = m.offsetOf(s.window.end);
    const store = m.storeFor(row, w0, w1);
    const c = m.offsetOf(s.cursor ?? s.window.start) - store.shift;
    const { lo, hi } = store.slice(row);
    let t: number | null = null;
    if (dir > 0) {
      const i = firstEndingAfter(store.end, lo, hi, c);
      if (i < hi) t = store.start[i] > c ? store.start[i] : store.end[i];
    } else {
      const j = firstEndingAfter(store.end, lo, hi, c - 1);
      if (j < hi && store.start[j] < c) t = store.start[j];
      else if (j > lo) t = store.end[j - 1];
    }
    if (t === null) return;
    const abs = m.base + BigInt(t + store.shift);
    s.setCursor(abs);
    if (abs < s.window.start || abs > s.window.end) {
      const half = (s.window.end - s.window.start) / 2n;
      s.setWindow({ start: abs - half, end: abs + half });
    }
    this.announce(`Cursor ${formatSeconds(abs - m.base)} s`);
  }

  search(query: string): void {
    this.state.setSearch(query);
  }

  activeOnly(on: boolean): void {
    this.state.setActiveOnly(on);
  }

  setRange(start: string, end: string): string | null {
    const base = this.view.model.base;
    const a = parseTimeInput(start, base);
    const b = parseTimeInput(end, base);
    if (a === null || b === null) return 'Use seconds since the trace start (e.g. 1.5, 250ms) or @ns';
    if (b <= a) return 'The end must be after the start';
    this.state.setWindow(windowBetween(a, b));
    return null;
  }

  resetZoom(): void {
    this.state.setWindow(this.state.bounds);
  }

  zoomToSelection(): void {
    const sel = this.state.selection;
    if (sel) this.state.setWindow(sel);
  }

  togglePin(): void {
    const r = this.state.focusedRow;
    if (r >= 0) this.state.togglePinned(r);
  }

  hideRow(): void {
    this.hideFocused();
  }

  hideFocused(): void {
    const r = this.state.focusedRow;
    if (r < 0) return;
    const layout = this.view.layout;
    const k = layout.orderIndex(r);
    this.state.toggleHidden(r);
    const next = this.view.layout.atOrder(k);
    this.state.setFocusedRow(next);
  }

  showHidden(): void {
    this.state.showAllHidden();
  }

  toggleFollow(): void {
    const s = this.state;
    if (s.followed >= 0) {
      s.setFollowed(-1);
      this.announce('Stopped following');
      return;
    }
    if (s.focusedRow < 0) return;
    s.setFollowed(s.focusedRow);
    this.scrollIntoView(s.focusedRow);
    this.announce(`Following ${this.describeRow(s.focusedRow)}`);
  }

  showArrows(on: boolean): void {
    this.state.setShowArrows(on);
  }

  focusSearch(): void {
    this.view.toolbar.search.focus();
  }

  exportSvg(): void {
    const v = this.view;
    const rows = [...v.layout.pinned, ...v.layout.rows];
    const svg = exportSvgText(v.model.payload, this.state.window, rows, v.width);
    download(new Blob([svg], { type: 'image/svg+xml' }), `${fileStem(v.model.payload.title)}.svg`);
  }

  exportPng(): void {
    const v = this.view;
    const out = composeCanvases(
      [
        { canvas: v.dom.axis, y: 0 },
        { canvas: v.dom.main, y: v.dom.axis.height },
        { canvas: v.dom.overlay, y: v.dom.axis.height }
      ],
      v.theme.background
    );
    out.toBlob(blob => {
      if (blob) download(blob, `${fileStem(v.model.payload.title)}.png`);
    }, 'image/png');
  }

  /** Refreshes the toolbar and the status line from the state. */
  updateChrome(): void {
    const v = this.view;
    const s = this.state;
    const base = v.model.base;
    const focused = s.focusedRow;
    v.toolbar.update({
      rangeStart: formatTimeInput(s.window.start, base),
      rangeEnd: formatTimeInput(s.window.end, base),
      hiddenCount: s.hidden.size,
      hasSelection: s.selection !== null,
      hasFocusedRow: focused >= 0,
      focusedPinned: focused >= 0 && s.pinned.includes(focused),
      following: s.followed >= 0,
      showArrows: s.showArrows,
      hasArrows: v.model.arrows !== null
    });
    setText(v.dom.status, this.statusText());
  }

  /** The status line: window, cursor, selection with its duration, rows, following, data resolution. */
  statusText(): string {
    const v = this.view;
    const s = this.state;
    const base = v.model.base;
    const parts = [
      `Window ${formatSeconds(s.window.start - base)} – ${formatSeconds(s.window.end - base)} s ` +
        `(${formatDuration(s.window.end - s.window.start)})`
    ];
    if (s.cursor !== null) parts.push(`Cursor ${formatSeconds(s.cursor - base)} s`);
    if (s.selection) parts.push(`Selection ${formatDuration(s.selection.end - s.selection.start)}`);
    const layout = v.layout;
    parts.push(`Rows ${layout.pinned.length + layout.rows.length} of ${v.model.payload.rows.length}`);
    if (s.followed >= 0) parts.push(`Following ${v.model.payload.rows[s.followed].label}`);
    if (v.model.resolution > 0) {
      const nsPerPx = v.scale().nsPerPx;
      const fine = v.model.fine;
      if (nsPerPx < v.model.resolution && !(fine && fine.resolution <= nsPerPx)) {
        parts.push(`Snapshot detail: ${formatDuration(BigInt(v.model.resolution))}`);
      }
    }
    if (v.fineDataError) parts.push(`Kernel: ${v.fineDataError}`);
    return parts.join(' · ');
  }

  private describeRow(row: number): string {
    const v = this.view;
    const m = v.model;
    const title = rowTitle(m.payload.rows[row]);
    const s = this.state;
    const t = s.cursor ?? (s.window.start + s.window.end) / 2n;
    const off = m.offsetOf(t);
    const store = m.storeFor(row, m.offsetOf(s.window.start), m.offsetOf(s.window.end));
    const i = store.at(row, off);
    return i >= 0 ? `${title}: ${m.payload.legend[store.state[i]]?.label ?? ''}` : title;
  }

  private announce(text: string): void {
    this.view.dom.live.textContent = text;
  }
}
