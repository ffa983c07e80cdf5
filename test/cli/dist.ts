/**
 * The built CLI for tests that run `bin/tracelab.js`: `dist/` rebuilt (as `npm run build` does) when it is missing
 * or older than the sources (one jest worker at a time).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, withLock } from '../kernel/helpers/kernel-build';

/** Newest modification time under `dir` of files ending in `ext`. */
function newest(dir: string, ext: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, ext));
    else if (e.name.endsWith(ext)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** Rebuilds `dist/` (as `npm run build` does) when it is missing or older than the sources it is built from. */
export function ensureDist(): void {
  const marker = join(ROOT, 'dist', 'kernel-bridge', 'cli', 'cmd-run.js');
  const sources = Math.max(
    ...['kernel-bridge', 'analysis', 'protocol'].map(d => newest(join(ROOT, 'src', d), '.ts'))
  );
  const fresh = (): boolean => existsSync(marker) && statSync(marker).mtimeMs >= sources;
  if (fresh()) return;
  withLock(
    () => {
      if (!fresh()) build(marker);
    },
    join(ROOT, 'node_modules', '.cache', 'tracelab-dist.lock')
  );
}

function build(marker: string): void {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  // Type errors elsewhere (work in progress) are tolerated as long as the CLI's JavaScript is emitted.
  spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(marker)) throw new Error('npm run build did not produce dist/kernel-bridge/cli/cmd-run.js');
}
