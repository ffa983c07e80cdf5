/**
 * Draws the label column: indentation by depth, an expander for group rows, a pin mark, the followed thread in
 * the accent colour, and the label text cut to fit. Text goes through `fillText`, never markup.
 *
 * Scope: the labels layer of the main canvas. Fitted labels are cached per row and width.
 */
import { fitText, isFaded } from './paint-frame';
import type { IPaintFrame } from './paint-frame';

/** Caches fitted label text (measureText is the costly part). Clear it when the font changes. */
export class LabelCache {
  get(row: number, width: number): string | undefined {
    const e = this._map.get(row);
    return e && e.width === width ? e.text : undefined;
  }

  set(row: number, width: number, text: string): void {
    if (this._map.size > 50_000) this._map.clear();
    this._map.set(row, { width, text });
  }

  clear(): void {
    this._map.clear();
  }

  private _map = new Map<number, { width: number; text: string }>();
}

/** Indent per tree level, px. */
export const INDENT = 12;

/** Paints the label column for the placed rows. */
export function paintLabels(
  f: IPaintFrame,
  cache: LabelCache,
  followed: number,
  collapsed: ReadonlySet<number>
): void {
  const { ctx, model, rowH, theme } = f;
  const tree = model.tree;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, f.plotX, f.height);
  ctx.font = theme.font;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.save();
  // Unmeasured labels (see fitText) can never spill over the plot.
  ctx.beginPath();
  ctx.rect(0, 0, f.plotX - 1, f.height);
  ctx.clip();
  for (const p of f.placed) {
    if (p.index % 2 === 1) {
      ctx.fillStyle = theme.stripe;
      ctx.fillRect(0, p.y, f.plotX, rowH);
    }
    const depth = Math.min(tree.depth[p.row], 8);
    const x = 4 + depth * INDENT;
    const mid = p.y + rowH / 2;
    ctx.fillStyle = theme.mutedText;
    if (tree.children[p.row].length > 0) ctx.fillText(collapsed.has(p.row) ? '▸' : '▾', x, mid);
    if (p.pinned) {
      ctx.fillStyle = theme.accent;
      ctx.fillRect(0, p.y + 1, 3, rowH - 2);
    }
    const textX = x + INDENT;
    const maxW = f.plotX - textX - 4;
    let text = cache.get(p.row, maxW);
    if (text === undefined) {
      text = fitText(ctx, model.payload.rows[p.row].label, maxW);
      cache.set(p.row, maxW, text);
    }
    ctx.fillStyle = p.row === followed ? theme.accent : isFaded(f, p.row) ? theme.mutedText : theme.text;
    ctx.fillText(text, textX, mid);
  }
  ctx.restore();
  ctx.fillStyle = theme.border;
  ctx.fillRect(f.plotX - 1, 0, 1, f.height);
}
