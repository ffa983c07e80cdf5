/**
 * Static SVG renderings of time-graph and critical-path payloads: the fallback a kernel puts in the MIME bundle
 * (`image/svg+xml`) for GitHub, nbviewer and nbconvert HTML, and what the renderer's "Export SVG" saves.
 *
 * Scope: pure string generation. Every trace string is XML-escaped (and stripped of characters XML cannot
 * hold); colours pass only as `#rgb`/`#rrggbb`. The output is bounded: at most `maxRows` rows, at most about one
 * rectangle per pixel per row, at most `maxArrows` arrows.
 */
import { columnsOfRows, drawableRuns } from './svg-runs';
import { formatSeconds } from './ns';
import { computeTicks, tickLabel } from './time-ticks';
import type { ITimeGraphPayload } from './timegraph';
import type { ICriticalPathPayload } from './critical-path';
import { criticalPathToTimeGraph, summarizeCriticalPath } from './critical-path';
import { isHexColor } from './validate-util';

/** Options of the SVG renderings. */
export interface ISvgOptions {
  /** Total width in px (default 960). */
  width?: number;
  rowHeight?: number;
  labelWidth?: number;
  /** Rows drawn at most (default 200); a note tells how many were left out. */
  maxRows?: number;
  maxArrows?: number;
  /** Time window to draw (absolute ns), default the payload range. */
  window?: { start: bigint; end: bigint };
  /** Row indices to draw, in order (default all rows in payload order). */
  rows?: number[];
  /** Extra text lines under the legend. */
  notes?: string[];
}

