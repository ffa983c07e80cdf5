/**
 * Draws the state intervals of the visible rows: pixel runs per row (see `protocol/pixel-runs.ts`), batched by
 * colour into one path per state, with a thin band under runs that merge several intervals (detail exists
 * below the current zoom or the snapshot's resolution).
 *
 * Scope: the states layer of the main canvas. Cost: O(visible rows x plot width x log n).
 */
import { pixelRuns } from '../../protocol/pixel-runs';
import { fillRects, isFaded } from './paint-frame';
import type { IPaintFrame } from './paint-frame';

/** Paints the rows' backgrounds (stripes) and states. Returns the number of runs drawn. */
export function paintStates(f: IPaintFrame): number {
  const { ctx, model, rowH } = f;
  const nStates = model.colors.length;
  const normal: number[][] = Array.from({ length: nStates }, () => []);
  const faded: number[][] = Array.from({ length: nStates }, () => []);
  const marks: number[] = [];
  const stripes: number[] = [];
  const pad = rowH >= 14 ? 2 : 1;
  const h = rowH - 2 * pad;
  let runs = 0;
  for (const p of f.placed) {
    if (p.index % 2 === 1) stripes.push(f.plotX, p.y, f.plotW, rowH);
    const store = model.storeFor(p.row, f.w0, f.w1);
    const target = isFaded(f, p.row) ? faded : normal;
    const y = p.y + pad;
    runs += pixelRuns(
      store.slice(p.row),
      f.w0 - store.shift,
      f.w1 - store.shift,
      f.plotW,
      (x0, x1, s, merged) => {
        const w = Math.max(1, x1 - x0);
        target[s].push(f.plotX + x0, y, w, h);
        if (merged && w >= 2) marks.push(f.plotX + x0, y + h - 2, w, 2);
      }
    );
  }
  fillRects(ctx, f.theme.stripe, stripes);
  for (let s = 0; s < nStates; s++) fillRects(ctx, model.colors[s], normal[s]);
  ctx.save();
  ctx.globalAlpha = 0.25;
  for (let s = 0; s < nStates; s++) fillRects(ctx, model.colors[s], faded[s]);
  ctx.restore();
  ctx.save();
  ctx.globalAlpha = 0.45;
  fillRects(ctx, f.theme.text, marks);
  ctx.restore();
  return runs;
}
