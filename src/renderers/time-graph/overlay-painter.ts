/**
 * Draws the overlay canvas: the followed thread's critical-path segments, the focused row, the hovered
 * interval, the selection band, the drag preview and the cursor line.
 *
 * Scope: the overlay layer, repainted alone on mouse moves; reads times as absolute bigints and converts them
 * relative to the window origin.
 */
import { xOfOffset } from './paint-frame';
import type { IPaintFrame } from './paint-frame';
import type { TimeGraphState } from './view-state';

function clampX(f: IPaintFrame, x: number): number {
  return Math.max(f.plotX, Math.min(f.plotX + f.plotW, x));
}

function paintPath(f: IPaintFrame): number {
  const path = f.path;
  if (!path) return 0;
  const yOf = new Map<number, number>(f.placed.map(p => [p.row, p.y]));
  const { ctx } = f;
  ctx.strokeStyle = f.theme.highlight;
  ctx.lineWidth = 2;
  let drawn = 0;
  for (let i = 0; i < path.row.length; i++) {
    const y = yOf.get(path.row[i]);
    if (y === undefined || path.end[i] < f.w0 || path.start[i] > f.w1) continue;
    const x0 = clampX(f, xOfOffset(f, path.start[i]));
    const x1 = clampX(f, xOfOffset(f, path.end[i]));
    ctx.strokeRect(x0, y + 1, Math.max(1, x1 - x0), f.rowH - 2);
    drawn++;
  }
  return drawn;
}

function paintHover(f: IPaintFrame, s: TimeGraphState): void {
  const h = s.hover;
  if (!h) return;
  const store = h.fine && f.model.fine ? f.model.fine : f.model.snapshot;
  const placed = f.placed.find(p => p.row === h.row);
  if (!placed) return;
  const [a, b] = store.bounds(h.index);
  const x0 = clampX(f, xOfOffset(f, a));
  const x1 = clampX(f, xOfOffset(f, b));
  f.ctx.strokeStyle = f.theme.text;
  f.ctx.lineWidth = 1;
  f.ctx.strokeRect(x0 - 0.5, placed.y + 0.5, Math.max(1, x1 - x0) + 1, f.rowH - 1);
}

/**
 * Paints the overlay for state `s`. `xOfTime` maps absolute times to canvas x. Returns the number of
 * critical-path segments highlighted.
 */
export function paintOverlay(f: IPaintFrame, s: TimeGraphState, xOfTime: (t: bigint) => number): number {
  const { ctx, theme } = f;
  ctx.clearRect(0, 0, f.width, f.height);
  const pathDrawn = s.followed >= 0 ? paintPath(f) : 0;
  const focused = f.placed.find(p => p.row === s.focusedRow);
  if (focused) {
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = 1;
    ctx.strokeRect(0.5, focused.y + 0.5, f.width - 1, f.rowH - 1);
  }
  paintHover(f, s);
  const sel = s.selection;
  if (sel) {
    const x0 = clampX(f, xOfTime(sel.start));
    const x1 = clampX(f, xOfTime(sel.end));
    ctx.fillStyle = theme.selection;
    ctx.fillRect(x0, 0, Math.max(1, x1 - x0), f.height);
    ctx.fillStyle = theme.accent;
    ctx.fillRect(x0, 0, 1, f.height);
    ctx.fillRect(x1, 0, 1, f.height);
  }
  const d = s.drag;
  if (d) {
    const x0 = clampX(f, f.plotX + Math.min(d.x0, d.x1));
    const x1 = clampX(f, f.plotX + Math.max(d.x0, d.x1));
    ctx.fillStyle = theme.selection;
    ctx.fillRect(x0, 0, x1 - x0, f.height);
  }
  if (s.cursor !== null) {
    const x = xOfTime(s.cursor);
    if (x >= f.plotX && x <= f.plotX + f.plotW) {
      ctx.fillStyle = theme.cursor;
      ctx.fillRect(Math.round(x), 0, 1, f.height);
    }
  }
  return pathDrawn;
}
