/**
 * Draws the time axis above the rows: exact ticks (1/2/5 x 10^k ns) labelled in seconds since the experiment
 * start with just the digits the step needs, the window's duration in the label column, and markers for the
 * selection and the cursor.
 *
 * Scope: the axis canvas; all tick times are bigint, converted to x relative to the window origin.
 */
import { formatDuration } from '../../protocol/ns';
import { computeTicks, tickLabel } from '../../protocol/time-ticks';
import type { ITheme } from './theme';
import type { TimeScale } from './time-window';
import type { ITimeWindow } from '../shared/experiment-link';

/** Axis inputs. */
export interface IAxisFrame {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  plotX: number;
  scale: TimeScale;
  /** Absolute ns the labels count from (the payload range start). */
  origin: bigint;
  theme: ITheme;
  selection: ITimeWindow | null;
  cursor: bigint | null;
}

/** Paints the axis; returns the tick labels drawn (for tests and the accessible description). */
export function paintAxis(a: IAxisFrame): string[] {
  const { ctx, theme, scale } = a;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, a.width, a.height);
  ctx.font = theme.font;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillStyle = theme.mutedText;
  ctx.fillText(`window ${formatDuration(scale.duration)}`, 4, 4);
  const ticks = computeTicks(scale.window.start, scale.window.end, scale.widthPx, 110, a.origin);
  const labels: string[] = [];
  for (const t of ticks.times) {
    const x = a.plotX + scale.xOf(t);
    ctx.fillStyle = theme.border;
    ctx.fillRect(Math.round(x), a.height - 6, 1, 6);
    const label = tickLabel(t, a.origin, ticks.decimals);
    labels.push(label);
    ctx.fillStyle = theme.text;
    ctx.fillText(label, x + 3, 4);
  }
  const sel = a.selection;
  if (sel) {
    const x0 = Math.max(a.plotX, a.plotX + scale.xOf(sel.start));
    const x1 = Math.min(a.width, a.plotX + scale.xOf(sel.end));
    if (x1 > x0) {
      ctx.fillStyle = theme.accent;
      ctx.fillRect(x0, a.height - 3, x1 - x0, 3);
    }
  }
  if (a.cursor !== null) {
    const x = a.plotX + scale.xOf(a.cursor);
    if (x >= a.plotX && x <= a.width) {
      ctx.fillStyle = theme.cursor;
      ctx.fillRect(Math.round(x) - 2, a.height - 6, 5, 6);
    }
  }
  ctx.fillStyle = theme.border;
  ctx.fillRect(0, a.height - 1, a.width, 1);
  return labels;
}
