/**
 * What every painter receives for one frame: the canvas context, geometry, the window as view-base offsets,
 * the rows laid out in the viewport, the model and the theme.
 *
 * Scope: the shared frame description plus tiny canvas helpers used by several painters.
 */
import type { IViewPath } from './follow-path';
import type { TimeGraphModel } from './model';
import type { IPlacedRow } from './row-layout';
import type { ITheme } from './theme';

/** One frame's inputs. */
export interface IPaintFrame {
  ctx: CanvasRenderingContext2D;
  /** Canvas size in CSS px. */
  width: number;
  height: number;
  /** Left edge of the plot (right of the label column) and its width. */
  plotX: number;
  plotW: number;
  /** The window as offsets from the payload range start (exact integers). */
  w0: number;
  w1: number;
  rowH: number;
  placed: readonly IPlacedRow[];
  model: TimeGraphModel;
  theme: ITheme;
  /** While following a thread: the rows on its critical path (others are drawn faded); null otherwise. */
  emphasis: ReadonlySet<number> | null;
  /** The followed thread's critical path, when known. */
  path: IViewPath | null;
}

/** True when `row` is drawn faded (a thread is followed and the row is not on its path). */
export function isFaded(f: IPaintFrame, row: number): boolean {
  return f.emphasis !== null && !f.emphasis.has(row);
}

/** Plot x of a view-base offset. */
export function xOfOffset(f: IPaintFrame, t: number): number {
  return f.plotX + ((t - f.w0) * f.plotW) / (f.w1 - f.w0);
}

/** Fills a batch of rects [x, y, w, h, ...] in one path. */
export function fillRects(ctx: CanvasRenderingContext2D, color: string, rects: number[]): void {
  if (rects.length === 0) return;
  ctx.fillStyle = color;
  ctx.beginPath();
  for (let i = 0; i < rects.length; i += 4) ctx.rect(rects[i], rects[i + 1], rects[i + 2], rects[i + 3]);
  ctx.fill();
}

/** Cuts `text` so it fits `maxW` px in the current font (binary search on measureText), with an ellipsis. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, maxW: number, fontPx = 11): string {
  if (maxW <= 0) return '';
  // No glyph of the UI fonts is wider than ~1.25 em: short labels fit without measuring (measureText is slow
  // in software-rasterised canvases, and scrolling brings new labels every frame).
  if (text.length * fontPx * 1.25 <= maxW) return text;
  if (ctx.measureText(text).width <= maxW) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (ctx.measureText(text.slice(0, mid) + '…').width <= maxW) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? text.slice(0, lo) + '…' : '';
}
