/**
 * The trace API every analysis, the CLI and the notebook kernel read through: an experiment (one or more traces,
 * one per host or per tracing domain) yields time-ordered event batches; fields are read column-wise.
 *
 * Scope: types only. Implementations: `experiment.ts` (open + merge), format readers under `formats/`.
 *
 * Time is bigint nanoseconds from the clock's origin (CTF: offset_s * 1e9 + (offset + cycles) * 1e9 / freq),
 * exactly as babeltrace2 prints "ns from origin". No number conversion happens before the render boundary.
 */

/** A value as the generic accessor returns it (JSONL, notebook display). Integers beyond 2^53 are bigint. */
export type FieldValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | Uint8Array
  | FieldValue[]
  | { label: string | string[] | null; value: number | bigint } /* enumeration */
  | { [name: string]: FieldValue };

/** One leaf or compound field of an event class, as a column. */
export interface FieldInfo {
  /** Dotted path with display names (leading underscore removed), e.g. `next_tid`, `v.id`, `ctx.procname`. */
  name: string;
  /** Where it comes from. */
  scope: 'common_context' | 'context' | 'payload';
  /** Column type. `list` = array or sequence; `struct` only for compound values read whole. */
  type: 'int' | 'uint' | 'float' | 'bool' | 'string' | 'enum' | 'bytes' | 'list' | 'struct' | 'variant';
  /** Integer width in bits when type is int/uint/enum. */
  bits?: number;
}

export interface EventClassInfo {
  /** Index in `Experiment.eventClasses`. */
  readonly id: number;
  readonly traceIndex: number;
  readonly name: string;
  /** Top-level fields of each scope, flattened one level for structs (dotted names). */
  readonly fields: readonly FieldInfo[];
  /** Index of a field in `fields` by (display) name, or -1. */
  fieldIndex(name: string): number;
}

export interface TraceInfo {
  readonly index: number;
  readonly path: string;
  /** 'ctf' | 'ctf2' | 'perf-ctf' | 'tc-xml-stub' ... */
  readonly format: string;
  /** Host name (CTF env `hostname`/`host`; XML stub: file name). */
  readonly hostname: string;
  /** 'kernel' | 'ust' | '' */
  readonly domain: string;
  /** e.g. 'lttng-modules 2.8.0', 'perf' */
  readonly tracer: string;
  readonly streams: number;
  readonly env: Readonly<Record<string, string | bigint>>;
}

/** Discarded events (CTF `events_discarded` deltas) and lost packets (`packet_seq_num` gaps). */
export interface LossRecord {
  traceIndex: number;
  stream: string;
  kind: 'events' | 'packets';
  count: bigint;
  /** Time span the loss happened in (ns). */
  start: bigint;
  end: bigint;
}

/** Field reader of a group of rows (a batch, a chunk, or one event class's columns); `r` is a row. */
export interface RowReader {
  int(r: number, field: number): number;
  bigint(r: number, field: number): bigint | undefined;
  str(r: number, field: number): string | undefined;
  value(r: number, field: number): FieldValue | undefined;
  /**
   * Every field of row r as a number at once, into the caller's arrays indexed by field (`count`: the number of
   * fields of the row's event class, at most the arrays' length): `num[f]` is `int(r, f)` (NaN for strings and
   * compound fields). For an integer or enumeration field whose `num[f]` is not a safe integer, `hi[f]` and
   * `lo[f]` are the high and low 32-bit words of its exact value in 64-bit two's complement
   * (`BigInt.asUintN(64, bigint(r, f))`); elsewhere they are unspecified. Nothing is allocated, so reading every
   * field of every event this way (an export, a scan of addresses) costs no BigInt; lazily read event classes
   * decode the whole row in one generated function (`reader/lazy-view.ts`).
   */
  readInts(r: number, count: number, num: Float64Array, hi: Uint32Array, lo: Uint32Array): void;
}

/** A batch of time-ordered events (a window of the merged experiment). Columns are indexed by event i. */
export interface EventBatch extends RowReader {
  readonly length: number;
  /** Timestamp ns. */
  readonly ts: BigInt64Array;
  /** CPU, -1 when unknown. */
  readonly cpu: Int32Array;
  /** Index into `Experiment.eventClasses`. */
  readonly classId: Int32Array;
  /** Global stream index (see `Experiment.streamName`). */
  readonly stream: Int32Array;
  /** Integer field as a number (exact up to 2^53; use `bigint` beyond). NaN when the event has no such field. */
  int(i: number, field: number): number;
  /** Integer field as bigint (exact), or undefined. */
  bigint(i: number, field: number): bigint | undefined;
  /** String field (or a text array), or undefined. */
  str(i: number, field: number): string | undefined;
  /** Any field as a generic value. */
  value(i: number, field: number): FieldValue | undefined;
  /**
   * Where event i's fields are: `readerOf(i).int(rowOf(i), f)` is `int(i, f)`. Resolving them once per event
   * saves a lookup per field when reading several fields of an event (may be the batch itself and i).
   */
  readerOf(i: number): RowReader;
  rowOf(i: number): number;
}

export interface ReadOptions {
  /** Inclusive ns bounds. */
  start?: bigint;
  end?: bigint;
  /** Only these class ids (others are skipped without decoding their fields where the format allows). */
  classIds?: ReadonlySet<number>;
  /**
   * Events per batch (default 65536; 16384 for streaming reads, whose fields are read from packet bytes: a batch
   * then still finds the bytes its events were scanned from in the processor's caches).
   */
  batchSize?: number;
  /**
   * Streaming read: the caller is done with a batch (its arrays and every field it can read) when it asks for
   * the next one, and keeps no reference to it. The reader then recycles batch, chunk and packet memory and reads
   * fixed-layout fields straight from the packet bytes: the fast path for full passes over large traces.
   * Default false: batches stay valid for as long as they are referenced.
   */
  streaming?: boolean;
}

export interface Experiment {
  readonly traces: readonly TraceInfo[];
  readonly eventClasses: readonly EventClassInfo[];
  /** Stream label for error messages and tables, e.g. `kernel/channel0_3`. */
  streamName(stream: number): string;
  /** Time-ordered batches over all traces. Errors in data are thrown as `TraceDataError` after the good events. */
  batches(opts?: ReadOptions): Iterable<EventBatch>;
  /** First and last event timestamps (from the packet index; exact). */
  timeRange(): { start: bigint; end: bigint } | undefined;
  /** Losses seen so far (complete after a full read). */
  losses(): readonly LossRecord[];
  close(): void;
}

/** Corrupt or truncated stream data: names the file and byte offset. */
export class TraceDataError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly offset: number
  ) {
    super(`${file} at byte offset ${offset}: ${message}`);
    this.name = 'TraceDataError';
  }
}
