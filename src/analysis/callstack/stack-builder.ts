/**
 * The per-thread stack machine that turns entry / exit / complete events into frames.
 *
 * - An entry pushes a frame; a complete event (known duration) pushes a frame that ends by itself, placed below
 *   frames that started at the same time and end earlier (complete events are often written child first).
 * - An exit closes the innermost open frame, or, when exits carry addresses, the innermost frame with that
 *   address; frames above it lost their exit and end there (end not known). An addressed exit matching no open
 *   frame is ignored when frames are open (its entry was lost) and counted in `anomalies`.
 * - An exit with no open frame closes a frame that was open when the trace (or range) began: it starts at the
 *   range start (or at the exit's `calltime` when it has one), start not known; it encloses every frame of the
 *   thread seen so far, so their depths are raised by one at the end (`FrameColumns.correctDepths`).
 * - Frames still open at the end close at the range end (end not known).
 * - When events carry their call depth (ftrace function_graph), depth is explicit: an entry at depth d closes the
 *   frames at d and deeper (their exits were lost); an exit at depth d closes the frame there, or, when that frame
 *   is not the one returning, records the returning call with its start from `calltime` (else the range start).
 */
import { END_KNOWN, FrameColumns, START_KNOWN } from './frames';

interface OpenFrame {
  start: bigint;
  startKnown: boolean;
  addr: bigint | undefined;
  name: string | undefined;
  /** Known end of a complete event. */
  end: bigint | undefined;
  under: number;
}

interface ThreadStack {
  /** Holes (undefined) only in explicit-depth mode, below calls entered before the range. */
  readonly stack: (OpenFrame | undefined)[];
  under: number;
}

/** Names a frame when it is emitted: explicit name, else symbol of the address. */
export type Symbolizer = (thread: number, start: bigint, addr: bigint | undefined) => string | undefined;

export class StackBuilder {
  readonly frames = new FrameColumns();
  private readonly threads: ThreadStack[] = [];
  anomalies = 0;

  constructor(
    private readonly rangeStart: bigint,
    private readonly rangeEnd: bigint,
    private readonly symbolize: Symbolizer
  ) {}

  private thread(t: number): ThreadStack {
    let th = this.threads[t];
    if (th === undefined) this.threads[t] = th = { stack: [], under: 0 };
    return th;
  }

  private emit(t: number, depth: number, f: OpenFrame, end: bigint, endKnown: boolean): void {
    const symbol = f.name ?? this.symbolize(t, f.start, f.addr);
    const flags = (f.startKnown ? START_KNOWN : 0) | (endKnown ? END_KNOWN : 0);
    this.frames.push(t, depth, f.under, f.start, end, f.addr, symbol, flags);
  }

  /** Closes complete frames that ended by `ts`. */
  private settle(t: number, th: ThreadStack, ts: bigint): void {
    const s = th.stack;
    while (s.length > 0) {
      const top = s[s.length - 1];
      if (top === undefined || top.end === undefined || top.end > ts) return;
      s.pop();
      this.emit(t, s.length, top, top.end, true);
    }
  }

  /** Pops frames until `n` remain; those without a known end end at `ts`, end not known. */
  private unwind(t: number, s: (OpenFrame | undefined)[], n: number, ts: bigint): void {
    while (s.length > n) {
      const f = s.pop();
      if (f !== undefined) this.emit(t, s.length, f, f.end ?? ts, f.end !== undefined);
    }
  }

  entry(t: number, ts: bigint, addr: bigint | undefined, name: string | undefined, depth?: number): void {
    const th = this.thread(t);
    this.settle(t, th, ts);
    if (depth !== undefined) {
      this.unwind(t, th.stack, depth, ts);
      while (th.stack.length < depth) th.stack.push(undefined);
    }
    th.stack.push({ start: ts, startKnown: true, addr, name, end: undefined, under: th.under });
  }

  complete(
    t: number,
    ts: bigint,
    dur: bigint,
    addr: bigint | undefined,
    name: string | undefined,
    depth?: number
  ): void {
    const th = this.thread(t);
    this.settle(t, th, ts);
    if (depth !== undefined) {
      this.unwind(t, th.stack, depth, ts);
      while (th.stack.length < depth) th.stack.push(undefined);
    }
    const end = ts + (dur > 0n ? dur : 0n);
    const s = th.stack;
    let at = s.length;
    for (
      let f = s[at - 1];
      f !== undefined && f.start === ts && f.end !== undefined && f.end < end;
      f = s[at - 1]
    ) {
      at--;
    }
    s.splice(at, 0, { start: ts, startKnown: true, addr, name, end, under: th.under });
  }

  /**
   * Closes a frame at `ts`. `addr` (when exits carry it) selects the frame; `callTime` / `retTime` give its
   * exact start and end when known.
   */
  exit(
    t: number,
    ts: bigint,
    addr: bigint | undefined,
    name: string | undefined,
    callTime?: bigint,
    retTime?: bigint
  ): void {
    const th = this.thread(t);
    this.settle(t, th, ts);
    const s = th.stack;
    const end = retTime ?? ts;
    const matches = (f: OpenFrame | undefined): boolean =>
      f !== undefined &&
      f.end === undefined &&
      (addr === undefined || f.addr === addr) &&
      (name === undefined || f.name === name);
    let j = s.length - 1;
    while (j >= 0 && !matches(s[j])) j--;
    if (j < 0 && s.length > 0 && (addr !== undefined || name !== undefined)) {
      this.anomalies++;
      return;
    }
    if (j < 0) {
      this.underflow(t, th, end, addr, name, callTime);
      return;
    }
    this.unwind(t, s, j + 1, end);
    const f = s.pop()!;
    if (callTime !== undefined) f.start = callTime;
    this.emit(t, s.length, f, end, true);
  }

  /** An exit at an explicit call depth (see the module header). */
  exitAt(
    t: number,
    ts: bigint,
    depth: number,
    addr: bigint | undefined,
    name: string | undefined,
    callTime?: bigint,
    retTime?: bigint
  ): void {
    const th = this.thread(t);
    this.settle(t, th, ts);
    const s = th.stack;
    const end = retTime ?? ts;
    const f = s[depth];
    const same =
      f !== undefined &&
      f.end === undefined &&
      (addr === undefined || f.addr === addr) &&
      (name === undefined || f.name === name);
    this.unwind(t, s, same ? depth + 1 : depth, end);
    if (same) {
      s.pop();
      if (callTime !== undefined) f.start = callTime;
      this.emit(t, depth, f, end, true);
      return;
    }
    const start = callTime ?? this.rangeStart;
    const g = { start, startKnown: callTime !== undefined, addr, name, end: undefined, under: th.under };
    this.emit(t, depth, g, end, true);
  }

  private underflow(
    t: number,
    th: ThreadStack,
    end: bigint,
    addr: bigint | undefined,
    name: string | undefined,
    callTime: bigint | undefined
  ): void {
    const start = callTime ?? this.rangeStart;
    const f = { start, startKnown: callTime !== undefined, addr, name, end: undefined, under: th.under };
    this.emit(t, -1, f, end, true);
    th.under++;
  }

  /** Closes every open frame and fixes the depths; returns the frames. */
  finish(): FrameColumns {
    this.threads.forEach((th, t) => {
      const s = th.stack;
      this.unwind(t, s, 0, this.rangeEnd);
    });
    const totals = new Int32Array(this.threads.length);
    this.threads.forEach((th, t) => (totals[t] = th.under));
    this.frames.correctDepths(totals);
    return this.frames;
  }
}
