/**
 * Scale: the generated experiment over 1 s (≈16 k events: a timer exit and a vmsync round per ms and VM). The sync
 * stays accurate with 500+ pairs per guest, the attribution of the 13 ms gettimeofday is unchanged, and the whole
 * analysis (read + model + tables) stays within a loose time budget.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openExperiment } from '../../src/analysis/trace/open';
import { vmAnalysis } from '../../src/analysis/vm';
import { writeVmExperiment } from './generator/scenario';

test('1 s host + two guests: accurate sync, same attribution, under 10 s', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-vm-scale-'));
  try {
    const truth = writeVmExperiment(dir, 1000);
    const exp = openExperiment([truth.dirs.host, truth.dirs.guest1, truth.dirs.guest2]);
    const t0 = Date.now();
    const a = vmAnalysis(exp);
    const ms = Date.now() - t0;
    expect(a.model.syncs.map(s => [s.guest, s.quality])).toEqual([
      ['guest1', 'accurate'],
      ['guest2', 'accurate']
    ]);
    expect(Math.min(...a.model.syncs.map(s => s.matches))).toBeGreaterThan(1000);
    const burner = a.preemption
      .filter(r => r.vm === 'guest1' && r.tid === 1200 && r.causeVm === 'guest2' && r.causeTid === 1500)
      .reduce((s, r) => s + (r.end - r.start), 0n);
    expect(burner).toBe(13_000_000n - 13n * 4500n);
    expect(a.vcpuStates.length).toBeGreaterThan(7000);
    expect(ms).toBeLessThan(10_000);
    exp.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
