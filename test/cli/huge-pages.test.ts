/**
 * The CLI's huge-pages re-run (`src/kernel-bridge/huge-pages.ts`): the environment helpers, and the built
 * `bin/tracelab.js` re-running itself once with glibc's tunable, which then backs large typed arrays with huge
 * pages (seen in /proc/self/smaps_rollup where the kernel's THP setting allows it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDist } from './dist';
import { hasHugePages, withHugePages } from '../../src/kernel-bridge/huge-pages';
import { ROOT, TRACES } from '../kernel/helpers/kernel-build';

jest.setTimeout(120_000);

describe('environment', () => {
  test('adds the tunable once, keeping other tunables', () => {
    expect(withHugePages({ A: '1' })).toEqual({ A: '1', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    const other = withHugePages({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' });
    expect(other.GLIBC_TUNABLES).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
    expect(withHugePages(other)).toBe(other);
  });

  test('an explicit hugetlb setting or TRACELAB_HUGE_PAGES=0 is left alone', () => {
    expect(hasHugePages({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' })).toBe(true);
    expect(hasHugePages({ TRACELAB_HUGE_PAGES: '0' })).toBe(true);
    expect(hasHugePages({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' })).toBe(false);
    expect(hasHugePages({})).toBe(false);
  });
});

describe('bin/tracelab.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-thp-'));
  const log = join(dir, 'log');
  // Loaded into every Node process of the command (NODE_OPTIONS): at exit, each writes its pid, its tunables and,
  // after touching 64 MiB of a fresh typed array, the huge pages backing anonymous memory.
  const probe = join(dir, 'probe.js');
  writeFileSync(
    probe,
    `process.on('exit', () => {
       const a = new Uint8Array(64 << 20);
       for (let i = 0; i < a.length; i += 4096) a[i] = 1;
       const m = /AnonHugePages:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/smaps_rollup', 'utf8'));
       require('fs').appendFileSync(${JSON.stringify(log)},
         JSON.stringify({ tunables: process.env.GLIBC_TUNABLES ?? '', hugeKb: m ? Number(m[1]) : -1, a: a[4096] }) + '\\n');
     });`
  );
  const trace = join(TRACES, 'tracecompass', 'many-threads');

  beforeAll(() => ensureDist());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(env: NodeJS.ProcessEnv): {
    code: number | null;
    stdout: string;
    logs: { tunables: string; hugeKb: number }[];
  } {
    rmSync(log, { force: true });
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tracelab.js'), 'info', trace, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        GLIBC_TUNABLES: '',
        TRACELAB_HUGE_PAGES: '',
        ...env,
        NODE_OPTIONS: `--require ${probe}`
      }
    });
    const logs = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map(l => JSON.parse(l) as { tunables: string; hugeKb: number });
    return { code: r.status, stdout: r.stdout, logs };
  }

  test('re-runs itself once with the tunable; the output and exit code are the re-run’s', () => {
    const r = run({});
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { events: number }[])[0].events).toBe(240_644);
    // The re-run exits first, then the process that started it.
    expect(r.logs.map(l => l.tunables)).toEqual(['glibc.malloc.hugetlb=1', '']);
    const thp = readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
    if (!thp.includes('[never]')) expect(r.logs[0].hugeKb).toBeGreaterThan(0);
  });

  test('a signal sent to the command alone (kill, timeout) reaches the re-run; the command dies of it too', async () => {
    const pids = join(dir, 'pids');
    rmSync(pids, { force: true });
    const mark = join(dir, 'mark.js');
    writeFileSync(mark, `require('fs').appendFileSync(${JSON.stringify(pids)}, process.pid + '\\n');`);
    // Its output is a named pipe nobody opens for reading: the re-run waits there until killed.
    const fifo = join(dir, 'fifo');
    rmSync(fifo, { force: true });
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const argv = [join(ROOT, 'bin', 'tracelab.js'), 'events', trace, '--format', 'jsonl', '--out', fifo];
    const env = {
      ...process.env,
      GLIBC_TUNABLES: '',
      TRACELAB_HUGE_PAGES: '',
      NODE_OPTIONS: `--require ${mark}`
    };
    const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: 'ignore', env });
    const exited = new Promise<NodeJS.Signals | null>(done =>
      child.on('exit', (_code, signal) => done(signal))
    );
    const started = Date.now();
    const both = (): number[] =>
      existsSync(pids) ? readFileSync(pids, 'utf8').trim().split('\n').map(Number) : [];
    while (both().length < 2 && Date.now() - started < 30_000) await new Promise(r => setTimeout(r, 50));
    const [, rerun] = both();
    expect(rerun).toBeGreaterThan(0);
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 5000;
    while (alive(rerun) && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
    const orphan = alive(rerun);
    if (orphan) process.kill(rerun, 'SIGKILL');
    expect(orphan).toBe(false);
  });

  test('runs in one process when asked not to, or when the tunable is already set', () => {
    expect(run({ TRACELAB_HUGE_PAGES: '0' }).logs.map(l => l.tunables)).toEqual(['']);
    const set = run({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    expect(set.code).toBe(0);
    expect(set.logs.map(l => l.tunables)).toEqual(['glibc.malloc.hugetlb=1']);
  });
});
