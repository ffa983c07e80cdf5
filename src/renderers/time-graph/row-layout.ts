/**
 * Vertical layout with virtualisation: pinned rows in a fixed band at the top, then the scrolling rows; only
 * the rows intersecting the viewport are ever enumerated, so 30,000 rows cost the same as 30.
 *
 * Scope: pure geometry in CSS pixels. `scrollTop` is the scroll offset of the scrolling rows.
 */

/** A row placed on the canvas. */
export interface IPlacedRow {
  row: number;
  /** Top edge in canvas px. */
  y: number;
  pinned: boolean;
  /** Position in the combined order (pinned rows, then scrolling rows). */
  index: number;
}

/** Geometry of the visible rows. */
export class RowLayout {
  constructor(
    readonly pinned: readonly number[],
    readonly rows: readonly number[],
    readonly rowHeight: number
  ) {
    this._position = new Map(rows.map((r, i) => [r, i]));
    pinned.forEach((r, i) => this._pinnedPos.set(r, i));
  }

  /** Height of the pinned band. */
  get pinnedHeight(): number {
    return this.pinned.length * this.rowHeight;
  }

  /** Height of all scrolling rows. */
  get scrollHeight(): number {
    return this.rows.length * this.rowHeight;
  }

  /** Largest useful scrollTop for a viewport `height` tall. */
  maxScroll(height: number): number {
    return Math.max(0, this.scrollHeight - Math.max(0, height - this.pinnedHeight));
  }

  /** The rows intersecting a viewport of `height` px at `scrollTop` (pinned first). */
  visible(scrollTop: number, height: number): IPlacedRow[] {
    const out: IPlacedRow[] = this.pinned.map((row, i) => ({
      row,
      y: i * this.rowHeight,
      pinned: true,
      index: i
    }));
    const top = this.pinnedHeight;
    const first = Math.max(0, Math.floor(scrollTop / this.rowHeight));
    const last = Math.min(this.rows.length - 1, Math.floor((scrollTop + height - top) / this.rowHeight));
    for (let i = first; i <= last; i++) {
      const y = top + i * this.rowHeight - scrollTop;
      out.push({ row: this.rows[i], y, pinned: false, index: this.pinned.length + i });
    }
    return out;
  }

  /** The row under canvas y, or -1. */
  rowAt(y: number, scrollTop: number): number {
    if (y < 0) return -1;
    if (y < this.pinnedHeight) return this.pinned[Math.floor(y / this.rowHeight)] ?? -1;
    const i = Math.floor((y - this.pinnedHeight + scrollTop) / this.rowHeight);
    return i >= 0 && i < this.rows.length ? this.rows[i] : -1;
  }

  /** Canvas y of `row`'s top edge, or null when the row is not laid out. */
  yOf(row: number, scrollTop: number): number | null {
    const p = this._pinnedPos.get(row);
    if (p !== undefined) return p * this.rowHeight;
    const i = this._position.get(row);
    return i === undefined ? null : this.pinnedHeight + i * this.rowHeight - scrollTop;
  }

  /** Position of `row` in the combined order (pinned, then scrolling), or -1. */
  orderIndex(row: number): number {
    const p = this._pinnedPos.get(row);
    if (p !== undefined) return p;
    const i = this._position.get(row);
    return i === undefined ? -1 : this.pinned.length + i;
  }

  /** Row at a combined-order position (clamped), or -1 when there are no rows. */
  atOrder(k: number): number {
    const total = this.pinned.length + this.rows.length;
    if (total === 0) return -1;
    const c = Math.max(0, Math.min(total - 1, k));
    return c < this.pinned.length ? this.pinned[c] : this.rows[c - this.pinned.length];
  }

  /** The scrollTop that brings scrolling `row` into a viewport of `height` (unchanged if already visible). */
  scrollToShow(row: number, scrollTop: number, height: number): number {
    const i = this._position.get(row);
    if (i === undefined) return scrollTop;
    const visibleH = Math.max(this.rowHeight, height - this.pinnedHeight);
    const top = i * this.rowHeight;
    if (top < scrollTop) return top;
    if (top + this.rowHeight > scrollTop + visibleH) return top + this.rowHeight - visibleH;
    return scrollTop;
  }

  private _position: Map<number, number>;
  private _pinnedPos = new Map<number, number>();
}
