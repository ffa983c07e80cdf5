/**
 * Displayable views: a time graph (control flow, resources) or a critical path, shown in a cell as the tracelab
 * MIME type plus a static `image/svg+xml` fallback and `text/plain`. The embedded snapshot is bounded (level of
 * detail of the protocol's builder); the full-resolution intervals stay in the kernel's view store, named by the
 * payload's comm handle, for the renderer to zoom into. `payload` keeps row objects; the displayed bundle sends
 * the rows of large views as compact columns (`toWireTimeGraph`).
 *
 * Scope: payload building and the display bundle; analysis data comes in as `IViewData`.
 */
import {
  buildTimeGraphPayload,
  CRITICALPATH_MIME_TYPE,
  formatDuration,
  renderCriticalPathSvg,
  renderTimeGraphSvg,
  summarizeCriticalPath,
  TIMEGRAPH_MIME_TYPE,
  toWireTimeGraph,
  TRACELAB_COMM_TARGET
} from '../../protocol';
import type { ICriticalPathPayload, ILegendEntry, ITimeGraphPayload } from '../../protocol';
import { DISPLAY, type IDisplayable } from '../api/mime-bundle';
import type { MimeBundle } from '../handler/types';
import type { IViewData } from './control-flow';
import type { ViewStore } from './view-store';

/** Snapshot bounds of a view. */
export interface IViewOptions {
  /** Pixel width the snapshot is made for (default 2000). */
  width?: number;
  /** Upper bound of snapshot intervals (default 20,000: under a megabyte of intervals). */
  maxIntervals?: number;
}

/** Default snapshot bounds. */
export const VIEW_DEFAULTS = { width: 2000, maxIntervals: 20_000 } as const;

/** What a time-graph view is made of. */
export interface ITimeGraphViewInput {
  experimentId: string;
  title: string;
  range: { start: bigint; end: bigint };
  legend: readonly ILegendEntry[];
  data: IViewData;
}

/** A time-graph view (control flow, resources). */
export class TimeGraphView implements IDisplayable {
  constructor(input: ITimeGraphViewInput, store: ViewStore | undefined, options: IViewOptions = {}) {
    const { range, data } = input;
    const end = range.end > range.start ? range.end : range.start + 1n;
    this.handle = store?.register(data.source);
    this.intervalCount = data.source.length;
    this.payload = buildTimeGraphPayload(
      {
        experimentId: input.experimentId,
        title: input.title,
        range: { start: range.start, end },
        rows: data.rows,
        legend: [...input.legend],
        intervals: data.source.all(),
        ...(this.handle ? { comm: { target: TRACELAB_COMM_TARGET, handle: this.handle } } : {})
      },
      {
        width: options.width ?? VIEW_DEFAULTS.width,
        maxIntervals: options.maxIntervals ?? VIEW_DEFAULTS.maxIntervals
      }
    );
  }

  /** The payload displayed (the bounded snapshot). */
  readonly payload: ITimeGraphPayload;
  /** Kernel-side handle for finer data (undefined when not registered). */
  readonly handle: string | undefined;
  /** Intervals at full resolution. */
  readonly intervalCount: number;

  /** A one-paragraph text summary. */
  toString(): string {
    const p = this.payload;
    const span = formatDuration(BigInt(p.range.end) - BigInt(p.range.start));
    const res = p.resolution === '0' ? 'exact' : `merged below ${formatDuration(BigInt(p.resolution))}`;
    return (
      `${p.title ?? 'Time graph'}: ${p.rows.length} rows, ${this.intervalCount} intervals over ${span} ` +
      `(${p.range.start} – ${p.range.end} ns); snapshot ${p.intervals.row.length} intervals, ${res}` +
      (this.handle ? '; zoom for finer data in JupyterLab with the tracelab extension' : '')
    );
  }

  /** The bundle: the payload as sent (compact row columns for many rows), the SVG fallback and the text. */
  [DISPLAY](): MimeBundle {
    const bundle = {
      [TIMEGRAPH_MIME_TYPE]: toWireTimeGraph(this.payload),
      'image/svg+xml': renderTimeGraphSvg(this.payload),
      'text/plain': this.toString()
    };
    return bundle as unknown as MimeBundle;
  }
}

/** A critical-path view. */
export class CriticalPathView implements IDisplayable {
  constructor(
    readonly payload: ICriticalPathPayload,
    readonly handle?: string
  ) {}

  /** Time on the path per state, worker and host. */
  summary(): ReturnType<typeof summarizeCriticalPath> {
    return summarizeCriticalPath(this.payload);
  }

  toString(): string {
    const s = this.summary();
    const top = (lines: { label: string; share: number }[]): string =>
      lines
        .slice(0, 5)
        .map(l => `${l.label} ${(l.share * 100).toFixed(1)}%`)
        .join(', ');
    const p = this.payload;
    return [
      `${p.title ?? 'Critical path'}: ${p.segments.row.length} segments over ${p.workers.length} workers, ` +
        `${formatDuration(BigInt(s.total))} covered`,
      `  by state: ${top(s.byState)}`,
      `  by worker: ${top(s.byWorker)}`
    ].join('\n');
  }

  [DISPLAY](): MimeBundle {
    const bundle = {
      [CRITICALPATH_MIME_TYPE]: this.payload,
      'image/svg+xml': renderCriticalPathSvg(this.payload),
      'text/plain': this.toString()
    };
    return bundle as unknown as MimeBundle;
  }
}
