/**
 * The call-stack result as an Arrow table, one row per call, ordered by (thread, start, depth):
 *
 * | column | type | meaning |
 * |---|---|---|
 * | host | dict utf8 | trace host name |
 * | pid | int32 | process id (-1 unknown) |
 * | tid | int32 | thread id |
 * | thread | dict utf8 | `comm-tid` (or `tid`) label |
 * | depth | int32 | 0 = outermost |
 * | start, end | int64 ns | call interval |
 * | address | uint64, null | function address (null for named frames) |
 * | symbol | dict utf8, null | function name, `name+0x..`, or hex address |
 * | start_known, end_known | bool | false when the call began before / ended after what the trace shows |
 */
import { Table } from 'apache-arrow';
import type { CallStacks } from './call-stacks';
import { END_KNOWN, START_KNOWN } from './frames';
import type { ThreadInfo } from './frames';
import { boolVector, dictVector, gather, int32Vector, int64Vector, uint64Vector } from './arrow-columns';

export function threadLabel(t: ThreadInfo): string {
  return t.comm === '' ? String(t.tid) : `${t.comm}-${t.tid}`;
}

export interface FrameTableOptions {
  /** Keep calls overlapping [start, end] only. */
  readonly start?: bigint;
  readonly end?: bigint;
  readonly tid?: number;
}

/** Rows of `cs` (sorted), filtered by range and thread. */
export function selectRows(cs: CallStacks, opts: FrameTableOptions = {}): Int32Array {
  const fr = cs.frames;
  const keep: number[] = [];
  for (const k of fr.sortedOrder()) {
    if (opts.tid !== undefined && cs.threads[fr.thread[k]].tid !== opts.tid) continue;
    if (opts.start !== undefined && fr.end[k] < opts.start) continue;
    if (opts.end !== undefined && fr.start[k] > opts.end) continue;
    keep.push(k);
  }
  return Int32Array.from(keep);
}

/** The frames of `cs` as an Arrow table (schema in the module header). */
export function callStackTable(cs: CallStacks, opts: FrameTableOptions = {}): Table {
  const fr = cs.frames;
  const rows = selectRows(cs, opts);
  const threadIdx = gather(fr.thread, rows);
  const labels = cs.threads.map(threadLabel);
  const hosts: string[] = [];
  const hostIds = cs.threads.map(t => {
    const i = hosts.indexOf(t.host);
    return i >= 0 ? i : hosts.push(t.host) - 1;
  });
  const flags = gather(fr.flags, rows);
  return new Table({
    host: dictVector(
      threadIdx.map(t => hostIds[t]),
      hosts
    ),
    pid: int32Vector(threadIdx.map(t => cs.threads[t].pid)),
    tid: int32Vector(threadIdx.map(t => cs.threads[t].tid)),
    thread: dictVector(threadIdx, labels),
    depth: int32Vector(gather(fr.depth, rows)),
    start: int64Vector(gather(fr.start, rows)),
    end: int64Vector(gather(fr.end, rows)),
    address: uint64Vector(gather(fr.addr, rows), k => (flags[k] & 4) !== 0),
    symbol: dictVector(gather(fr.symbol, rows), fr.strings),
    start_known: boolVector(rows.length, k => (flags[k] & START_KNOWN) !== 0),
    end_known: boolVector(rows.length, k => (flags[k] & END_KNOWN) !== 0)
  });
}
