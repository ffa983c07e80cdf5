/**
 * One benchmark read, run as its own process (so its peak memory is its own): `node decode.js <mode> <trace>...`
 * (transpiled by build-js.ts) prints one JSON line `{events, fields, ms, sink}`; `ms` runs from openExperiment to
 * the end of the read.
 *   count   walk the batches, touch nothing (streaming read; the memory target applies to it)
 *   decode  decode every field of every event into values and do nothing with them, as babeltrace2's dummy sink
 *           has babeltrace2 do (the like-for-like comparison): numbers and the exact 64-bit words of integers
 *           beyond 2^53 by `readInts`, strings materialised by str(), other fields by value()
 *   typed   touch every field of every event through the typed accessors a real analysis uses: int() for integers
 *           and enumerations (then bigint() when a value wider than 53 bits is not a safe integer), str() for
 *           strings, value() for reals, arrays, structures, variants and BLOBs; on the event's reader
 *           (`readerOf(i)` at `rowOf(i)`), field kinds worked out once per class
 *   rows    every field of every event decoded at once by `readInts` (numbers, and the exact 64-bit words of
 *           integers beyond 2^53: no BigInt), strings through str(), other fields through value(); each value
 *           touched as in `typed`
 * Reads are streaming (`batches({ streaming: true })`); BENCH_RETAIN=1 reads with retained batches instead, and
 * BENCH_BATCH=N asks for batches of N events (default: the reader's).
 *   values  every field through the generic value() (JSONL-style objects)
 */
// First: starts the read-ahead thread before the reader's modules load, as the `tracelab` command does.
import './read-ahead-first';
import { openExperiment } from '../src/analysis/trace/open';
import type { EventBatch, EventClassInfo, RowReader } from '../src/analysis/trace/types';

type Mode = 'count' | 'decode' | 'typed' | 'rows' | 'values';

/** Per field of a class, how the typed read touches it (worked out once per class, as an analysis does). */
const NARROW = 1;
const WIDE = 2;
const TEXT = 3;
const OTHER = 4;

function touchCodes(cls: EventClassInfo): Uint8Array {
  return Uint8Array.from(cls.fields, info => {
    switch (info.type) {
      case 'int':
      case 'uint':
      case 'enum':
      case 'bool':
        return (info.bits ?? 64) > 53 ? WIDE : NARROW;
      case 'string':
        return TEXT;
      default:
        return OTHER;
    }
  });
}

/** A string (str()) or any other non-integer field (value()), as every mode reads it. */
function touchRest(b: RowReader, i: number, f: number, code: number): number {
  return code === TEXT ? (b.str(i, f)?.length ?? 0) : b.value(i, f) === undefined ? 0 : 1;
}

function touchTyped(b: RowReader, i: number, codes: Uint8Array): number {
  let sink = 0;
  for (let f = 0; f < codes.length; f++) {
    switch (codes[f]) {
      case NARROW:
        sink += b.int(i, f) | 0;
        break;
      case WIDE: {
        // Exact: a number when safe, else a bigint.
        const v = b.int(i, f);
        if (Number.isSafeInteger(v)) sink += v | 0;
        else sink += b.bigint(i, f) === undefined ? 0 : 1;
        break;
      }
      default:
        sink += touchRest(b, i, f, codes[f]);
    }
  }
  // A small integer: returning a double from a call that is not inlined would allocate it, once per event.
  return sink & 0x3fffffff;
}

const NUM = new Float64Array(65536);
const HI = new Uint32Array(65536);
const LO = new Uint32Array(65536);

/** `touchTyped` through one `readInts` per event: exact wide integers from their words. */
function touchRow(b: RowReader, i: number, codes: Uint8Array): number {
  b.readInts(i, codes.length, NUM, HI, LO);
  let sink = 0;
  for (let f = 0; f < codes.length; f++) {
    switch (codes[f]) {
      case NARROW:
        sink += NUM[f] | 0;
        break;
      case WIDE: {
        const v = NUM[f];
        if (Number.isSafeInteger(v)) sink += v | 0;
        else sink += (HI[f] ^ LO[f]) & 1;
        break;
      }
      default:
        sink += touchRest(b, i, f, codes[f]);
    }
  }
  return sink & 0x3fffffff;
}

/**
 * `decode`: every field of every event decoded into values and nothing done with them, as babeltrace2's dummy sink
 * has babeltrace2 do: numbers (exact 64-bit words beyond 2^53) by `readInts`, strings materialised by `str()`,
 * other fields by `value()` (`rest`: the indexes of those, worked out once per class).
 */
