/**
 * `tracelab events <trace>... [--name GLOB] [--start T] [--end T] [--limit N] [--format jsonl|csv|arrow]
 * [--out FILE]`: the merged events of the traces, in time order, as JSON Lines, CSV or an Arrow IPC file.
 *
 * Scope: option handling, event selection (class globs, inclusive time window, limit) and the output loop. On
 * corrupt data the events decoded before the damage are written (and an Arrow file is finished) before the error.
 */
import type { EventBatch, Experiment, ReadOptions } from '../../analysis/trace/types';
import { globToRegExp, parseCommandArgs, parseCount, parseTime } from './args';
import { ArrowEventsWriter } from './arrow-events';
import { EXIT_OK, UsageError } from './context';
import type { CliContext, Command } from './context';
import { reportError } from './errors';
import { CSV_HEADER, csvFormatter, jsonlFormatter } from './event-rows';
import type { RowFormatter } from './event-rows';
import { FileOutput, StreamOutput } from './output';
import type { Output } from './output';
import { Progress } from './progress';

const HELP = `Usage: tracelab events <trace>... [options]

Prints the events of one or more traces (merged in time order).

Options:
  --name GLOB        only events whose name matches (* ? [..]); repeatable
  --start T          first timestamp (inclusive); T is ns (integer) or seconds with a decimal point (12.5)
  --end T            last timestamp (inclusive)
  --limit N          at most N events
  --format F         jsonl (default), csv or arrow (Arrow IPC file)
  --out FILE         write to FILE instead of stdout
  -h, --help         this help

JSONL row: {"ts":<ns>,"cpu":<n>,"name":"...","host":"...","fields":{...},"context":{...}}; integers are exact.
`;

interface Selection {
  read: ReadOptions;
  /** wanted[classId] = 1 for selected classes. */
  wanted: Uint8Array;
  classIds: number[];
  limit: number;
}

function selection(
  exp: Experiment,
  names: string[],
  start?: bigint,
  end?: bigint,
  limit?: number
): Selection {
  const globs = names.map(globToRegExp);
  const wanted = new Uint8Array(exp.eventClasses.length);
  const classIds: number[] = [];
  for (const c of exp.eventClasses) {
    if (globs.length === 0 || globs.some(g => g.test(c.name))) {
      wanted[c.id] = 1;
      classIds.push(c.id);
    }
  }
  const read: ReadOptions = { start, end };
  if (globs.length > 0) read.classIds = new Set(classIds);
  return { read, wanted, classIds, limit: limit ?? Infinity };
}

/** Indices of the selected events of `batch` (at most `max`). */
function selectRows(batch: EventBatch, sel: Selection, max: number): { rows: Int32Array; count: number } {
  const n = batch.length;
  const rows = new Int32Array(Math.min(n, max));
  const { start, end } = sel.read;
  // batches are time-ordered: check timestamps per event only when the batch straddles a bound
  const checkStart = start !== undefined && n > 0 && batch.ts[0] < start;
  const checkEnd = end !== undefined && n > 0 && batch.ts[n - 1] > end;
  const wanted = sel.wanted;
  const ids = batch.classId;
  let count = 0;
  for (let i = 0; i < n && count < rows.length; i++) {
    if (wanted[ids[i]] !== 1) continue;
    if (checkStart && batch.ts[i] < start!) continue;
    if (checkEnd && batch.ts[i] > end!) continue;
    rows[count++] = i;
  }
  return { rows, count };
}

interface Sink {
  write(batch: EventBatch, rows: Int32Array, count: number): Promise<void>;
  finish(): Promise<void>;
}

function textSink(out: Output, fmt: RowFormatter, header?: string): Sink {
  let started = false;
  return {
    async write(batch, rows, count) {
      if (!started && header) await out.write(header);
      started = true;
      for (let k = 0; k < count && !out.broken; k++) {
        if (out.append(fmt(batch, rows[k]))) await out.flush();
      }
    },
    async finish() {
      if (!started && header) await out.write(header);
    }
  };
}

/** A class whose field list every selected class shares (same names, types, order), or undefined. */
function uniformClass(exp: Experiment, classIds: number[]): number | undefined {
  if (classIds.length === 0) return undefined;
  const key = (id: number): string =>
    JSON.stringify(exp.eventClasses[id].fields.map(f => [f.name, f.scope, f.type, f.bits ?? 0]));
  const first = key(classIds[0]);
  return classIds.every(id => key(id) === first) ? classIds[0] : undefined;
}

