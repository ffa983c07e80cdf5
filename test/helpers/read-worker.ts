/**
 * Child-process side of the watchdog (see `watchdog.ts`): waits for read jobs on the IPC channel, reads the
 * experiment with tracelab (every field's value taken when asked), and answers with the event count and the error
 * the reader threw, described by class name and fields. Runs TypeScript through `ts-register.js`.
 */
import { openExperiment } from '../../src/analysis/trace/open';
import type { Experiment } from '../../src/analysis/trace/types';

export interface ReadJob {
  id: number;
  paths: string[];
  /** Take every field's value (default true). */
  values?: boolean;
  /** Stop after this many events (default 20M). */
  maxEvents?: number;
  /** Keep the first N events' ts / class name / values (as JSON text) in the answer. */
  keep?: number;
  /** Read with `batches({ streaming: true })`. */
  streaming?: boolean;
}

export interface ErrorInfo {
  name: string;
  /** Constructor name (differs from `name` when a subclass forgot to set it). */
  ctor: string;
  message: string;
  file?: string;
  offset?: number;
  line?: number;
  stack?: string;
}

export interface ReadAnswer {
  id: number;
  events: number;
  /** Where the error came from: open (openExperiment) or read (batches / values). */
  phase?: 'open' | 'read';
  error?: ErrorInfo;
  kept: string[];
  ms: number;
}

function describe(err: unknown): ErrorInfo {
  if (!(err instanceof Error)) return { name: typeof err, ctor: typeof err, message: String(err) };
  const e = err as Error & { file?: unknown; offset?: unknown; line?: unknown };
  return {
    name: e.name,
    ctor: e.constructor?.name ?? 'unknown',
    message: e.message,
    file: typeof e.file === 'string' ? e.file : undefined,
    offset: typeof e.offset === 'number' ? e.offset : undefined,
    line: typeof e.line === 'number' ? e.line : undefined,
    stack: e.stack?.split('\n').slice(0, 8).join('\n')
  };
}

const big = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? `${v}n` : v);

function readAll(exp: Experiment, job: ReadJob, answer: ReadAnswer): void {
  const max = job.maxEvents ?? 20_000_000;
  const keep = job.keep ?? 0;
  for (const b of exp.batches({ streaming: job.streaming === true })) {
    for (let i = 0; i < b.length; i++) {
      const cls = exp.eventClasses[b.classId[i]];
      const values: unknown[] = [];
      if (job.values !== false) for (let f = 0; f < cls.fields.length; f++) values.push(b.value(i, f));
      if (answer.events < keep) {
        answer.kept.push(JSON.stringify([String(b.ts[i]), cls.name, b.cpu[i], values], big));
      }
      if (++answer.events >= max) return;
    }
  }
}

export function runJob(job: ReadJob): ReadAnswer {
  const t0 = Date.now();
  const answer: ReadAnswer = { id: job.id, events: 0, kept: [], ms: 0 };
  let exp: Experiment | undefined;
  try {
    exp = openExperiment(job.paths);
  } catch (err) {
    answer.phase = 'open';
    answer.error = describe(err);
  }
  if (exp !== undefined) {
    try {
      readAll(exp, job, answer);
    } catch (err) {
      answer.phase = 'read';
      answer.error = describe(err);
    } finally {
      try {
        exp.close();
      } catch (err) {
        answer.error ??= describe(err);
      }
    }
  }
  answer.ms = Date.now() - t0;
  return answer;
}

if (typeof process.send === 'function') {
  process.on('message', (job: ReadJob) => {
    process.send!(runJob(job));
  });
  // modules are loaded: the watchdog starts timing reads from here
  process.send({ ready: true });
}
