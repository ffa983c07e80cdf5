/**
 * Test support for the kernel: compiles the kernel (and what it imports) into
 * `node_modules/.cache/tracelab-kernel-test/dist` with tsc (incremental, so re-runs are quick; a lock keeps
 * parallel jest workers from building at once), installs the kernelspec into a temporary prefix, and runs
 * Debian's Jupyter tools with JUPYTER_PATH pointing there.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { installKernelspec as InstallKernelspec } from '../../../src/kernel-bridge/kernelspec';

export const ROOT = join(__dirname, '..', '..', '..');
export const CACHE = join(ROOT, 'node_modules', '.cache', 'tracelab-kernel-test');
export const DIST = join(CACHE, 'dist');
export const PYTHON = '/usr/bin/python3';
export const TRACES = join(ROOT, '..', 'shared', 'traces');

const ENTRIES = ['kernel.ts', 'kernelspec.ts', 'eval/child/main.ts', 'eval/child/interrupt-worker.ts'];

/** Newest modification time of the TypeScript sources and build config (ms). */
function newestSource(): number {
  let newest = statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(join(ROOT, 'src'));
  return newest;
}

const STAMP = join(CACHE, 'built.stamp');

/** True when a previous build (e.g. jest's global setup) is newer than every source: no tsc run needed. */
function upToDate(): boolean {
  if (!existsSync(STAMP)) return false;
  if (!ENTRIES.every(e => existsSync(join(DIST, 'kernel-bridge', e.replace(/\.ts$/, '.js'))))) return false;
  return statSync(STAMP).mtimeMs >= newestSource();
}

/** Runs `fn` holding a lock directory (other jest workers wait; a lock older than 15 minutes is stale). */
export function withLock<T>(fn: () => T, lock = `${CACHE}.lock`): T {
  // A cold build of the whole source tree can take minutes on a busy 2-core machine.
  const deadline = Date.now() + 900_000;
  mkdirSync(join(CACHE, '..'), { recursive: true }); // a fresh clone has no node_modules/.cache yet
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 900_000) {
        rmSync(lock, { recursive: true });
      }
      if (Date.now() > deadline) throw new Error(`kernel build lock ${lock} held too long`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds the kernel; returns the dist folder. Type errors in the kernel's own files fail the build; errors
 * elsewhere (other work in progress reachable through the trace API) are tolerated as long as JS is emitted.
 */
export function buildKernel(): string {
  if (upToDate()) return DIST;
  return withLock(() => {
    if (upToDate()) return DIST;
    mkdirSync(CACHE, { recursive: true });
    const started = Date.now();
    const rel = (p: string): string => join('..', '..', '..', p);
    const tsconfig = {
      extends: rel('tsconfig.build.json'),
      compilerOptions: {
        rootDir: rel('src'),
        outDir: './dist',
        sourceMap: false,
        incremental: true,
        tsBuildInfoFile: './tsbuildinfo'
      },
      files: ENTRIES.map(e => rel(join('src', 'kernel-bridge', e))),
      include: []
    };
    writeFileSync(join(CACHE, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', join(CACHE, 'tsconfig.json')], {
      encoding: 'utf8',
      cwd: ROOT
    });
    const own = r.stdout.split('\n').filter(l => l.includes('src/kernel-bridge/'));
    if (own.length > 0) throw new Error(`kernel does not compile:\n${own.join('\n')}`);
    for (const e of ENTRIES) {
      const js = join(DIST, 'kernel-bridge', e.replace(/\.ts$/, '.js'));
      if (!existsSync(js)) throw new Error(`build did not produce ${js}:\n${r.stdout}${r.stderr}`);
    }
    writeFileSync(STAMP, String(started));
    const t = new Date(started);
    utimesSync(STAMP, t, t); // stamped with the build's start: a source edited during the build triggers a rebuild
    return DIST;
  });
}

/** A temporary Jupyter environment with the tracelab kernelspec installed. */
export interface IJupyterEnv {
  dir: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

/** Installs the built kernel's kernelspec into a fresh temporary prefix. */
export function jupyterEnv(): IJupyterEnv {
  const dir = mkdtempSync(join(tmpdir(), 'tracelab-kernel-'));
  // The built module (not the TypeScript source): its argv must point at the built kernel.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { installKernelspec } = require(join(DIST, 'kernel-bridge', 'kernelspec.js')) as {
    installKernelspec: typeof InstallKernelspec;
  };
  installKernelspec({ prefix: join(dir, 'prefix') });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_PATH: join(dir, 'prefix', 'share', 'jupyter'),
    JUPYTER_DATA_DIR: join(dir, 'data'),
    JUPYTER_CONFIG_DIR: join(dir, 'config'),
    JUPYTER_RUNTIME_DIR: join(dir, 'runtime'),
    PYTHONDONTWRITEBYTECODE: '1'
  };
  return { dir, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Result of a process run. */
export interface IRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command synchronously (tests are sequential within a file). */
export function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = ROOT,
  timeoutMs = 120_000
): IRun {
  const r = spawnSync(cmd, args, { env, cwd, encoding: 'utf8', timeout: timeoutMs });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
