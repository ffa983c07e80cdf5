/**
 * The interactive state of one time-graph view: window, cursor, selection, hover, focused and followed rows,
 * row filters (search, active only, hidden, pinned, collapsed) and display toggles. Setters emit what changed
 * so the view repaints only the layers concerned.
 *
 * Scope: state only; no DOM, no drawing. Times are absolute bigint ns.
 */
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { ITimeWindow } from '../shared/experiment-link';
import { clampWindow } from './time-window';

/** What changed: `window` (all layers), `rows` (layout), `overlay` (cursor, hover...), `data` (new intervals). */
export type ChangeKind = 'window' | 'rows' | 'overlay' | 'data';

/** The interval under the mouse. */
export interface IHover {
  row: number;
  /** Interval index in `fine` or the snapshot store. */
  index: number;
  fine: boolean;
  /** Mouse position in stage px (for the tooltip). */
  x: number;
  y: number;
}

/** A drag in progress, in plot px. */
export interface IDragPreview {
  mode: 'select' | 'zoom';
  x0: number;
  x1: number;
}

/** State of one view. */
export class TimeGraphState {
  constructor(readonly bounds: ITimeWindow) {
    this._window = { ...bounds };
  }

  get changed(): ISignal<this, ChangeKind> {
    return this._changed;
  }

  get window(): ITimeWindow {
    return this._window;
  }

  /** Sets the window (clamped to bounds). Returns false when nothing changed. */
  setWindow(w: ITimeWindow): boolean {
    const c = clampWindow(w, this.bounds);
    if (c.start === this._window.start && c.end === this._window.end) return false;
    this._window = c;
    this._changed.emit('window');
    return true;
  }

  get cursor(): bigint | null {
    return this._cursor;
  }

  setCursor(t: bigint | null): void {
    if (t === this._cursor) return;
    this._cursor = t;
    this._changed.emit('overlay');
  }

  get selection(): ITimeWindow | null {
    return this._selection;
  }

  setSelection(s: ITimeWindow | null): void {
    const same =
      s === this._selection ||
      (s && this._selection && s.start === this._selection.start && s.end === this._selection.end);
    if (same) return;
    this._selection = s;
    this._changed.emit('overlay');
  }

  get hover(): IHover | null {
    return this._hover;
  }

  setHover(h: IHover | null): void {
    this._hover = h;
    this._changed.emit('overlay');
  }

  get drag(): IDragPreview | null {
    return this._drag;
  }

  setDrag(d: IDragPreview | null): void {
    this._drag = d;
    this._changed.emit('overlay');
  }

  get focusedRow(): number {
    return this._focused;
  }

  setFocusedRow(r: number): void {
    if (r === this._focused) return;
    this._focused = r;
    this._changed.emit('overlay');
  }

  get followed(): number {
    return this._followed;
  }

  setFollowed(r: number): void {
    if (r === this._followed) return;
    this._followed = r;
    this._changed.emit('window');
  }

  get search(): string {
    return this._search;
  }

  setSearch(q: string): void {
    if (q === this._search) return;
    this._search = q;
    this._changed.emit('rows');
  }

  get activeOnly(): boolean {
    return this._activeOnly;
  }

  setActiveOnly(on: boolean): void {
    if (on === this._activeOnly) return;
    this._activeOnly = on;
    this._changed.emit('rows');
  }

  get showArrows(): boolean {
    return this._showArrows;
  }

  setShowArrows(on: boolean): void {
    if (on === this._showArrows) return;
    this._showArrows = on;
    this._changed.emit('window');
  }

  /** Hidden rows (mutate through `toggleHidden` / `showAllHidden`). */
  readonly hidden = new Set<number>();
  readonly collapsed = new Set<number>();
  /** Pinned rows in pin order. */
  readonly pinned: number[] = [];

  toggleHidden(r: number): void {
    if (!this.hidden.delete(r)) this.hidden.add(r);
    this._changed.emit('rows');
  }

  showAllHidden(): void {
    this.hidden.clear();
    this._changed.emit('rows');
  }

  togglePinned(r: number): void {
    const i = this.pinned.indexOf(r);
    if (i >= 0) this.pinned.splice(i, 1);
    else this.pinned.push(r);
    this._changed.emit('rows');
  }

  toggleCollapsed(r: number): void {
    if (!this.collapsed.delete(r)) this.collapsed.add(r);
    this._changed.emit('rows');
  }

  /** Signals new interval data (a comm reply arrived). */
  dataChanged(): void {
    this._changed.emit('data');
  }

  private _window: ITimeWindow;
  private _cursor: bigint | null = null;
  private _selection: ITimeWindow | null = null;
  private _hover: IHover | null = null;
  private _drag: IDragPreview | null = null;
  private _focused = -1;
  private _followed = -1;
  private _search = '';
  private _activeOnly = false;
  private _showArrows = true;
  private _changed = new Signal<this, ChangeKind>(this);
}
