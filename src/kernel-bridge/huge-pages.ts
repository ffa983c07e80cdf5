/**
 * Transparent huge pages for the memory tracelab's processes allocate (packet buffers, event and model columns).
 *
 * Scope: the environment that asks glibc's malloc to back its large blocks with 2 MiB pages
 * (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, glibc >= 2.35; ignored elsewhere), and re-running the current Node
 * process with it. Typed-array memory comes from malloc; on a virtual machine each first touch of a 4 KiB page
 * is a fault that can cost microseconds, so a read of a large trace spends a noticeable share of its time in
 * faults (measured here: first touches of 320 MiB took 365 ms with 4 KiB pages, 58-232 ms with huge pages; the
 * kernel model of a 7.3M-event trace ran 10-15% faster end to end). Where the kernel's THP setting is `never`,
 * or already `always`, it changes nothing. The tunable must be in the environment when the process starts, so
 * the CLI re-runs itself once with it (`reexecWithHugePages`, passing signals on) and the kernelspec sets it for
 * the kernel. `TRACELAB_HUGE_PAGES=0` turns this off.
 */
import { spawn } from 'node:child_process';

export const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';

/** Whether `env` already asks for huge pages (or turns tracelab's request off). */
export function hasHugePages(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TRACELAB_HUGE_PAGES === '0' || /(^|:)glibc\.malloc\.hugetlb=/.test(env.GLIBC_TUNABLES ?? '');
}

/** `env` with the huge-pages tunable added to its GLIBC_TUNABLES (other tunables kept). */
export function withHugePages(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (hasHugePages(env)) return env;
  const prev = env.GLIBC_TUNABLES;
  return { ...env, GLIBC_TUNABLES: prev ? `${prev}:${HUGE_PAGES_TUNABLE}` : HUGE_PAGES_TUNABLE };
}

/** Signals passed on to the re-run (a terminal's Ctrl-C reaches both; `kill` or `timeout` only this process). */
const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * On Linux, when the environment lacks the tunable: runs this same Node command again with it (stdio shared,
 * signals passed on) and resolves to its exit code, for the caller to exit with; a re-run killed by a signal
 * kills this process with it. Undefined when there is nothing to do; resolves to undefined if the re-run cannot
 * start (go on in this process).
 */
export function reexecWithHugePages(
  script: string,
  args: readonly string[]
): Promise<number | undefined> | undefined {
  if (process.platform !== 'linux' || hasHugePages()) return undefined;
  return new Promise(resolve => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], {
      stdio: 'inherit',
      env: withHugePages()
    });
    const forward = (sig: NodeJS.Signals): void => {
      child.kill(sig);
    };
    for (const sig of FORWARDED) process.on(sig, forward);
    const done = (): void => {
      for (const sig of FORWARDED) process.off(sig, forward);
    };
    child.on('error', () => {
      done();
      resolve(undefined);
    });
    child.on('exit', (code, signal) => {
      done();
      // Die the way the child did (Ctrl-C, a closed pipe) so the shell sees the same outcome.
      if (signal !== null) process.kill(process.pid, signal);
      else resolve(code ?? 1);
    });
  });
}
