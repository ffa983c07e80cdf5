/**
 * `t.info()` of a trace opened in a cell: the experiment summary (traces, hosts, event classes, time range),
 * displayed as a table. The `Trace` handle itself lives in `trace.ts`.
 */
import type { Experiment, TraceInfo } from '../../analysis/trace/types';
import { DISPLAY, type IDisplayable } from './mime-bundle';

/** One trace of an experiment, as `info()` lists it. */
export interface ITraceSummary {
  path: string;
  format: string;
  hostname: string;
  domain: string;
  tracer: string;
  streams: number;
}

/** Summary of an experiment; displays as a table. Times are bigint ns. */
export class ExperimentInfo implements IDisplayable {
  constructor(experiment: Experiment) {
    this.traces = experiment.traces.map(summarize);
    this.eventClasses = experiment.eventClasses.length;
    const r = experiment.timeRange();
    this.start = r?.start;
    this.end = r?.end;
  }

  readonly traces: ITraceSummary[];
  readonly eventClasses: number;
  /** First event, ns (undefined when the experiment has no events). */
  readonly start: bigint | undefined;
  /** Last event, ns. */
  readonly end: bigint | undefined;

  /** Duration in ns, or undefined. */
  get duration(): bigint | undefined {
    return this.start !== undefined && this.end !== undefined ? this.end - this.start : undefined;
  }

  /** Plain-text summary. */
  toString(): string {
    const span =
      this.start !== undefined
        ? `, ${formatSeconds(this.duration!)} s (${this.start} – ${this.end} ns)`
        : ', no events';
    const head = `Experiment: ${this.traces.length} trace(s), ${this.eventClasses} event classes${span}`;
    const rows = this.traces.map(
      (t, i) =>
        `  [${i}] ${t.format} ${t.domain || '-'} ${t.tracer || '-'} host=${t.hostname || '-'} ` +
        `streams=${t.streams} ${t.path}`
    );
    return [head, ...rows].join('\n');
  }

  [DISPLAY](): Record<string, string> {
    const cells = (t: ITraceSummary): string[] => [
      t.path,
      t.format,
      t.hostname,
      t.domain,
      t.tracer,
      String(t.streams)
    ];
    const head = ['path', 'format', 'host', 'domain', 'tracer', 'streams'].map(h => `<th>${h}</th>`).join('');
    const rows = this.traces.map(
      t =>
        `<tr>${cells(t)
          .map(c => `<td>${escapeHtml(c)}</td>`)
          .join('')}</tr>`
    );
    const caption = escapeHtml(this.toString().split('\n')[0]);
    const html = `<table><caption>${caption}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
    return { 'text/html': html, 'text/plain': this.toString() };
  }
}

function summarize(t: TraceInfo): ITraceSummary {
  return {
    path: t.path,
    format: t.format,
    hostname: t.hostname,
    domain: t.domain,
    tracer: t.tracer,
    streams: t.streams
  };
}

/** ns -> seconds with 9 decimals, exact (bigint arithmetic). */
export function formatSeconds(ns: bigint): string {
  const neg = ns < 0n;
  const a = neg ? -ns : ns;
  return `${neg ? '-' : ''}${a / 1_000_000_000n}.${(a % 1_000_000_000n).toString().padStart(9, '0')}`;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
