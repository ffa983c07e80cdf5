/**
 * Runs the stream class's compiled packet loop (`decode/compile-loop.ts`) over the current packet (state already
 * positioned by the packet reader), into `EventRefs`: per event its clock value (cycles, uint32 halves),
 * trace-local class index and row in that class's columns, plus the classes that received rows.
 *
 * The loop checks that every event advances (a zero-size event would loop forever) and stays inside the packet
 * content; an unknown event class id or an overrun throws `DecodeError` at the event's start, after the events
 * decoded so far have been counted in `out.n`.
 */
import type { CompiledEvent, CompiledStream } from '../decode/compile';
import type { DecodeState } from '../decode/state';
import type { LoopOutput } from '../decode/compile-loop';

let runs = 0;

export class EventRefs implements LoopOutput {
  n = 0;
  cyc: Uint32Array;
  cls: Int32Array;
  row: Int32Array;
  /** Classes that received rows in this run (to freeze). */
  touched: CompiledEvent[] = [];
  /** Fixed-layout classes read lazily in this run (streaming reads): their rows are byte offsets. */
  lazyTouched: CompiledEvent[] = [];
  aux = new Int32Array(1024);
  auxN = 0;
  stamp = ++runs;
  constructor(
    readonly max: number,
    readonly lazy = false
  ) {
    this.cyc = new Uint32Array(2 * max);
    this.cls = new Int32Array(max);
    this.row = new Int32Array(max);
  }
  growAux(): void {
    const a = new Int32Array(this.aux.length * 2);
    a.set(this.aux);
    this.aux = a;
  }
  reset(): void {
    this.n = 0;
    this.auxN = 0;
    // Emptied, not replaced: a fresh [] holds small integers until its first push, and the packet loop, optimized
    // on such an array, deoptimized ("not a Smi") on the first push of a class after the next reset.
    this.touched.length = 0;
    this.lazyTouched.length = 0;
    this.stamp = ++runs;
  }
}

/**
 * Empty runs before a packet loop's first real one. Many: V8 gives a function its type-feedback storage only once
 * it has run a while (lazy feedback allocation), and feedback recorded before that is lost. With one run, code
 * compiled on the main thread (`--single-threaded`) deoptimized at the loop's exit on every call: 947 times per
 * read of the large perf trace (0 with `--no-lazy-feedback-allocation`); 64 runs were still not enough, 100 were.
 * They cost microseconds.
 */
const WARM_RUNS = 256;

/** Packet loops already run without events. */
const warmed = new WeakSet<CompiledStream>();

/** Decodes events until the content ends or `out` is full. `keep` filters classes (1: kept; others are skipped). */
export function decodeEvents(
  S: DecodeState,
  cs: CompiledStream,
  out: EventRefs,
  keep: Uint8Array | undefined
): void {
  if (!warmed.has(cs)) {
    // Runs that decode nothing first, so that the write-back after the loop has type feedback (WARM_RUNS).
    warmed.add(cs);
    const end = S.end;
    S.end = S.p;
    for (let k = 0; k < WARM_RUNS; k++) cs.run(S, out, keep ?? null);
    S.end = end;
  }
  cs.run(S, out, keep ?? null);
}
