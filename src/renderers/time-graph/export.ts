/**
 * Export of a time-graph view for papers: SVG (the protocol's static renderer over the visible window and rows,
 * text escaped) and PNG (the axis and plot canvases composed at device resolution).
 *
 * Scope: building the files and handing them to the browser as downloads; Blob URLs are revoked a second later.
 */
import { renderTimeGraphSvg } from '../../protocol/svg-fallback';
import type { ITimeGraphPayload } from '../../protocol/timegraph';
import type { ITimeWindow } from '../shared/experiment-link';

/** Rows written to an SVG export at most. */
export const MAX_EXPORT_ROWS = 1000;

/** The SVG text of `payload` over `window`, drawing `rows` in order. */
export function exportSvgText(
  payload: ITimeGraphPayload,
  window: ITimeWindow,
  rows: number[],
  width: number
): string {
  return renderTimeGraphSvg(payload, {
    window,
    rows,
    width: Math.max(480, Math.round(width)),
    maxRows: MAX_EXPORT_ROWS
  });
}

/** Draws `layers` (top to bottom: each canvas with its y offset) into one canvas. */
export function composeCanvases(layers: Array<{ canvas: HTMLCanvasElement; y: number }>, background: string) {
  const width = Math.max(...layers.map(l => l.canvas.width));
  const height = Math.max(...layers.map(l => l.y + l.canvas.height));
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  if (ctx) {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, width, height);
    for (const l of layers) ctx.drawImage(l.canvas, 0, l.y);
  }
  return out;
}

/** Offers `blob` as a download named `filename`. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // Some browsers start the download after the click returns: revoke a moment later.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** A file-name-safe version of a title. */
export function fileStem(title: string | undefined): string {
  const s = (title ?? 'timegraph').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return s.slice(0, 80) || 'timegraph';
}
