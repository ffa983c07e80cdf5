/**
 * Tracelab's side of the parity tests: opens an experiment and walks its events one by one as snapshots (every
 * field's `value()` taken when the event is pulled, so nothing depends on a batch staying valid), with one event
 * of lookahead, an optional stream filter, and the reader's error captured instead of thrown.
 *
 * Scope: reading through the public trace API (`src/analysis/trace/types.ts`) only.
 */
import { openExperiment } from '../../src/analysis/trace/open';
import type { EventBatch, EventClassInfo, Experiment, FieldValue } from '../../src/analysis/trace/types';

export { openExperiment };

export interface TlEvent {
  /** 0-based position in the (filtered) sequence. */
  index: number;
  ts: bigint;
  cpu: number;
  cls: EventClassInfo;
  stream: number;
  /** `value(i, f)` for every field `f` of the class (empty when values are not wanted). */
  values: (FieldValue | undefined)[];
}

export interface CursorOptions {
  /** Keep only events of these global stream indexes. */
  streams?: ReadonlySet<number>;
  /** Take field values (default true). */
  values?: boolean;
}

/** Sequential reader with one event of lookahead. Reader errors end the sequence and are kept in `error`. */
export class TlCursor {
  error: unknown;
  count = 0;
  private readonly it: Iterator<EventBatch>;
  private batch: EventBatch | undefined;
  private i = 0;
  private ahead: TlEvent | undefined;
  private done = false;

  constructor(
    readonly exp: Experiment,
    private readonly opts: CursorOptions = {}
  ) {
    // Streaming: every value is taken before the next batch is pulled (the fast path is the one checked).
    this.it = exp.batches({ streaming: true })[Symbol.iterator]();
  }

  peek(): TlEvent | undefined {
    if (this.ahead === undefined && !this.done) this.ahead = this.pull();
    return this.ahead;
  }

  next(): TlEvent | undefined {
    const ev = this.peek();
    this.ahead = undefined;
    return ev;
  }

  private nextBatch(): boolean {
    try {
      const r = this.it.next();
      if (r.done) return false;
      this.batch = r.value;
      this.i = 0;
      return true;
    } catch (err) {
      this.error = err;
      return false;
    }
  }

  private pull(): TlEvent | undefined {
    for (;;) {
      if (this.batch === undefined || this.i >= this.batch.length) {
        if (!this.nextBatch()) {
          this.done = true;
          return undefined;
        }
        continue;
      }
      const b = this.batch;
      const i = this.i++;
      if (this.opts.streams && !this.opts.streams.has(b.stream[i])) continue;
      return this.snapshot(b, i);
    }
  }

  private snapshot(b: EventBatch, i: number): TlEvent | undefined {
    const cls = this.exp.eventClasses[b.classId[i]];
    const values: (FieldValue | undefined)[] = [];
    try {
      if (this.opts.values !== false) for (let f = 0; f < cls.fields.length; f++) values.push(b.value(i, f));
    } catch (err) {
      this.error = err;
      this.done = true;
      return undefined;
    }
    return { index: this.count++, ts: b.ts[i], cpu: b.cpu[i], cls, stream: b.stream[i], values };
  }
}

/** Error as `Name: message` for reports. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
