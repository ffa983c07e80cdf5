/**
 * Read-ahead (`io/read-ahead.ts`): reads announced with `prefetch` are done on the helper thread into shared
 * memory and collected by the next `readInto`; reads that do not match the announced one are done synchronously
 * after it settles. A streaming read with read-ahead forced on for every file (TRACELAB_READ_AHEAD_MIN=0) gives
 * exactly the events and values of a retained read without it, on real LTTng traces whose stream files span
 * several read blocks (so the next packet is read ahead while the current one decodes).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileByteSource } from '../../src/analysis/io/byte-source';
import { readBuffer } from '../../src/analysis/io/read-ahead';
import { openExperiment } from '../../src/analysis/trace/open';
import type { Experiment } from '../../src/analysis/trace/types';
import { tracePath } from '../helpers/traces';

const show = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

function dump(exp: Experiment, streaming: boolean): string[] {
  const out: string[] = [];
  for (const b of exp.batches({ streaming })) {
    for (let i = 0; i < b.length; i++) {
      const n = exp.eventClasses[b.classId[i]].fields.length;
      const vals = Array.from({ length: n }, (_, f) => b.value(i, f));
      out.push(show([String(b.ts[i]), b.classId[i], b.cpu[i], vals]));
    }
  }
  return out;
}

describe('read-ahead', () => {
  const saved = process.env.TRACELAB_READ_AHEAD_MIN;
  afterEach(() => {
    if (saved === undefined) delete process.env.TRACELAB_READ_AHEAD_MIN;
    else process.env.TRACELAB_READ_AHEAD_MIN = saved;
  });

  it('a prefetched range is collected by the matching readInto; others are read synchronously', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-ra-'));
    const file = path.join(tmp, 'data');
    const bytes = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7) & 0xff);
    fs.writeFileSync(file, bytes);
    const src = new FileByteSource(file);
    try {
      const a = readBuffer(4096);
      expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
      src.prefetch(5000, a);
      expect(src.readInto(5000, a)).toBe(4096);
      expect([...a]).toEqual([...bytes.subarray(5000, 9096)]);
      // Announced at one offset, read at another: the other offset's bytes.
      src.prefetch(100, a);
      expect(src.readInto(200, a)).toBe(4096);
      expect([...a]).toEqual([...bytes.subarray(200, 4296)]);
      // Clipped at the end of the file.
      src.prefetch(bytes.length - 10, a);
      expect(src.readInto(bytes.length - 10, a)).toBe(10);
      expect([...a.subarray(0, 10)]).toEqual([...bytes.subarray(bytes.length - 10)]);
    } finally {
      src.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it.each(['tracecompass/many-threads', 'tracecompass-metadata-only/uneven-streams'])(
    '%s: streaming with read-ahead on every file reads what a retained read does',
    rel => {
      const dir = tracePath(rel);
      const prefetch = jest.spyOn(FileByteSource.prototype, 'prefetch');
      process.env.TRACELAB_READ_AHEAD_MIN = '0';
      const a = openExperiment([dir]);
      const fast = dump(a, true);
      a.close();
      expect(prefetch).toHaveBeenCalled();
      prefetch.mockRestore();
      process.env.TRACELAB_READ_AHEAD_MIN = String(1 << 30);
      const b = openExperiment([dir]);
      const slow = dump(b, false);
      b.close();
      expect(fast.length).toBe(slow.length);
      expect(fast.length).toBeGreaterThan(1000);
      for (let k = 0; k < slow.length; k++) {
        if (fast[k] !== slow[k]) expect(`${k}: ${fast[k]}`).toBe(`${k}: ${slow[k]}`);
      }
    }
  );
});
