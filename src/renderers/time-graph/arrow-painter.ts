/**
 * Draws arrows between visible rows (wake-ups, CPU hand-offs, network and critical-path links): a line with a
 * head, coloured by arrow kind. Arrows owned by a followed thread (its critical path) show only while that
 * thread is followed.
 *
 * Scope: the arrows layer of the main canvas; at most `MAX_ARROWS` per frame, skipping arrows whose ends are
 * not both on visible rows or that lie outside the window.
 */
import { xOfOffset } from './paint-frame';
import type { IPaintFrame } from './paint-frame';
import type { IArrowSet } from './model';

/** Upper bound of arrows drawn per frame. */
export const MAX_ARROWS = 5000;

/** Paints the arrows of `set`; returns how many were drawn. */
export function paintArrows(f: IPaintFrame, set: IArrowSet, followed: number): number {
  const { ctx } = f;
  const yOf = new Map<number, number>();
  for (const p of f.placed) yOf.set(p.row, p.y + f.rowH / 2);
  let drawn = 0;
  ctx.save();
  ctx.beginPath();
  ctx.rect(f.plotX, 0, f.plotW, f.height);
  ctx.clip();
  ctx.lineWidth = 1;
  const n = set.fromRow.length;
  for (let i = 0; i < n && drawn < MAX_ARROWS; i++) {
    const owner = set.owner ? set.owner[i] : -1;
    if (owner >= 0 && owner !== followed) continue;
    const t0 = set.fromTime[i];
    const t1 = set.toTime[i];
    if (Math.max(t0, t1) < f.w0 || Math.min(t0, t1) > f.w1) continue;
    const y0 = yOf.get(set.fromRow[i]);
    const y1 = yOf.get(set.toRow[i]);
    if (y0 === undefined || y1 === undefined) continue;
    const color = f.model.arrowColors[set.kind[i]] ?? f.theme.text;
    drawArrow(ctx, xOfOffset(f, t0), y0, xOfOffset(f, t1), y1, color, owner >= 0 ? 2 : 1);
    drawn++;
  }
  ctx.restore();
  return drawn;
}

function drawArrow(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  color: string,
  width: number
): void {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  const angle = Math.atan2(y1 - y0, x1 - x0);
  const size = 5 + width;
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - size * Math.cos(angle - 0.4), y1 - size * Math.sin(angle - 0.4));
  ctx.lineTo(x1 - size * Math.cos(angle + 0.4), y1 - size * Math.sin(angle + 0.4));
  ctx.closePath();
  ctx.fill();
}