/** Escapes text for XML content and attribute values, replacing characters XML 1.0 cannot contain. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Cuts text to `max` characters with an ellipsis. */
export function truncateText(text: string, max: number): string {
  if (max <= 1) return text.length > 0 ? '…' : '';
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

const safeColor = (c: string): string => (isHexColor(c) ? c : '#888888');
const fmt = (x: number): string => (Math.round(x * 100) / 100).toString();

interface ILayout {
  width: number;
  rowH: number;
  labelW: number;
  plotW: number;
  top: number;
  w0: number;
  w1: number;
}

function header(
  p: ITimeGraphPayload,
  L: ILayout,
  win: { start: bigint; end: bigint },
  origin: bigint
): string[] {
  const out: string[] = [];
  const title = p.title ?? 'Time graph';
  out.push(`<text x="4" y="14" font-weight="bold">${escapeXml(truncateText(title, 120))}</text>`);
  const ticks = computeTicks(win.start, win.end, L.plotW, 100, origin);
  const y = L.top - 6;
  for (const t of ticks.times) {
    const x = L.labelW + (Number(t - win.start) / (L.w1 - L.w0)) * L.plotW;
    out.push(`<line x1="${fmt(x)}" y1="${y + 2}" x2="${fmt(x)}" y2="${y + 6}" stroke="#666"/>`);
    out.push(
      `<text x="${fmt(x + 2)}" y="${y}" fill="#444">${escapeXml(tickLabel(t, origin, ticks.decimals))}</text>`
    );
  }
  out.push(`<text x="4" y="${y}" fill="#444">t0 = ${escapeXml(formatSeconds(origin))} s</text>`);
  return out;
}

function rowsSvg(p: ITimeGraphPayload, L: ILayout, order: number[]): string[] {
  const out: string[] = [];
  const off = columnsOfRows(p);
  const depth = new Int32Array(p.rows.length);
  p.rows.forEach((r, i) => (depth[i] = r.parent >= 0 ? depth[r.parent] + 1 : 0));
  order.forEach((r, k) => {
    const y = L.top + k * L.rowH;
    const row = p.rows[r];
    const indent = 4 + 10 * Math.min(depth[r], 6);
    const chars = Math.floor((L.labelW - indent - 4) / 6.5);
    if (k % 2 === 1) out.push(`<rect x="0" y="${y}" width="${L.width}" height="${L.rowH}" fill="#f4f4f4"/>`);
    out.push(`<text x="${indent}" y="${y + L.rowH - 4}">${escapeXml(truncateText(row.label, chars))}</text>`);
    for (const run of drawableRuns(p, off, r, L.w0, L.w1, L.plotW)) {
      const color = safeColor(p.legend[run.state]?.color ?? '#888888');
      const x = L.labelW + run.x0;
      out.push(
        `<rect class="tl-run" x="${fmt(x)}" y="${y + 2}" width="${fmt(Math.max(0.5, run.x1 - run.x0))}" ` +
          `height="${L.rowH - 4}" fill="${color}"/>`
      );
    }
  });
  return out;
}

function arrowsSvg(p: ITimeGraphPayload, L: ILayout, order: number[], max: number): string[] {
  const a = p.arrows;
  if (!a) return [];
  const yOf = new Map<number, number>(order.map((r, k) => [r, L.top + k * L.rowH + L.rowH / 2]));
  const out: string[] = [];
  const xOf = (t: number): number => L.labelW + ((t - L.w0) / (L.w1 - L.w0)) * L.plotW;
  for (let i = 0; i < a.fromRow.length && out.length < max; i++) {
    if ((a.owner?.[i] ?? -1) >= 0) continue;
    const y0 = yOf.get(a.fromRow[i]);
    const y1 = yOf.get(a.toRow[i]);
    if (y0 === undefined || y1 === undefined) continue;
    if (Math.max(a.fromTime[i], a.toTime[i]) < L.w0 || Math.min(a.fromTime[i], a.toTime[i]) > L.w1) continue;
    const color = safeColor(p.arrowKinds?.[a.kind[i]]?.color ?? '#444444');
    out.push(
      `<line x1="${fmt(xOf(a.fromTime[i]))}" y1="${y0}" x2="${fmt(xOf(a.toTime[i]))}" y2="${y1}" ` +
        `stroke="${color}" stroke-width="1" marker-end="url(#tl-arrow)"/>`
    );
  }
  return out;
}

function legendSvg(p: ITimeGraphPayload, L: ILayout, y: number): { parts: string[]; height: number } {
  const parts: string[] = [];
  let x = 4;
  let line = 0;
  for (const e of p.legend) {
    const text = truncateText(e.label, 40);
    const w = 18 + text.length * 6.5 + 12;
    if (x + w > L.width && x > 4) {
      x = 4;
      line++;
    }
    const yy = y + line * 16;
    parts.push(`<rect x="${fmt(x)}" y="${yy}" width="12" height="12" fill="${safeColor(e.color)}"/>`);
    parts.push(`<text x="${fmt(x + 16)}" y="${yy + 10}">${escapeXml(text)}</text>`);
    x += w;
  }
  return { parts, height: (line + 1) * 16 };
}

/** Renders a time-graph payload (assumed validated) as a standalone SVG document string. */
export function renderTimeGraphSvg(p: ITimeGraphPayload, opts: ISvgOptions = {}): string {
  const origin = BigInt(p.range.start);
  const win = opts.window ?? { start: origin, end: BigInt(p.range.end) };
  const width = opts.width ?? 960;
  const labelW = opts.labelWidth ?? 180;
  const L: ILayout = {
    width,
    rowH: opts.rowHeight ?? 16,
    labelW,
    plotW: Math.max(10, width - labelW - 4),
    top: 40,
    w0: Number(win.start - origin),
    w1: Number(win.end - origin)
  };
  const all = opts.rows ?? p.rows.map((_, i) => i);
  const order = all.slice(0, opts.maxRows ?? 200);
  const body = [
    ...header(p, L, win, origin),
    ...rowsSvg(p, L, order),
    ...arrowsSvg(p, L, order, opts.maxArrows ?? 2000)
  ];
  let y = L.top + order.length * L.rowH + 8;
  const notes = [...(opts.notes ?? [])];
  if (all.length > order.length) notes.unshift(`${all.length - order.length} more rows not shown`);
  const legend = legendSvg(p, L, y);
  body.push(...legend.parts);
  y += legend.height + 4;
  for (const n of notes) {
    body.push(`<text x="4" y="${y + 11}" fill="#444">${escapeXml(truncateText(n, 160))}</text>`);
    y += 16;
  }
  const height = y + 4;
  const label = escapeXml(truncateText(p.title ?? 'Time graph', 200));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `role="img" aria-label="${label}" font-family="sans-serif" font-size="11">`,
    `<title>${label}</title>`,
    '<defs><marker id="tl-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" ' +
      'orient="auto"><path d="M0,0L6,3L0,6z" fill="#444"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>'
  ].join('\n');
}

/** Renders a critical-path payload as SVG: the path as a time graph, then the time per state and per worker. */
export function renderCriticalPathSvg(p: ICriticalPathPayload, opts: ISvgOptions = {}): string {
  const s = summarizeCriticalPath(p);
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const notes = [
    `Critical path of ${p.subject.label}${p.subject.tid !== undefined ? ` (tid ${p.subject.tid})` : ''}: ` +
      `${formatSeconds(BigInt(s.total))} s on the path`,
    ...s.byState.map(l => `state ${l.label}: ${pct(l.share)} (${formatSeconds(BigInt(l.duration))} s)`),
    ...s.byWorker.slice(0, 10).map(l => `worker ${l.label}: ${pct(l.share)}`),
    ...(s.byHost.length > 1 ? s.byHost.map(l => `host ${l.label}: ${pct(l.share)}`) : [])
  ];
  const tg = criticalPathToTimeGraph(p);
  if (tg.title === undefined) tg.title = `Critical path of ${p.subject.label}`;
  return renderTimeGraphSvg(tg, { ...opts, notes: [...notes, ...(opts.notes ?? [])] });
}
