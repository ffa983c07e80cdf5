/**
 * Per-run result log for the lead's report: each parity/fuzz/bad-input test can append one JSON line (trace,
 * counts, timings) to `<os.tmpdir()>/tracelab-test-summary/<suite>.jsonl`. Never read by the tests themselves.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SUMMARY_DIR = path.join(os.tmpdir(), 'tracelab-test-summary');

export function appendSummary(suite: string, row: Record<string, unknown>): void {
  try {
    fs.mkdirSync(SUMMARY_DIR, { recursive: true });
    const line = JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    fs.appendFileSync(path.join(SUMMARY_DIR, `${suite}.jsonl`), line + '\n');
  } catch {
    // the summary is a convenience; never fail a test over it
  }
}
