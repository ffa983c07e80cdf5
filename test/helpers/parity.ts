/**
 * Lockstep parity run: babeltrace2's pretty output (streamed, parsed line by line) against tracelab's events
 * (pulled one by one), without buffering either side beyond a group of events sharing one timestamp.
 *
 * Events are compared in order; when the pair at the head differs and both have the same timestamp, all events of
 * that timestamp on both sides are matched as a multiset (the two merges may order simultaneous events of different
 * streams differently); when the timestamps differ, the side with the earlier one has an event the other lacks.
 * The report lists the first differences with both events described, counts per side, the reader's error if any,
 * babeltrace2's exit status and its discarded-events/packets totals next to tracelab's `losses()`.
 */
import { parsePrettyLine } from './bt2-pretty-parse';
import type { BtEvent } from './bt2-pretty-parse';
import type { Experiment, LossRecord } from '../../src/analysis/trace/types';
import type { Bt2Exit, Bt2Run } from './babeltrace';
import { bt2ErrorSummary, runBabeltrace2Pretty } from './babeltrace';
import { compareEvent, describeBt, describeTl } from './compare-event';
import { errorText, openExperiment, TlCursor } from './tracelab-events';
import type { TlEvent } from './tracelab-events';

export interface ParityReport {
  label: string;
  bt2Events: number;
  tlEvents: number;
  /** Events (or tie groups) that differ. */
  differing: number;
  /** The first differences, described. */
  details: string[];
  tlError?: unknown;
  bt2: Bt2Exit;
  parseError?: string;
  /** Sum of tracelab `losses()` by kind (after the read). */
  tlLosses: { events: bigint; packets: bigint };
}

export interface ParityOptions {
  maxDetails?: number;
  maxTieGroup?: number;
  /** Which of tracelab's `losses()` records count (default all). */
  lossFilter?: (l: LossRecord) => boolean;
}

/** Parses babeltrace2 pretty lines into event batches (a parse failure is thrown to the consumer). */
export async function* prettyEvents(lines: AsyncIterable<string[]>): AsyncGenerator<BtEvent[]> {
  for await (const batch of lines) {
    const out: BtEvent[] = [];
    for (const line of batch) if (line.length > 0) out.push(parsePrettyLine(line));
    yield out;
  }
}

/** Reference events with one event of lookahead; a source failure ends the sequence (kept in `parseError`). */
class BtCursor {
  count = 0;
  parseError?: string;
  private buf: BtEvent[] = [];
  private i = 0;
  private done = false;
  constructor(private readonly it: AsyncIterator<BtEvent[]>) {}

  /** Makes `peek()` valid (reads more when needed). */
  async ensure(): Promise<void> {
    while (this.i >= this.buf.length && !this.done) {
      try {
        const r = await this.it.next();
        if (r.done) this.done = true;
        else [this.buf, this.i] = [r.value, 0];
      } catch (err) {
        this.parseError = errorText(err);
        this.done = true;
      }
    }
  }
  peek(): BtEvent | undefined {
    return this.i < this.buf.length ? this.buf[this.i] : undefined;
  }
  next(): void {
    if (this.i < this.buf.length) {
      this.i++;
      this.count++;
    }
  }
}

class Recorder {
  differing = 0;
  details: string[] = [];
  constructor(private readonly max: number) {}
  add(lines: string[]): void {
    this.differing++;
    for (const l of lines) if (this.details.length < this.max) this.details.push(l);
  }
}

function pairLines(b: BtEvent | undefined, t: TlEvent | undefined, diff: string[]): string[] {
  const head = b && t ? `event #${t.index}` : b ? 'missing in tracelab' : 'extra in tracelab';
  const lines = [`${head}:`];
  if (b) lines.push(`  babeltrace2: ${describeBt(b)}`);
  if (t) lines.push(`  tracelab:    ${describeTl(t)}`);
  return lines.concat(diff.slice(0, 8).map(d => `    ${d}`));
}

/** Matches all events stamped `ts` on both sides as multisets. */
async function tieGroup(bt: BtCursor, tl: TlCursor, ts: bigint, rec: Recorder, max: number): Promise<void> {
  const bs: BtEvent[] = [];
  const ts_: TlEvent[] = [];
  for (await bt.ensure(); bt.peek()?.ts === ts && bs.length < max; await bt.ensure()) {
    bs.push(bt.peek()!);
    bt.next();
  }
  for (let t = tl.peek(); t !== undefined && t.ts === ts && ts_.length < max; t = tl.peek()) {
    ts_.push(tl.next()!);
  }
  const used = new Array<boolean>(ts_.length).fill(false);
  const lonely: BtEvent[] = [];
  for (const b of bs) {
    const j = ts_.findIndex((t, k) => !used[k] && compareEvent(b, t).length === 0);
    if (j >= 0) used[j] = true;
    else lonely.push(b);
  }
  const rest = ts_.filter((_, k) => !used[k]);
  for (let k = 0; k < Math.max(lonely.length, rest.length); k++) {
    const b = lonely[k];
    const t = rest[k];
    rec.add(pairLines(b, t, b && t ? compareEvent(b, t) : []));
  }
  if (bs.length >= max || ts_.length >= max) rec.add([`more than ${max} events at ts ${ts}: not compared`]);
}

