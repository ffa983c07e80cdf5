/**
 * How each CTF trace of the corpus is checked against babeltrace2 2.0.4, decided by name here and verified by
 * `corpus-coverage.test.ts` (every trace folder has exactly one category; every "babeltrace2 refuses" entry is
 * really refused by the installed babeltrace2, so an exclusion cannot hide a readable trace).
 *
 * Categories:
 *  - `full`: babeltrace2 reads it; every event is compared (parity-*.test.ts);
 *  - `per-stream`: babeltrace2's muxer stops on it (packets whose end time runs past the next packet's first
 *    event); each stream is compared alone, babeltrace2 reading it without a muxer (parity-per-stream.test.ts);
 *  - `errors-after`: babeltrace2 prints some events then fails on corrupt data; tracelab must give the same
 *    events then a TraceDataError (parity-errors-after.test.ts);
 *  - `refused`: babeltrace2 refuses it (reason recorded); tracelab must read it (refused-by-babeltrace2.test.ts,
 *    parity-ctf2-twins.test.ts);
 *  - `fail`: a `babeltrace2/ctf-traces/fail` trace; tracelab must refuse it clearly (conformance-fail.test.ts).
 */
import * as path from 'node:path';
import { relName } from '../helpers/traces';

export type Category = 'full' | 'per-stream' | 'errors-after' | 'refused' | 'fail';

/** babeltrace2 2.0.4 refuses these (checked by corpus-coverage.test.ts); the reason as babeltrace2 states it. */
export const REFUSED: Record<string, string> = {
  'tracecompass/funky_trace':
    'clock offset_s = 1351530929945824323 s: "Cannot convert clock cycles to nanoseconds from origin"',
  'tracecompass/ctfwriter_JF8nq3':
    'clock offset_s = 1351530929945824323 s: "Cannot convert clock cycles to nanoseconds from origin"',
  'babeltrace2/ctf-traces/succeed/meta-ctx-sequence':
    'babeltrace2 2.0.4 aborts: "update_field_class_stored_value_index(): Assertion `tgt_fc` failed" (fixed in master)'
};
/** CTF 2 traces: babeltrace2 2.0.4 reads CTF 1.8 only ("babeltrace.support-info query failed"). */
export const CTF2_REASON = 'CTF 2 (JSON metadata): babeltrace2 2.0.4 supports CTF 1.8 only';

export const PER_STREAM = [
  'tracecompass/hello-lost',
  'tracecompass/synctraces/scp_src',
  'tracecompass/synctraces/scp_dest'
];

/** Trace -> number of events babeltrace2 prints before failing. */
export const ERRORS_AFTER: Record<string, number> = {
  'babeltrace2/ctf-traces/deterministic-ordering/a-corrupted': 2,
  'babeltrace2/ctf-traces/deterministic-ordering/c-corrupted': 2,
  'babeltrace2/ctf-traces/fail/valid-events-then-invalid-events/trace': 2
};

/**
 * CTF 2 trace -> its CTF 1.8 twin in babeltrace2's succeed set: the same data stream files (byte-identical,
 * checked by the test), so babeltrace2's decoding of the twin is the reference for tracelab's CTF 2 decoding.
 */
export const CTF2_TWINS: Record<string, string> = {
  'tracecompass/CTF2-7.0-barectf-event-before-packet':
    'babeltrace2/ctf-traces/succeed/barectf-event-before-packet',
  'tracecompass/CTF2-7.0-ev-disc-no-ts-begin-end': 'babeltrace2/ctf-traces/succeed/ev-disc-no-ts-begin-end',
  'tracecompass/CTF2-7.0-lttng-crash': 'babeltrace2/ctf-traces/succeed/lttng-crash',
  'tracecompass/CTF2-7.0-lttng-event-after-packet': 'babeltrace2/ctf-traces/succeed/lttng-event-after-packet',
  'tracecompass/CTF2-7.0-meta-variant-no-underscore':
    'babeltrace2/ctf-traces/succeed/meta-variant-no-underscore',
  'tracecompass/CTF2-7.0-smalltrace': 'babeltrace2/ctf-traces/succeed/smalltrace',
  'tracecompass/CTF2-7.0-succeed1': 'babeltrace2/ctf-traces/succeed/succeed1',
  'tracecompass/CTF2-7.0-trace-with-index': 'babeltrace2/ctf-traces/succeed/trace-with-index'
};

export function isCtf2(rel: string): boolean {
  return path.basename(rel).startsWith('CTF2-');
}

/** The category of a trace folder (absolute path). */
export function categoryOf(abs: string): Category {
  const rel = relName(abs);
  if (rel in ERRORS_AFTER) return 'errors-after';
  if (rel.startsWith('babeltrace2/ctf-traces/fail/')) return 'fail';
  if (rel in REFUSED || isCtf2(rel)) return 'refused';
  if (PER_STREAM.includes(rel)) return 'per-stream';
  return 'full';
}

/** Which parity test file compares a `full` trace (balances the suite over jest workers). */
export function fullGroupOf(
  abs: string
): 'tracecompass' | 'exp-subset' | 'babeltrace2' | 'recorded' | 'other' {
  const rel = relName(abs);
  if (rel.startsWith('tracecompass/exp-subset/')) return 'exp-subset';
  if (rel.startsWith('tracecompass/')) return 'tracecompass';
  if (rel.startsWith('babeltrace2/')) return 'babeltrace2';
  if (rel.startsWith('recorded/')) return 'recorded';
  return 'other';
}
