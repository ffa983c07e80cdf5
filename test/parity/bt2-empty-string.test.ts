/**
 * The babeltrace2 2.0.4 defect the parity comparison tolerates (see `test/helpers/compare-event.ts`): an empty
 * string field printed with the previous event's value. Shown from the raw bytes of many-threads/channel0_4, so
 * the tolerance rests on evidence, not on tracelab's own output.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openExperiment } from '../../src/analysis/trace/open';
import { TRACES } from '../helpers/traces';

const TRACE = path.join(TRACES, 'tracecompass', 'many-threads');
const TS = 1457113583226574671n;
const OFFSET = 1282915; // the event record of TS in channel0_4 (packet 4 starts at 1048576)

test('babeltrace2 2.0.4 reprints a stale string where the bytes hold an empty one; tracelab reads the bytes', () => {
  const bytes = fs.readFileSync(path.join(TRACE, 'channel0_4'));
  expect(bytes[OFFSET] & 0x1f).toBe(29); // compact header id: syscall_entry_access
  expect(bytes[OFFSET + 4]).toBe(0); // filename: empty, NUL-terminated
  expect(bytes.readInt32LE(OFFSET + 5)).toBe(4); // mode
  // The text babeltrace2 prints occurs once in the stream file: in the previous syscall_entry_access.
  const needle = Buffer.from('/var/run/utmpx');
  const first = bytes.indexOf(needle);
  expect(first).toBeGreaterThan(0);
  expect(bytes.indexOf(needle, first + 1)).toBe(-1);

  const exp = openExperiment([TRACE]);
  const access = exp.eventClasses.find(c => c.name === 'syscall_entry_access')!;
  const found: [bigint, unknown, unknown][] = [];
  for (const b of exp.batches({ start: TS - 500_000n, end: TS, classIds: new Set([access.id]) })) {
    for (let i = 0; i < b.length; i++) {
      if (b.classId[i] === access.id && b.cpu[i] === 4) {
        found.push([
          b.ts[i],
          b.value(i, access.fieldIndex('filename')),
          b.value(i, access.fieldIndex('mode'))
        ]);
      }
    }
  }
  exp.close();
  expect(found.at(-1)).toEqual([TS, '', 4]);
  expect(found.at(-2)?.[1]).toBe('/var/run/utmpx');

  const bt = execFileSync('babeltrace2', ['--clock-seconds', TRACE], { maxBuffer: 1 << 28 }).toString();
  const line = bt.split('\n').find(l => l.startsWith('[1457113583.226574671]'));
  expect(line).toContain('filename = "/var/run/utmpx", mode = 4');
});
