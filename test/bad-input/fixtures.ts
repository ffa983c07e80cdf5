/**
 * Shared fixtures of the bad-input tests: a real LTTng kernel trace (`tracecompass/bug446190`, lttng-modules 2.5,
 * ARM) whose stream `channel0_1` has three packets — [0, 262144), [262144, 290816), [290816, 294912) per its
 * `index/channel0_1.idx` — copied to a temp folder, and the outcome checks every bad-input test applies.
 */
import * as path from 'node:path';
import { babeltrace2Count } from '../helpers/babeltrace';
import { copyTrace, readLttngIndex, truncateFile } from '../helpers/trace-copies';
import type { IndexEntry } from '../helpers/trace-copies';
import { tracePath } from '../helpers/traces';
import { EXPECTED_ERRORS, outcomeText } from '../helpers/watchdog';
import type { ReadAnswer, ReadOutcome } from '../helpers/watchdog';

export const SRC = tracePath('tracecompass/bug446190');
export const STREAM = 'channel0_1';
/** Per-read watchdog (real reads of these traces take well under a second). */
export const READ_TIMEOUT = 20_000;

export function packets(): IndexEntry[] {
  return readLttngIndex(path.join(SRC, 'index', `${STREAM}.idx`));
}

/** Copy of the trace with only `channel0_1` (and its index unless `index: false`). */
export function singleStream(dst: string, index = true): string {
  return copyTrace(SRC, dst, { streams: [STREAM], index });
}

/** babeltrace2's event count of channel0_1 cut right after its first `n` packets (a valid trace). */
export async function eventsInFirstPackets(tmp: string, n: number): Promise<number> {
  const dir = singleStream(path.join(tmp, `first-${n}-packets`), false);
  const p = packets();
  truncateFile(path.join(dir, STREAM), n === 0 ? 0 : p[n - 1].offset + p[n - 1].size);
  const { count, exit } = await babeltrace2Count([dir]);
  if (count === null) throw new Error(`babeltrace2 cannot read ${dir}: ${exit.stderrTail}`);
  return count;
}

/** The outcome is an answer (no hang, no crash), and any error is a documented class. */
export function expectAnswer(o: ReadOutcome): asserts o is { kind: 'done' } & ReadAnswer {
  expect(o.kind === 'done' ? 'answered' : outcomeText(o)).toBe('answered');
  if (o.kind !== 'done' || !o.error) return;
  expect(EXPECTED_ERRORS.includes(o.error.name) ? 'documented error class' : outcomeText(o)).toBe(
    'documented error class'
  );
}

/** The outcome ends with a TraceDataError naming `file` at an offset in [lo, hi]. */
export function expectDataError(o: ReadOutcome, file: string, lo: number, hi: number): void {
  expectAnswer(o);
  if (o.kind !== 'done') return;
  expect(o.error?.name ?? `no error (${outcomeText(o)})`).toBe('TraceDataError');
  expect(path.resolve(o.error?.file ?? '')).toBe(path.resolve(file));
  expect(o.error?.offset).toBeGreaterThanOrEqual(lo);
  expect(o.error?.offset).toBeLessThanOrEqual(hi);
}

/** The first events of `o` are exactly the first events of the intact read `ref` (ts, name, cpu, values). */
export function expectPrefixOf(o: ReadAnswer, ref: ReadAnswer): void {
  const n = Math.min(o.kept.length, ref.kept.length);
  let firstDiff = -1;
  for (let i = 0; i < n && firstDiff < 0; i++) if (o.kept[i] !== ref.kept[i]) firstDiff = i;
  expect(firstDiff < 0 ? 'same' : `event #${firstDiff}: ${o.kept[firstDiff]} vs ${ref.kept[firstDiff]}`).toBe(
    'same'
  );
}
