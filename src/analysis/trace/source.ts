/**
 * The contract between format readers and the merger (`merge.ts`): a format opens a trace as a `TraceSource`,
 * whose streams are read through `StreamCursor`s yielding `EventChunk`s — runs of events of one stream, in that
 * stream's order, with columnar field storage owned by the chunk (immutable once returned).
 *
 * Timestamps in chunks are nanoseconds as (lo, hi) uint32 pairs of a two's complement int64 (the layout of a
 * little-endian BigInt64Array), so merging and batching never create a BigInt per event.
 */
import type { EventClassInfo, LossRecord, RowReader, TraceInfo } from './types';

export type { RowReader } from './types';

export interface EventChunk extends RowReader {
  readonly length: number;
  /** ns timestamps: ts[2k] = low 32 bits, ts[2k + 1] = high 32 bits (two's complement). */
  readonly ts: Uint32Array;
  /** The same timestamps rounded to doubles (hi * 2^32 + lo): the merge's fast ordering key. */
  readonly key: Float64Array;
  /** Trace-local event class index of each event. */
  readonly cls: Int32Array;
  readonly cpu: Int32Array;
  /** Trace-local stream index. */
  readonly stream: number;
  /** Per-event trace-local stream indexes, when the chunk mixes streams (overrides `stream`). */
  readonly streams?: Int32Array;
  /**
   * Optional shortcut for the merger: event k's fields are `classReaders[cls[k]]` at row `classRows[k]` (a batch
   * then reads a field with one call instead of going through the chunk). Without it, the chunk itself is the
   * reader at row k. An event whose class has no reader there has no fields.
   */
  readonly classReaders?: readonly (RowReader | undefined)[];
  readonly classRows?: Int32Array;
  /**
   * Streaming reads: called by the merge once no batch the consumer may still read holds events of this chunk;
   * the cursor may then reuse the chunk's memory.
   */
  release?(): void;
}

export interface StreamCursor {
  /**
   * The next chunk (at least one event), or null at the end of the stream. Corrupt data: the chunk of good events
   * before the damage is returned first, the following call throws `TraceDataError`.
   */
  next(): EventChunk | null;
  /**
   * Optional: start reading the first events' bytes in the background (the merge calls it on every cursor before
   * the first `next()` of any, so the first reads of all streams overlap).
   */
  prefetch?(): void;
}

export interface CursorOptions {
  /** Skip events before this ns timestamp (seek through the packet index when the format has one). */
  start?: bigint;
  /** Trace-local class indexes to keep (others are skipped without storing their fields). */
  classes?: ReadonlySet<number>;
  /** Maximum events per chunk. */
  chunkSize?: number;
  /** Chunks will be released (`EventChunk.release`) when the consumer is done with them. */
  streaming?: boolean;
}

/**
 * Event class as a trace source describes it (the experiment assigns global ids). `fields` may be a getter that
 * works the list out on first use (a trace's metadata may declare many more classes than it uses).
 */
export interface SourceClass {
  readonly name: string;
  readonly fields: EventClassInfo['fields'];
}

export interface TraceSource {
  readonly info: Omit<TraceInfo, 'index'>;
  readonly classes: readonly SourceClass[];
  /** Stream labels, e.g. `kernel/channel0_3`. */
  readonly streamNames: readonly string[];
  cursors(opts: CursorOptions): StreamCursor[];
  timeRange(): { start: bigint; end: bigint } | undefined;
  /** Losses seen so far (traceIndex left 0; the experiment sets it). */
  losses(): readonly LossRecord[];
  close(): void;
}