function decodeRow(b: RowReader, i: number, count: number, rest: Int32Array, codes: Uint8Array): number {
  b.readInts(i, count, NUM, HI, LO);
  let n = 0;
  for (let k = 0; k < rest.length; k++) n += touchRest(b, i, rest[k], codes[rest[k]]);
  return n;
}

const NONE = new Uint8Array(0);
const NO_REST = new Int32Array(0);

/** Per class, the fields `decode` reads apart from the numbers: strings and compound values. */
function restOf(codes: Uint8Array): Int32Array {
  return Int32Array.from(codes.keys()).filter(f => codes[f] === TEXT || codes[f] === OTHER);
}

/**
 * Touches every field of a batch: one function per mode, each returning a small integer (an object returned after
 * the loop, or a test of the mode per event, was code V8 first met without type feedback, after optimizing the
 * loop on the first batch: the loop then deoptimized on the next ones).
 */
/** Fields counted by `decodeBatch`. */
const TALLY = new Float64Array(1);

/**
 * `decode` learns the classes it meets and counts their fields (in TALLY) in the same pass, not one of its own.
 * Nothing follows the loop but the return: code first run after the loop of the first call went without type
 * feedback and deoptimized the function.
 */
function decodeBatch(
  b: EventBatch,
  codes: Uint8Array[],
  rests: Int32Array[],
  learnClass: (c: number) => void
): number {
  let sink = 0;
  const ids = b.classId;
  for (let i = 0; i < b.length; i++) {
    const k = ids[i];
    if (codes[k] === NONE) learnClass(k);
    const c = codes[k];
    TALLY[0] += c.length;
    sink = (sink + decodeRow(b.readerOf(i), b.rowOf(i), c.length, rests[k], c)) & 0x3fffffff;
  }
  return sink;
}

/** `typed` and `rows`: `touch` (touchTyped or touchRow; one per process) on every event. */
function eachEvent(
  b: EventBatch,
  codes: Uint8Array[],
  touch: (r: RowReader, i: number, codes: Uint8Array) => number
): number {
  let sink = 0;
  const ids = b.classId;
  for (let i = 0; i < b.length; i++) {
    sink = (sink + touch(b.readerOf(i), b.rowOf(i), codes[ids[i]])) & 0x3fffffff;
  }
  return sink;
}

function valuesBatch(b: EventBatch, codes: Uint8Array[]): number {
  let sink = 0;
  const ids = b.classId;
  for (let i = 0; i < b.length; i++) {
    const n = codes[ids[i]].length;
    for (let f = 0; f < n; f++) sink = (sink + (b.value(i, f) === undefined ? 0 : 1)) & 0x3fffffff;
  }
  return sink;
}

export function decode(
  mode: Mode,
  paths: string[]
): { events: number; fields: number; ms: number; cpuMs: number; sink: number } {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const exp = openExperiment(paths);
  let events = 0;
  let fields = 0;
  let sink = 0;
  // Worked out per class when the class is first met (a trace's metadata may declare many more classes than it
  // uses: the large perf trace declares 759 and uses 90).
  const codes: Uint8Array[] = exp.eventClasses.map(() => NONE);
  const rests: Int32Array[] = exp.eventClasses.map(() => NO_REST);
  const learnClass = (c: number): void => {
    codes[c] = touchCodes(exp.eventClasses[c]);
    rests[c] = restOf(codes[c]);
  };
  /** Learns the classes of a batch's events; returns how many fields they have. */
  const learn = (b: EventBatch): number => {
    const ids = b.classId;
    let n = 0;
    for (let i = 0; i < b.length; i++) {
      if (codes[ids[i]] === NONE) learnClass(ids[i]);
      n += codes[ids[i]].length;
    }
    return n;
  };
  const batchSize = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
  for (const b of exp.batches({ streaming: process.env.BENCH_RETAIN !== '1', batchSize })) {
    events += b.length;
    if (mode === 'count') continue;
    if (mode === 'decode') {
      sink += decodeBatch(b, codes, rests, learnClass);
      continue;
    }
    fields += learn(b);
    if (mode === 'typed') sink += eachEvent(b, codes, touchTyped);
    else if (mode === 'rows') sink += eachEvent(b, codes, touchRow);
    else sink += valuesBatch(b, codes);
  }
  exp.close();
  fields += TALLY[0];
  const c = process.cpuUsage(c0);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { events, fields, ms, cpuMs: (c.user + c.system) / 1000, sink };
}

if (require.main === module) {
  const [mode, ...paths] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(decode(mode as Mode, paths)) + '\n');
}
