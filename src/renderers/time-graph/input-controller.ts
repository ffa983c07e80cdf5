/**
 * Mouse, wheel and keyboard input of a time-graph view.
 * - Drag in the plot: pan. Shift+drag: select a range (its duration shows in the status line). Drag on the
 *   axis: zoom to the dragged range. Click: set the cursor and focus the row; click a group's label: expand or
 *   collapse it.
 * - Ctrl/Cmd+wheel, or any wheel over the axis: zoom about the mouse. Shift+wheel or horizontal wheel: pan.
 *   A plain vertical wheel scrolls the rows (and the notebook), as users expect in a page.
 * - Keys (when the plot has focus): W/S or +/- zoom, A/D or Left/Right pan (Shift: by half a window),
 *   Up/Down/PageUp/PageDown move the focused row, , and . move the cursor to the previous/next state change of
 *   the focused row, Enter expands/collapses, F follows, P pins, H hides, Z zooms to the selection, 0 or Home
 *   resets the zoom, Escape clears the selection, / goes to the row filter.
 *
 * Scope: translating input into calls on `IInputTarget`; no drawing.
 */
import type { TimeGraphState } from './view-state';
import type { TimeScale } from './time-window';
import { panByFraction, panWindow, windowBetween, zoomWindow } from './time-window';

/** What the controller drives. */
export interface IInputTarget {
  readonly state: TimeGraphState;
  /** Current mapping of the plot (x = 0 at the plot's left edge). */
  scale(): TimeScale;
  plotX(): number;
  /** Row under stage y, or -1. */
  rowAt(y: number): number;
  /** Hover description for (row, plot x), or null. */
  hoverAt(row: number, plotX: number, x: number, y: number): TimeGraphState['hover'];
  /** True if stage x is on the expander of `row`. */
  onExpander(row: number, x: number): boolean;
  /** Moves keyboard focus by `delta` rows (Infinity: to the end). */
  moveFocus(delta: number): void;
  /** Cursor to the previous (-1) or next (+1) state change of the focused row. */
  stepCursor(dir: -1 | 1): void;
  rowsPerPage(): number;
  toggleFollow(): void;
  togglePin(): void;
  hideFocused(): void;
  resetZoom(): void;
  zoomToSelection(): void;
  focusSearch(): void;
}

const DRAG_THRESHOLD = 3;

interface IDrag {
  mode: 'pan' | 'select' | 'zoom';
  x0: number;
  y0: number;
  moved: boolean;
  scale: TimeScale;
}

/** Wires input listeners (all removed through `signal`). */
export class InputController {
  constructor(
    private readonly t: IInputTarget,
    stage: HTMLElement,
    scroller: HTMLElement,
    axis: HTMLElement,
    private readonly signal: AbortSignal
  ) {
    stage.addEventListener('mousedown', e => this.down(e, stage, e.shiftKey ? 'select' : 'pan'), { signal });
    stage.addEventListener('mousemove', e => this.hover(e, stage), { signal });
    stage.addEventListener('mouseleave', () => this.t.state.setHover(null), { signal });
    axis.addEventListener('mousedown', e => this.down(e, axis, 'zoom'), { signal });
    scroller.addEventListener('wheel', e => this.wheel(e, stage, false), { signal, passive: false });
    axis.addEventListener('wheel', e => this.wheel(e, axis, true), { signal, passive: false });
    scroller.addEventListener('keydown', e => this.key(e), { signal });
  }

  private local(e: MouseEvent, el: HTMLElement): [number, number] {
    const r = el.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  private hover(e: MouseEvent, stage: HTMLElement): void {
    if (this._drag) return;
    const [x, y] = this.local(e, stage);
    const row = this.t.rowAt(y);
    const px = x - this.t.plotX();
    this.t.state.setHover(row >= 0 && px >= 0 ? this.t.hoverAt(row, px, x, y) : null);
  }

  private down(e: MouseEvent, el: HTMLElement, mode: IDrag['mode']): void {
    if (e.button !== 0) return;
    const [x, y] = this.local(e, el);
    this._drag = { mode, x0: x, y0: y, moved: false, scale: this.t.scale() };
    const move = (ev: MouseEvent): void => this.move(ev, el);
    const up = (ev: MouseEvent): void => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      this.up(ev, el);
    };
    window.addEventListener('mousemove', move, { signal: this.signal });
    window.addEventListener('mouseup', up, { signal: this.signal });
    e.preventDefault();
    el.closest('.tl-TimeGraph')
      ?.querySelector<HTMLElement>('.tl-TimeGraph-scroller')
      ?.focus({ preventScroll: true });
  }

