/**
 * The committed example experiment (`examples/data/vm-two-guests/`, read by `examples/vm-preemption.ipynb`) is
 * exactly what the generator writes today (`test/vm/generator/write-example.ts`), file by file, byte for byte.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLE_DIR, writeExample } from './generator/write-example';

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

test('examples/data/vm-two-guests equals a fresh generation (regenerate with write-example.ts)', () => {
  const committed = path.join(process.cwd(), EXAMPLE_DIR);
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-vm-example-'));
  try {
    writeExample(fresh);
    const names = files(fresh);
    expect(names).toEqual([
      'guest1/channel0_0',
      'guest1/metadata',
      'guest2/channel0_0',
      'guest2/metadata',
      'host/channel0_0',
      'host/channel0_1',
      'host/metadata',
      'scenario.json'
    ]);
    expect(files(committed)).toEqual(names);
    for (const n of names) {
      const same = fs.readFileSync(path.join(fresh, n)).equals(fs.readFileSync(path.join(committed, n)));
      expect([n, same]).toEqual([n, true]);
    }
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
});