function makeSink(format: string, exp: Experiment, sel: Selection, out: Output): Sink {
  switch (format) {
    case 'jsonl':
      return textSink(out, jsonlFormatter(exp));
    case 'csv':
      return textSink(out, csvFormatter(exp), CSV_HEADER);
    default:
      return new ArrowEventsWriter(exp, uniformClass(exp, sel.classIds), out);
  }
}

/** The read loop: selected events to the sink, with progress; returns how many were written. */
async function pumpEvents(
  exp: Experiment,
  sel: Selection,
  sink: Sink,
  out: Output,
  ctx: CliContext
): Promise<void> {
  const range = exp.timeRange();
  const progress = new Progress(
    ctx,
    range && { start: sel.read.start ?? range.start, end: sel.read.end ?? range.end }
  );
  let remaining = sel.limit;
  try {
    // Streaming: each batch is written out (awaited) before the next is asked for.
    for (const batch of exp.batches({ ...sel.read, streaming: true })) {
      if (remaining <= 0 || out.broken) break;
      const { rows, count } = selectRows(batch, sel, remaining);
      remaining -= count;
      await sink.write(batch, rows, count);
      progress.tick(batch.length, batch.length > 0 ? batch.ts[batch.length - 1] : undefined);
    }
  } finally {
    progress.done();
  }
}

interface EventsArgs {
  paths: string[];
  names: string[];
  start?: bigint;
  end?: bigint;
  limit?: number;
  format: string;
  out?: string;
}

function parseEventsArgs(args: string[]): EventsArgs | 'help' {
  const { values: v, positionals } = parseCommandArgs(
    args,
    {
      name: { type: 'string', multiple: true },
      start: { type: 'string' },
      end: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string', default: 'jsonl' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' }
    },
    'events'
  );
  if (v.help) return 'help';
  if (positionals.length === 0) throw new UsageError('no trace given', 'events');
  const format = String(v.format);
  if (!['jsonl', 'csv', 'arrow'].includes(format)) {
    throw new UsageError(`--format: '${format}' is not one of jsonl, csv, arrow`, 'events');
  }
  const start = typeof v.start === 'string' ? parseTime(v.start, '--start') : undefined;
  const end = typeof v.end === 'string' ? parseTime(v.end, '--end') : undefined;
  if (start !== undefined && end !== undefined && start > end) {
    throw new UsageError('--start is after --end', 'events');
  }
  return {
    paths: positionals,
    names: (v.name as string[] | undefined) ?? [],
    start,
    end,
    limit: typeof v.limit === 'string' ? parseCount(v.limit, '--limit') : undefined,
    format,
    out: typeof v.out === 'string' ? v.out : undefined
  };
}

async function runEvents(args: string[], ctx: CliContext): Promise<number> {
  let parsed: EventsArgs | 'help';
  try {
    parsed = parseEventsArgs(args);
  } catch (e) {
    return reportError(ctx, e, 'events');
  }
  if (parsed === 'help') {
    ctx.stdout.write(HELP);
    return EXIT_OK;
  }
  if (parsed.format === 'arrow' && parsed.out === undefined && (ctx.stdout as { isTTY?: boolean }).isTTY) {
    return reportError(
      ctx,
      new UsageError('--format arrow writes binary: use --out FILE or a pipe', 'events')
    );
  }
  let exp: Experiment | undefined;
  let out: Output | undefined;
  let code = EXIT_OK;
  try {
    exp = await ctx.open(parsed.paths);
    const sel = selection(exp, parsed.names, parsed.start, parsed.end, parsed.limit);
    out = parsed.out !== undefined ? new FileOutput(parsed.out) : new StreamOutput(ctx.stdout);
    const sink = makeSink(parsed.format, exp, sel, out);
    try {
      await pumpEvents(exp, sel, sink, out, ctx);
    } finally {
      await sink.finish();
    }
  } catch (e) {
    // the events decoded before the error are flushed first, so they precede the message
    await out?.flush().catch(() => undefined);
    code = reportError(ctx, e, 'events');
  } finally {
    await out?.close().catch(() => undefined);
    exp?.close();
  }
  return code;
}

export const eventsCommand: Command = {
  name: 'events',
  summary: 'print events as JSON Lines, CSV or an Arrow IPC file',
  help: HELP,
  run: runEvents
};