/** Runs the comparison to the end of both sides. */
export async function compareLockstep(
  label: string,
  bt2: Bt2Run,
  tl: TlCursor,
  opts: ParityOptions = {}
): Promise<ParityReport> {
  const res = await compareEvents(label, prettyEvents(bt2.lines), tl, opts);
  bt2.kill();
  return { ...res, bt2: await bt2.exit };
}

/** Lockstep comparison of reference events (from babeltrace2, live or recorded) with tracelab's. */
export async function compareEvents(
  label: string,
  ref: AsyncIterable<BtEvent[]>,
  tl: TlCursor,
  opts: ParityOptions = {}
): Promise<Omit<ParityReport, 'bt2'>> {
  const rec = new Recorder(opts.maxDetails ?? 40);
  const bt = new BtCursor(ref[Symbol.asyncIterator]());
  for (;;) {
    await bt.ensure();
    const b = bt.peek();
    const t = tl.peek();
    if (b === undefined || t === undefined) {
      if (b === undefined && t === undefined) break;
      rec.add(pairLines(b, t, []));
      if (b) bt.next();
      else tl.next();
      continue;
    }
    const diff = compareEvent(b, t);
    if (diff.length === 0) {
      bt.next();
      tl.next();
    } else if (b.ts !== undefined && b.ts === t.ts) {
      await tieGroup(bt, tl, b.ts, rec, opts.maxTieGroup ?? 20000);
    } else if (b.ts !== undefined && b.ts !== t.ts && !(diff.length === 1 && diff[0].startsWith('ts:'))) {
      rec.add(pairLines(t.ts < b.ts ? undefined : b, t.ts < b.ts ? t : undefined, []));
      if (t.ts < b.ts) tl.next();
      else bt.next();
    } else {
      rec.add(pairLines(b, t, diff));
      bt.next();
      tl.next();
    }
  }
  const tlLosses = { events: 0n, packets: 0n };
  if (tl.error === undefined) {
    for (const l of tl.exp.losses()) if (!opts.lossFilter || opts.lossFilter(l)) tlLosses[l.kind] += l.count;
  }
  return {
    label,
    bt2Events: bt.count,
    tlEvents: tl.count,
    differing: rec.differing,
    details: rec.details,
    tlError: tl.error,
    parseError: bt.parseError,
    tlLosses
  };
}

/** Problems of a report for a trace both sides must read completely (empty = parity). */
export function parityProblems(
  r: ParityReport,
  opts: { checkLosses?: boolean; bt2MustSucceed?: boolean } = {}
): string[] {
  const p: string[] = [];
  if (opts.bt2MustSucceed !== false && r.bt2.code !== 0) {
    p.push(`babeltrace2 exited ${r.bt2.code ?? r.bt2.signal}: ${bt2ErrorSummary(r.bt2.stderrTail)}`);
  }
  if (r.parseError) p.push(`babeltrace2 output not understood: ${r.parseError}`);
  if (r.tlError !== undefined) p.push(`tracelab error after ${r.tlEvents} events: ${errorText(r.tlError)}`);
  if (r.bt2Events !== r.tlEvents) p.push(`event count: babeltrace2 ${r.bt2Events} vs tracelab ${r.tlEvents}`);
  if (r.differing > 0) p.push(`${r.differing} differing events/groups; first differences:`, ...r.details);
  if (opts.checkLosses !== false && r.tlError === undefined && r.bt2.code === 0) {
    const d = r.bt2.discarded;
    if (d.events !== r.tlLosses.events) {
      p.push(`discarded events: babeltrace2 ${d.events} vs tracelab losses() ${r.tlLosses.events}`);
    }
    if (d.packets !== r.tlLosses.packets) {
      p.push(`discarded packets: babeltrace2 ${d.packets} vs tracelab losses() ${r.tlLosses.packets}`);
    }
  }
  return p.map(l => `[${r.label}] ${l}`);
}

/** Reads `inputs` with both babeltrace2 and tracelab and compares them (see `compareLockstep`). */
export async function parityOf(
  label: string,
  inputs: string[],
  opts: ParityOptions & {
    /** babeltrace2 with its muxer (default) or source -> sink directly (single stream). */
    muxer?: boolean;
    /** What tracelab opens (default: `inputs`). */
    tlInputs?: string[];
    /** Restrict tracelab's events to some streams of its experiment. */
    streams?: (exp: Experiment) => ReadonlySet<number>;
  } = {}
): Promise<ParityReport> {
  let exp: Experiment;
  try {
    exp = openExperiment(opts.tlInputs ?? inputs);
  } catch (err) {
    const bt2 = runBabeltrace2Pretty(inputs, { muxer: opts.muxer });
    let n = 0;
    for await (const batch of bt2.lines) n += batch.filter(l => l.length > 0).length;
    const exit = await bt2.exit;
    const none = { events: 0n, packets: 0n };
    return {
      label,
      bt2Events: n,
      tlEvents: 0,
      differing: 0,
      details: [],
      tlError: err,
      bt2: exit,
      tlLosses: none
    };
  }
  try {
    const cursor = new TlCursor(exp, { streams: opts.streams?.(exp) });
    const bt2 = runBabeltrace2Pretty(inputs, { muxer: opts.muxer });
    return await compareLockstep(label, bt2, cursor, opts);
  } finally {
    exp.close();
  }
}