  private move(e: MouseEvent, el: HTMLElement): void {
    const d = this._drag;
    if (!d) return;
    const [x] = this.local(e, el);
    if (!d.moved && Math.abs(x - d.x0) < DRAG_THRESHOLD) return;
    d.moved = true;
    this.t.state.setHover(null);
    if (d.mode === 'pan') {
      const delta = BigInt(Math.round(-(x - d.x0) * d.scale.nsPerPx));
      this.t.state.setWindow(panWindow(d.scale.window, delta, this.t.state.bounds));
    } else {
      const px = this.t.plotX();
      this.t.state.setDrag({ mode: d.mode === 'zoom' ? 'zoom' : 'select', x0: d.x0 - px, x1: x - px });
    }
  }

  private up(e: MouseEvent, el: HTMLElement): void {
    const d = this._drag;
    this._drag = null;
    if (!d) return;
    const [x, y] = this.local(e, el);
    const px = this.t.plotX();
    const st = this.t.state;
    if (!d.moved) {
      if (d.mode === 'zoom') return;
      const row = this.t.rowAt(y);
      if (row >= 0) st.setFocusedRow(row);
      if (x < px) {
        if (row >= 0 && this.t.onExpander(row, x)) st.toggleCollapsed(row);
      } else st.setCursor(d.scale.timeAt(x - px));
      return;
    }
    if (d.mode === 'pan') return;
    st.setDrag(null);
    const a = d.scale.timeAt(Math.max(0, d.x0 - px));
    const b = d.scale.timeAt(Math.max(0, x - px));
    const w = windowBetween(a, b);
    if (d.mode === 'zoom') st.setWindow(w);
    else st.setSelection(w);
  }

  private wheel(e: WheelEvent, el: HTMLElement, overAxis: boolean): void {
    const st = this.t.state;
    const horizontal = e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY);
    if (horizontal) {
      const dx = e.deltaX !== 0 ? e.deltaX : e.deltaY;
      const s = this.t.scale();
      st.setWindow(panWindow(s.window, BigInt(Math.round(dx * s.nsPerPx)), st.bounds));
      e.preventDefault();
      return;
    }
    if (!overAxis && !e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    const [x] = this.local(e, el);
    const s = this.t.scale();
    const anchor = s.timeAt(Math.max(0, x - this.t.plotX()));
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    const factor = Math.exp(Math.max(-400, Math.min(400, e.deltaY * unit)) * 0.002);
    st.setWindow(zoomWindow(s.window, anchor, factor, st.bounds));
  }

  private zoomKey(factor: number): void {
    const st = this.t.state;
    const s = this.t.scale();
    const c = st.cursor;
    const anchor =
      c !== null && c >= s.window.start && c <= s.window.end ? c : (s.window.start + s.window.end) / 2n;
    st.setWindow(zoomWindow(s.window, anchor, factor, st.bounds));
  }

  private key(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const st = this.t.state;
    const pan = e.shiftKey ? 0.5 : 0.1;
    const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const actions: Record<string, () => void> = {
      w: () => this.zoomKey(0.5),
      '+': () => this.zoomKey(0.5),
      '=': () => this.zoomKey(0.5),
      s: () => this.zoomKey(2),
      '-': () => this.zoomKey(2),
      a: () => st.setWindow(panByFraction(st.window, -pan, st.bounds)),
      ArrowLeft: () => st.setWindow(panByFraction(st.window, -pan, st.bounds)),
      d: () => st.setWindow(panByFraction(st.window, pan, st.bounds)),
      ArrowRight: () => st.setWindow(panByFraction(st.window, pan, st.bounds)),
      ArrowUp: () => this.t.moveFocus(-1),
      ArrowDown: () => this.t.moveFocus(1),
      PageUp: () => this.t.moveFocus(-this.t.rowsPerPage()),
      PageDown: () => this.t.moveFocus(this.t.rowsPerPage()),
      End: () => this.t.moveFocus(Infinity),
      ',': () => this.t.stepCursor(-1),
      '.': () => this.t.stepCursor(1),
      Enter: () => st.focusedRow >= 0 && st.toggleCollapsed(st.focusedRow),
      f: () => this.t.toggleFollow(),
      p: () => this.t.togglePin(),
      h: () => this.t.hideFocused(),
      z: () => this.t.zoomToSelection(),
      '0': () => this.t.resetZoom(),
      Home: () => this.t.resetZoom(),
      Escape: () => {
        st.setSelection(null);
        st.setDrag(null);
      },
      '/': () => this.t.focusSearch()
    };
    const fn = actions[k];
    if (!fn) return;
    e.preventDefault();
    e.stopPropagation();
    fn();
  }

  private _drag: IDrag | null = null;
}
