/**
 * The parity test body shared by the parity-*.test.ts files: compare one input set (trace folders or a session
 * folder) with babeltrace2, log counts and time to the summary, and fail with the list of differences.
 */
import { parityOf, parityProblems } from '../helpers/parity';
import type { ParityReport } from '../helpers/parity';
import { appendSummary } from '../helpers/summary';

export async function expectParity(
  suite: string,
  label: string,
  inputs: string[],
  opts: Parameters<typeof parityOf>[2] & { checkLosses?: boolean } = {}
): Promise<ParityReport> {
  const t0 = Date.now();
  const report = await parityOf(label, inputs, opts);
  appendSummary(suite, {
    trace: label,
    bt2Events: report.bt2Events,
    tlEvents: report.tlEvents,
    differing: report.differing,
    tlError: report.tlError === undefined ? undefined : String(report.tlError),
    ms: Date.now() - t0
  });
  expect(parityProblems(report, { checkLosses: opts.checkLosses })).toEqual([]);
  return report;
}
