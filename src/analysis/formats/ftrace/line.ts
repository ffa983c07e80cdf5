/**
 * One line of ftrace text output (`/sys/kernel/tracing/trace` and `trace-cmd report`):
 *
 *   `<comm>-<pid> [(<tgid>)] [<cpu>] [<flags>] <secs>.<frac>: <event>: <body>`
 *
 * Scope: the line header (task, CPU, irq/preempt flags, timestamp) and the split of the rest into an event name
 * and a body, including the header-less forms of the syscall tracer (`sys_read(fd: 3, ...)`,
 * `sys_read -> 0x0`) and of the function tracer (`func <-parent`). Comment lines, `cpus=`/`version =` headers,
 * `##### CPU n buffer started ####` markers and ` => ` stack lines are not events; `CPU:n [LOST k EVENTS]` lines
 * are losses.
 */

export interface LineHeader {
  readonly comm: string;
  readonly pid: number;
  /** -1 when the line has no tgid column. */
  readonly tgid: number;
  readonly cpu: number;
  /** irqs-off / need-resched / hardirq-softirq / preempt-depth flags, '' when absent. */
  readonly flags: string;
  readonly ts: bigint;
  /** Event name as printed (`sched_switch`; `sys_enter_read` for the syscall tracer; `function`). */
  readonly event: string;
  readonly body: string;
}

export type LineKind =
  { kind: 'event'; header: LineHeader } | { kind: 'lost'; cpu: number; count: bigint } | { kind: 'other' };

const HEADER =
  /^\s*(.*?)-(\d+)\s+(?:\(\s*(-|\d+)\)\s+)?\[(\d+)\]\s+(?:([^\s:]{4,6})\s+)?(\d+)(?:\.(\d+))?:\s?(.*)$/;
const NAMED = /^(\w+):(?:\s+(.*))?$/;
const SYS_ENTER = /^sys_(\w+)\((.*)\)\s*$/;
const SYS_EXIT = /^sys_(\w+) -> (-?(?:0x[0-9a-fA-F]+|\d+))\s*$/;
const FUNCTION = /^(\S+)\s+<-+\s*(\S+)\s*$/;
const LOST = /^\s*CPU:\s*(\d+)\s+\[LOST (\d+) EVENTS\]/;

/** ns from `secs` and a decimal fraction (µs or ns precision). */
export function timestampNs(secs: string, frac: string | undefined): bigint {
  if (frac === undefined) return BigInt(secs);
  const f = frac.length >= 9 ? frac.slice(0, 9) : frac.padEnd(9, '0');
  return BigInt(secs) * 1000000000n + BigInt(f);
}

function splitEvent(rest: string): { event: string; body: string } {
  const named = NAMED.exec(rest);
  if (named !== null) return { event: named[1], body: named[2] ?? '' };
  const enter = SYS_ENTER.exec(rest);
  if (enter !== null) return { event: `sys_enter_${enter[1]}`, body: enter[2] };
  const exit = SYS_EXIT.exec(rest);
  if (exit !== null) return { event: `sys_exit_${exit[1]}`, body: exit[2] };
  if (FUNCTION.test(rest)) return { event: 'function', body: rest };
  return { event: 'unknown', body: rest };
}

export function parseLine(line: string): LineKind {
  const first = line.trimStart()[0];
  if (first === undefined || first === '#') return { kind: 'other' };
  const lost = LOST.exec(line);
  if (lost !== null) return { kind: 'lost', cpu: Number(lost[1]), count: BigInt(lost[2]) };
  const m = HEADER.exec(line);
  if (m === null) return { kind: 'other' };
  const { event, body } = splitEvent(m[8]);
  return {
    kind: 'event',
    header: {
      comm: m[1],
      pid: Number(m[2]),
      tgid: m[3] === undefined || m[3] === '-' ? -1 : Number(m[3]),
      cpu: Number(m[4]),
      flags: m[5] ?? '',
      ts: timestampNs(m[6], m[7]),
      event,
      body
    }
  };
}
