/**
 * Reads traces with tracelab in a separate Node process under a watchdog: a read that takes longer than its
 * timeout is reported as a hang (the process is killed and a fresh one started for the next read); a process that
 * dies (out of memory, native crash) is reported as a crash. Used by the bad-input and fuzz tests so that neither
 * a hang nor a crash of the reader can take the test runner down with it.
 *
 * The child runs `read-worker.ts` through `ts-register.js` (the sources as they are, no build step), with a 1 GiB
 * heap cap so a runaway allocation fails fast; a read's timeout starts once the child reports its modules loaded.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { ErrorInfo, ReadAnswer, ReadJob } from './read-worker';

export type { ErrorInfo, ReadAnswer };

export type ReadOutcome =
  | ({ kind: 'done' } & ReadAnswer)
  | { kind: 'hang'; ms: number }
  | { kind: 'crash'; ms: number; code: number | null; signal: string | null; stderr: string };

const HERE = __dirname;

export class WatchedReader {
  private child: ChildProcess | undefined;
  private ready: Promise<ChildProcess> | undefined;
  private stderr = '';
  private nextId = 1;

  constructor(
    private readonly heapMb = 1024,
    /** Time allowed for a child to load the reader's modules (not counted in a read's timeout). */
    private readonly startupMs = 180_000
  ) {}

  private start(): Promise<ChildProcess> {
    const boot = `require(${JSON.stringify(path.join(HERE, 'ts-register.js'))});
require(${JSON.stringify(path.join(HERE, 'read-worker.ts'))});`;
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${this.heapMb}`, '--enable-source-maps', '-e', boot],
      {
        cwd: path.resolve(HERE, '..', '..'),
        stdio: ['ignore', 'ignore', 'pipe', 'ipc']
      }
    );
    this.stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => (this.stderr = (this.stderr + s).slice(-8192)));
    this.child = child;
    return new Promise<ChildProcess>((resolve, reject) => {
      const timer = setTimeout(() => fail(`no ready message after ${this.startupMs} ms`), this.startupMs);
      const fail = (why: string): void => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`reader child did not start: ${why}\n${this.stderr}`));
      };
      child.once('exit', code => fail(`exited with ${code}`));
      child.once('message', () => {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(child);
      });
    });
  }

  private alive(): Promise<ChildProcess> {
    if (this.ready && this.child && this.child.exitCode === null && this.child.signalCode === null) {
      return this.ready;
    }
    this.ready = this.start();
    return this.ready;
  }

  /** Reads `job.paths` in the child; resolves with the answer, or a hang / crash outcome. */
  async read(job: Omit<ReadJob, 'id'>, timeoutMs: number): Promise<ReadOutcome> {
    const child = await this.alive();
    const id = this.nextId++;
    const t0 = Date.now();
    return new Promise<ReadOutcome>(resolve => {
      const finish = (o: ReadOutcome): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(o);
      };
      const onMessage = (m: ReadAnswer): void => {
        if (m.id === id) finish({ kind: 'done', ...m });
      };
      const onExit = (code: number | null, signal: string | null): void => {
        this.ready = undefined;
        finish({ kind: 'crash', ms: Date.now() - t0, code, signal, stderr: this.stderr });
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        this.ready = undefined;
        finish({ kind: 'hang', ms: Date.now() - t0 });
      }, timeoutMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ ...job, id });
    });
  }

  close(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
    this.child = undefined;
    this.ready = undefined;
  }
}

/** Error classes the reader may throw on bad input (documented in src/analysis/trace/types.ts and ctf/ir.ts). */
export const EXPECTED_ERRORS = ['MetadataError', 'TraceDataError'];

/** One-line description of an outcome for failure messages. */
export function outcomeText(o: ReadOutcome): string {
  if (o.kind === 'hang') return `HANG (no answer after ${o.ms} ms)`;
  if (o.kind === 'crash') return `CRASH (exit ${o.code ?? o.signal}): ${o.stderr.slice(-600)}`;
  const e = o.error;
  return e
    ? `${o.events} events, then ${e.name}${e.ctor !== e.name ? ` (${e.ctor})` : ''} at ${o.phase}: ${e.message}` +
        (EXPECTED_ERRORS.includes(e.name) ? '' : `\n${e.stack ?? ''}`)
    : `${o.events} events, no error`;
}
