/**
 * Runs Debian's babeltrace2 (2.0.4) as the reference decoder and streams its output.
 *
 * Scope: process handling only — spawn, stream stdout as lines (latin1, so every byte survives and strings can be
 * re-decoded as UTF-8 by the parser), collect a bounded stderr tail plus the "Tracer discarded" warnings, and
 * report the exit status. Parsing the text is `bt2-pretty-parse.ts`.
 *
 * The pretty sink is set up so that every line is self-describing and exact:
 *   - `clock-seconds=yes`: `[<s>.<9 digits>]` = the exact int64 "ns from origin" babeltrace2 computes;
 *   - `no-delta`, `field-default=hide` (no hostname/trace name in front of the event name);
 *   - `name-default=show,name-header=no`: scope names (`stream.packet.context = {...}`, `event.fields = {...}`) and
 *     field names are printed, so absent scopes are unambiguous.
 * With `muxer: false` the source is connected straight to the sink (one stream only): babeltrace2's muxer refuses
 * streams whose packets overlap in time (synctraces, hello-lost), a lone stream needs no muxing.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

export const BT2 = 'babeltrace2';

export const PRETTY_PARAMS =
  'clock-seconds=yes,no-delta=yes,field-default=hide,name-default=show,name-header=no,color=never';

export interface Bt2Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Last ~16 KiB of stderr. */
  stderrTail: string;
  /** Sums of babeltrace2's "Tracer discarded N events|packets" warnings; `unknown` counts "may have discarded". */
  discarded: { events: bigint; packets: bigint; unknown: number };
}

export interface Bt2Run {
  /** stdout as batches of complete lines (latin1-decoded, no line terminator). */
  readonly lines: AsyncIterable<string[]>;
  /** Resolves once the process exited and both pipes are drained. */
  readonly exit: Promise<Bt2Exit>;
  kill(): void;
}

function bt2Env(): NodeJS.ProcessEnv {
  return { ...process.env, BABELTRACE_TERM_COLOR: 'NEVER', TZ: 'UTC', LC_ALL: 'C' };
}

/**
 * babeltrace2 arguments reading `inputs` into `sink`.
 * - muxer: the `convert` command — source auto-discovery (a session folder yields one source component per
 *   trace, as for `babeltrace2 <folder>`), then `filter.utils.muxer`, then the sink;
 * - no muxer: `run` with one `source.ctf.fs` on the inputs connected straight to the sink (one stream only).
 */
export function bt2RunArgs(inputs: string[], sink: string, sinkParams: string, muxer: boolean): string[] {
  const params = sinkParams ? ['--params', sinkParams] : [];
  if (muxer) return ['convert', ...inputs, '--component', `sink:${sink}`, ...params];
  return [
    'run',
    '--component=src:source.ctf.fs',
    `--params=inputs=${JSON.stringify(inputs)}`,
    `--component=sink:${sink}`,
    ...params,
    '--connect=src:sink'
  ];
}

const DISCARD_RE = /^WARNING: Tracer (may have )?discarded (\d+ )?(events?|packets?) /;

function watchStderr(child: ChildProcessWithoutNullStreams, exit: Bt2Exit): void {
  let partial = '';
  child.stderr.setEncoding('latin1');
  child.stderr.on('data', (chunk: string) => {
    exit.stderrTail = (exit.stderrTail + chunk).slice(-16384);
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      const m = DISCARD_RE.exec(line);
      if (!m) continue;
      if (m[1] || !m[2]) exit.discarded.unknown++;
      else if (m[3].startsWith('event')) exit.discarded.events += BigInt(m[2].trim());
      else exit.discarded.packets += BigInt(m[2].trim());
    }
  });
}

async function* lineBatches(child: ChildProcessWithoutNullStreams): AsyncGenerator<string[]> {
  let partial = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    const parts = (partial + chunk.toString('latin1')).split('\n');
    partial = parts.pop() ?? '';
    if (parts.length > 0) yield parts;
  }
  if (partial.length > 0) yield [partial];
}

/** Spawns `babeltrace2 <args>` and streams its stdout lines. */
export function spawnBabeltrace2(args: string[]): Bt2Run {
  const child = spawn(BT2, args, { env: bt2Env(), stdio: ['ignore', 'pipe', 'pipe'] });
  const result: Bt2Exit = {
    code: null,
    signal: null,
    stderrTail: '',
    discarded: { events: 0n, packets: 0n, unknown: 0 }
  };
  watchStderr(child as unknown as ChildProcessWithoutNullStreams, result);
  const exit = new Promise<Bt2Exit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      result.code = code;
      result.signal = signal;
      resolve(result);
    });
  });
  return {
    lines: lineBatches(child as unknown as ChildProcessWithoutNullStreams),
    exit,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  };
}

/** babeltrace2 pretty-printing `inputs` (trace folders or session folders), see the module header. */
export function runBabeltrace2Pretty(inputs: string[], opts: { muxer?: boolean } = {}): Bt2Run {
  return spawnBabeltrace2(bt2RunArgs(inputs, 'sink.text.pretty', PRETTY_PARAMS, opts.muxer ?? true));
}

/** Runs babeltrace2 to completion, buffering its (small) output. For refusal checks and counts. */
export async function runBabeltrace2Buffered(args: string[]): Promise<Bt2Exit & { stdout: string }> {
  const run = spawnBabeltrace2(args);
  let stdout = '';
  for await (const batch of run.lines) {
    if (stdout.length < 1 << 20) stdout += batch.join('\n') + '\n';
  }
  const exit = await run.exit;
  return { ...exit, stdout };
}

/** Event count by `sink.utils.counter` (null when babeltrace2 failed). */
export async function babeltrace2Count(inputs: string[]): Promise<{ count: number | null; exit: Bt2Exit }> {
  const res = await runBabeltrace2Buffered(bt2RunArgs(inputs, 'sink.utils.counter', 'step=+0', true));
  const m = /^\s*(\d+)\s+Event messages?$/m.exec(res.stdout);
  return { count: res.code === 0 ? (m ? Number(m[1]) : 0) : null, exit: res };
}

/** One-line summary of babeltrace2's error output (the first "CAUSED BY" reason with its continuation). */
export function bt2ErrorSummary(stderr: string): string {
  const lines = stderr.split('\n');
  const causes: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('CAUSED BY') && !lines[i].startsWith('ERROR:')) continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j].startsWith('  '); j++) body.push(lines[j].trim());
    causes.push(body.join(' '));
  }
  const last = causes[causes.length - 1] ?? lines.find(l => / E /.test(l)) ?? stderr.slice(0, 200);
  return last.slice(0, 240);
}
