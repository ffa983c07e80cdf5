/**
 * `tracelab info <trace>... [--json]`: for each trace (a path may hold several, e.g. an LTTng session's kernel and
 * ust traces): path, format, hostname, domain, tracer, streams, events, lost events and packets, first and last
 * event timestamps. Events are counted by a full streaming read.
 *
 * Scope: counting and printing; each path is opened as its own experiment, so one bad path does not hide the
 * others (the exit code is 1 if any failed).
 */
import { jsonValue } from '../../analysis/arrow/value-json';
import type { FieldValue } from '../../analysis/trace/types';
import type { Experiment } from '../../analysis/trace/types';
import { formatSeconds, parseCommandArgs } from './args';
import { EXIT_OK, EXIT_TRACE_ERROR, UsageError } from './context';
import type { CliContext, Command } from './context';
import { reportError } from './errors';
import { StreamOutput } from './output';
import { Progress } from './progress';

const HELP = `Usage: tracelab info <trace>... [--json]

Describes each trace: format, host, domain, tracer, streams, event count (full read), lost events, time range.

Options:
  --json             one JSON array (timestamps are exact ns integers)
  -h, --help         this help
`;

export interface TraceSummary {
  path: string;
  format: string;
  hostname: string;
  domain: string;
  tracer: string;
  streams: number;
  events: number;
  lost_events: bigint;
  lost_packets: bigint;
  first_ts: bigint | null;
  last_ts: bigint | null;
}

/** Counts the events of every trace of `exp` in one streaming read. */
export function summarize(exp: Experiment, progress?: Progress): TraceSummary[] {
  const nTraces = exp.traces.length;
  const classTrace = Int32Array.from(exp.eventClasses, c => c.traceIndex);
  const counts = new Float64Array(nTraces);
  const first: (bigint | null)[] = new Array<bigint | null>(nTraces).fill(null);
  const last: (bigint | null)[] = new Array<bigint | null>(nTraces).fill(null);
  const lastIdx = new Int32Array(nTraces);
  for (const batch of exp.batches({ streaming: true })) {
    lastIdx.fill(-1);
    const ids = batch.classId;
    for (let i = 0; i < batch.length; i++) {
      const t = classTrace[ids[i]];
      if (counts[t]++ === 0) first[t] = batch.ts[i];
      lastIdx[t] = i;
    }
    for (let t = 0; t < nTraces; t++) if (lastIdx[t] >= 0) last[t] = batch.ts[lastIdx[t]];
    progress?.tick(batch.length, batch.length > 0 ? batch.ts[batch.length - 1] : undefined);
  }
  const losses = exp.losses();
  return exp.traces.map((t, k) => ({
    path: t.path,
    format: t.format,
    hostname: t.hostname,
    domain: t.domain,
    tracer: t.tracer,
    streams: t.streams,
    events: counts[k],
    lost_events: losses
      .filter(l => l.traceIndex === k && l.kind === 'events')
      .reduce((n, l) => n + l.count, 0n),
    lost_packets: losses
      .filter(l => l.traceIndex === k && l.kind === 'packets')
      .reduce((n, l) => n + l.count, 0n),
    first_ts: first[k],
    last_ts: last[k]
  }));
}

function timeText(ns: bigint | null): string {
  return ns === null ? '-' : `${ns} (${formatSeconds(ns)} s)`;
}

export function summaryText(s: TraceSummary): string {
  const rows: [string, string][] = [
    ['path', s.path],
    ['format', s.format],
    ['hostname', s.hostname],
    ['domain', s.domain || '-'],
    ['tracer', s.tracer || '-'],
    ['streams', String(s.streams)],
    ['events', String(s.events)],
    ['lost events', String(s.lost_events)],
    ['lost packets', String(s.lost_packets)],
    ['first', timeText(s.first_ts)],
    ['last', timeText(s.last_ts)]
  ];
  if (s.first_ts !== null && s.last_ts !== null) {
    rows.push(['duration', `${formatSeconds(s.last_ts - s.first_ts)} s`]);
  }
  return rows.map(([k, v]) => `${`${k}:`.padEnd(14)}${v}\n`).join('');
}

async function runInfo(args: string[], ctx: CliContext): Promise<number> {
  let json = false;
  let paths: string[];
  try {
    const { values, positionals } = parseCommandArgs(
      args,
      { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      'info'
    );
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT_OK;
    }
    if (positionals.length === 0) throw new UsageError('no trace given', 'info');
    json = values.json === true;
    paths = positionals;
  } catch (e) {
    return reportError(ctx, e, 'info');
  }
  let code = EXIT_OK;
  const all: TraceSummary[] = [];
  const out = new StreamOutput(ctx.stdout);
  for (const p of paths) {
    let exp: Experiment | undefined;
    let progress: Progress | undefined;
    try {
      exp = await ctx.open([p]);
      progress = new Progress(ctx, exp.timeRange(), `${p}: `);
      const summaries = summarize(exp, progress);
      progress.done();
      for (const s of summaries) {
        if (!json) await out.write(`${all.length > 0 ? '\n' : ''}${summaryText(s)}`);
        all.push(s);
      }
    } catch (e) {
      progress?.done();
      await out.flush();
      code = reportError(ctx, e, 'info') || EXIT_TRACE_ERROR;
    } finally {
      exp?.close();
    }
  }
  if (json) await out.write(`${jsonValue(all as unknown as FieldValue)}\n`);
  await out.close();
  return code;
}

export const infoCommand: Command = {
  name: 'info',
  summary: 'describe traces: format, host, streams, event count, lost events, time range',
  help: HELP,
  run: runInfo
};
