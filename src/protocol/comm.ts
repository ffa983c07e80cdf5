/**
 * Messages on the `tracelab` comm: a renderer with a live kernel asks for finer intervals of the rows it shows
 * when the user zooms; the kernel answers with a bounded, level-of-detail reply.
 *
 * Scope: message types, their validators, and `buildFetchReply` (pure, for the kernel). Replies are untrusted
 * like payloads and are validated before use.
 *
 * #### Flow
 * The payload's `comm.handle` names the data in the kernel. The renderer sends `timegraph.fetch` with the time
 * range it wants (the visible window widened by one window each side), the ns per pixel it draws at, and the
 * row ids it shows. The kernel answers `timegraph.data` with the same `requestId`, or `error`.
 */
import { buildIntervalParts } from './build';
import type { IArrowInput, IIntervalInput } from './build';
import type { IIntervalColumnsInput } from './build-columns';
import { MAX_OFFSET_NS, nsToString, parseNs } from './ns';
import type { IArrowColumns, IIntervalColumns, ITimeRangeWire } from './timegraph';
import { validateArrows, validateIntervals, validateRange } from './timegraph-validate';
import { checkString, checkStringArray, isRecord, Issues, MAX_ID_LENGTH } from './validate-util';
import type { ValidationResult } from './validate-util';

/** Renderer -> kernel: intervals of `rows` over `range` at `resolution` ns per pixel. */
export interface ITimeGraphFetchRequest {
  type: 'timegraph.fetch';
  requestId: number;
  handle: string;
  range: ITimeRangeWire;
  /** ns per pixel the renderer draws at (decimal string). */
  resolution: string;
  /** Row ids, as in the payload. */
  rows: string[];
  /** Upper bound of intervals in the reply. */
  maxIntervals: number;
}

/** Kernel -> renderer: the intervals (offsets from this reply's `range.start`; rows index `rows`). */
export interface ITimeGraphFetchReply {
  type: 'timegraph.data';
  requestId: number;
  handle: string;
  range: ITimeRangeWire;
  /** The merge bucket actually used, ns ("0": exact). */
  resolution: string;
  rows: string[];
  intervals: IIntervalColumns;
  strings?: string[];
  /** Arrows between `rows` (arrow kinds as in the payload). */
  arrows?: IArrowColumns;
}

/** Kernel -> renderer: the request failed. */
export interface ICommErrorReply {
  type: 'error';
  requestId: number;
  message: string;
}

/** Anything the kernel sends on the comm. */
export type TracelabCommReply = ITimeGraphFetchReply | ICommErrorReply;

/** Validates a fetch request (the kernel's side of the contract). */
export function validateFetchRequest(x: unknown): ValidationResult<ITimeGraphFetchRequest> {
  const issues = new Issues();
  if (!isRecord(x) || x.type !== 'timegraph.fetch') {
    issues.add('$.type', "expected 'timegraph.fetch'");
    return issues.result(x);
  }
  if (!Number.isSafeInteger(x.requestId)) issues.add('$.requestId', 'expected an integer');
  checkString(x, 'handle', '$', issues, { max: MAX_ID_LENGTH, nonEmpty: true });
  validateRange(x.range, '$.range', issues);
  if (parseNs(x.resolution) === null) issues.add('$.resolution', 'expected a decimal ns string');
  checkStringArray(x.rows, '$.rows', issues, MAX_ID_LENGTH);
  if (!Number.isSafeInteger(x.maxIntervals) || (x.maxIntervals as number) < 1) {
    issues.add('$.maxIntervals', 'expected a positive integer');
  }
  return issues.result(x);
}

/** Validates a kernel reply against the view's legend size and arrow-kind count. */
export function validateCommReply(
  x: unknown,
  states: number,
  arrowKinds: number
): ValidationResult<TracelabCommReply> {
  const issues = new Issues();
  if (!isRecord(x) || !Number.isSafeInteger(x.requestId)) {
    issues.add('$', 'expected a reply with an integer requestId');
    return issues.result(x);
  }
  if (x.type === 'error') {
    checkString(x, 'message', '$', issues);
    return issues.result(x);
  }
  if (x.type !== 'timegraph.data') {
    issues.add('$.type', "expected 'timegraph.data' or 'error'");
    return issues.result(x);
  }
  checkString(x, 'handle', '$', issues, { max: MAX_ID_LENGTH });
  if (parseNs(x.resolution) === null) issues.add('$.resolution', 'expected a decimal ns string');
  const range = validateRange(x.range, '$.range', issues);
  const rows = checkStringArray(x.rows, '$.rows', issues, MAX_ID_LENGTH);
  const strings = x.strings === undefined ? 0 : checkStringArray(x.strings, '$.strings', issues);
  if (!issues.ok || range === null) return issues.result(x);
  validateIntervals(x.intervals, '$.intervals', issues, { rows, states, strings, rangeLength: range.length });
  if (x.arrows !== undefined) validateArrows(x.arrows, '$.arrows', issues, rows, arrowKinds, range.length);
  return issues.result(x);
}

/**
 * Builds the reply to `req` from intervals (and arrows) whose `row` indexes `req.rows`, bounded by
 * `req.maxIntervals` at `req.resolution` ns per pixel.
 */
export function buildFetchReply(
  req: ITimeGraphFetchRequest,
  intervals: Iterable<IIntervalInput> | IIntervalColumnsInput,
  arrows?: Iterable<IArrowInput>
): ITimeGraphFetchReply {
  const start = parseNs(req.range.start);
  const end = parseNs(req.range.end);
  if (start === null || end === null || end <= start || end - start > BigInt(MAX_OFFSET_NS)) {
    throw new RangeError('invalid request range');
  }
  const perPixel = Number(parseNs(req.resolution) ?? 1n);
  const width = perPixel > 0 ? Math.ceil(Number(end - start) / perPixel) : Infinity;
  const parts = buildIntervalParts({ start, end }, req.rows.length, intervals, arrows, {
    width,
    maxIntervals: req.maxIntervals
  });
  const reply: ITimeGraphFetchReply = {
    type: 'timegraph.data',
    requestId: req.requestId,
    handle: req.handle,
    range: { start: nsToString(start), end: nsToString(end) },
    resolution: String(parts.resolution),
    rows: req.rows,
    intervals: parts.intervals
  };
  if (parts.strings.length > 0) reply.strings = parts.strings;
  if (parts.arrows) reply.arrows = parts.arrows;
  return reply;
}
