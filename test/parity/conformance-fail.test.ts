/**
 * Conformance with babeltrace2's own test suite, `fail` side: every `babeltrace2/ctf-traces/fail` trace is refused
 * with a clear error — a MetadataError (naming the metadata file, and the line for text metadata) or a
 * TraceDataError (naming the stream file and byte offset) — never a raw TypeError/RangeError. A trace with good
 * events before the damage gives them first (`valid-events-then-invalid-events`: 2 events, then the error; its
 * field-level parity is in parity-errors-after.test.ts).
 */
import * as path from 'node:path';
import { listCtfTraceFolders, relName, tracePath } from '../helpers/traces';
import { errorText, openExperiment, TlCursor } from '../helpers/tracelab-events';

const FAIL = tracePath('babeltrace2/ctf-traces/fail');

interface Expectation {
  error: 'MetadataError' | 'TraceDataError';
  /** MetadataError line, when the fault is on one known line of text metadata. */
  line?: number;
  /** TraceDataError stream file name. */
  file?: string;
  /** Events before the error. */
  events?: number;
}

/** What babeltrace2 says about each (2.0.4's messages), and what tracelab must do. */
const EXPECTED: Record<string, Expectation> = {
  fail1: { error: 'MetadataError' }, // trace major = 0, minor = 1 ("expecting 1 / 8")
  fail2: { error: 'MetadataError', line: 9 }, // bad escape "\o040" in a string
  'integer-range': { error: 'MetadataError', line: 7 }, // major = 2345...(86 digits)
  'invalid-packet-size/trace': { error: 'TraceDataError', file: 'channel0_3' }, // packets larger than the file
  'invalid-sequence-length-field-class': { error: 'MetadataError' }, // sequence length is a struct
  'invalid-variant-selector-field-class': { error: 'MetadataError' }, // variant tag is a struct
  'lttng-modules-2.0-pre1': { error: 'MetadataError' }, // packetized metadata, bad packet header (version 116.121)
  'metadata-syntax-error': { error: 'MetadataError', line: 3 }, // `]` closing `{`
  'packet-based-metadata': { error: 'MetadataError' }, // packetized metadata, bad packet header
  smalltrace: { error: 'MetadataError' }, // trace major = 0, minor = 1
  'valid-events-then-invalid-events/trace': { error: 'TraceDataError', file: 'dummystream', events: 2 }
};

interface Outcome {
  events: number;
  error?: unknown;
}

function readAll(dir: string): Outcome {
  let exp;
  try {
    exp = openExperiment([dir]);
  } catch (error) {
    return { events: 0, error };
  }
  try {
    const cur = new TlCursor(exp);
    while (cur.next() !== undefined);
    return { events: cur.count, error: cur.error };
  } finally {
    exp.close();
  }
}

describe('conformance: babeltrace2 ctf-traces/fail traces are refused clearly', () => {
  const traces = listCtfTraceFolders(FAIL);
  it('knows every fail trace', () => {
    expect(traces.map(t => path.relative(FAIL, t)).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(traces.map(t => [relName(t), t]))('%s', (_label, dir) => {
    const want = EXPECTED[path.relative(FAIL, dir)];
    const { events, error } = readAll(dir);
    expect(error).toBeDefined();
    const e = error as { name?: string; file?: string; line?: number; offset?: number; message?: string };
    expect(errorText(error)).toMatch(new RegExp(`^${want.error}: `));
    expect(e.message?.length).toBeGreaterThan(10);
    if (want.error === 'MetadataError') {
      expect(path.basename(String(e.file))).toBe('metadata');
      if (want.line !== undefined) expect(e.line).toBe(want.line);
    } else {
      expect(path.basename(String(e.file))).toBe(want.file);
      expect(typeof e.offset).toBe('number');
      expect(e.message).toContain(String(e.offset));
    }
    if (want.events !== undefined) expect(events).toBe(want.events);
  });
});
