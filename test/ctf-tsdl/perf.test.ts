/**
 * Speed of the TSDL front end on the largest real metadata (perf `data convert --to-ctf`, 1.1 MB, 759 event
 * classes) and linearity on synthetic metadata. Bounds are loose on purpose (CI machines are shared): they catch
 * a quadratic regression, not a few milliseconds; the measured numbers are printed.
 */

import { parseTsdl, parseTsdlMetadata } from '../../src/analysis/formats/ctf/metadata/tsdl';
import { readMetadata } from './helpers/corpus';

const PERF_FILES = [
  'recorded/django-poll/ctf/metadata',
  'recorded/login/ctf-all/metadata',
  'recorded/mpi-imbalance/ctf-tod/metadata'
];

/** CPU milliseconds (user + system) spent by `run`. */
function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Synthetic metadata with `n` perf-like events of 12 fields each. */
function synthetic(n: number): string {
  const fields = Array.from(
    { length: 12 },
    (_, i) =>
      `\t\tinteger { size = ${i % 2 ? 32 : 64}; align = 1; signed = ${i % 3 === 0}; base = decimal; } f${i};`
  ).join('\n');
  let text =
    'trace { major = 1; minor = 8; byte_order = le; packet.header := struct { integer { size = 32; } magic; }; };\n' +
    'stream { event.header := struct { integer { size = 32; } id; }; };\n';
  for (let i = 0; i < n; i++) {
    text += `event {\n\tid = ${i};\n\tname = "sys:e${i}";\n\tfields := struct {\n${fields}\n\t};\n};\n`;
  }
  return text;
}

describe('TSDL front end speed', () => {
  it('parses the 1.1 MB perf metadata files quickly', () => {
    const cold: number[] = [];
    const warm: number[] = [];
    for (const rel of PERF_FILES) {
      const bytes = readMetadata(rel);
      expect(bytes.length).toBeGreaterThan(1_100_000);
      const t0 = performance.now();
      const tc = parseTsdlMetadata(bytes, rel);
      cold.push(performance.now() - t0);
      expect(tc.streams[0].events.length).toBeGreaterThanOrEqual(759);
    }
    const bytes = readMetadata(PERF_FILES[0]);
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      parseTsdlMetadata(bytes, PERF_FILES[0]);
      warm.push(performance.now() - t0);
    }
    console.log(
      `perf metadata (1.13 MB): first parse ${cold.map(t => t.toFixed(0)).join(' / ')} ms, ` +
        `warm median ${median(warm).toFixed(0)} ms (wall clock)`
    );
    expect(median(warm)).toBeLessThan(1500);
  });

  it('takes time linear in the metadata size', () => {
    const small = synthetic(400);
    const large = synthetic(3200);
    parseTsdl(small, 's');
    const best = (text: string): number =>
      Math.min(...[0, 1, 2].map(() => cpuMs(() => parseTsdl(text, 'x'))));
    const tSmall = best(small);
    const tLarge = best(large);
    console.log(
      `synthetic: ${(small.length / 1e6).toFixed(2)} MB in ${tSmall.toFixed(1)} ms CPU, ` +
        `${(large.length / 1e6).toFixed(2)} MB in ${tLarge.toFixed(1)} ms CPU (x${(tLarge / tSmall).toFixed(1)} for x8 data)`
    );
    // Linear: about 8x; quadratic would be about 64x.
    expect(tLarge / Math.max(tSmall, 1)).toBeLessThan(24);
  });
});
