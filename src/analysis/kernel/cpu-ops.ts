/**
 * Operations on CPUs: the current thread and the current-thread intervals it implies (the CPU's state — idle,
 * user, syscall, IRQ, softirq — is rebuilt from these, the syscall rows and the IRQ rows in `derive.ts`).
 *
 * Invariant kept here: a thread is in a running state (user, syscall, interrupted) only while it is the current
 * thread of the CPU in its `cpu` field. When the trace contradicts the model (a switch or an event shows another
 * thread on a CPU without the switch that put it there), the thread the model believed running becomes
 * WAIT_UNKNOWN and a CPU the moved thread left gets an unknown current thread.
 */
import type { CpuRec, HostModel, ThreadRec } from './host-model';
import { isRunning, ThreadState } from './state-values';
import { endThread, ensureThread, runningState, setCpu, setState } from './thread-ops';

export function cpuRec(m: HostModel, cpu: number, t: number): CpuRec {
  let c = m.cpus[cpu];
  if (c === undefined) {
    c = {
      cpu,
      cur: -1,
      curTh: undefined,
      ctxKind: [],
      ctxNum: [],
      ctxStart: [],
      ctxTid: [],
      raised: new Map(),
      ivStart: m.first >= 0 && m.first < t ? m.first : t,
      known: false,
      firstPrevAt: -1,
      firstPrevTid: -1
    };
    m.cpus[cpu] = c;
  }
  return c;
}

/** The live record of the CPU's current thread (undefined when idle, unknown or not created), cached. */
export function curThread(m: HostModel, c: CpuRec): ThreadRec | undefined {
  const th = c.curTh;
  if (th !== undefined && th.live && th.tid === c.cur) return th;
  if (c.cur <= 0) return undefined;
  const found = m.threads.get(c.cur);
  c.curTh = found;
  return found;
}

/** Emits the CPU's open current-thread interval up to `t` (if not empty). */
export function closeCpuInterval(m: HostModel, c: CpuRec, t: number): void {
  if (t <= c.ivStart) return;
  m.out.cpus.push(m.index, c.cpu, c.ivStart, t, c.cur);
  c.ivStart = t;
}

/** Changes the recorded current thread of `c` (-1 unknown, 0 idle), cutting its interval. */
function setCur(m: HostModel, c: CpuRec, tid: number, t: number): void {
  if (c.cur === tid) return;
  closeCpuInterval(m, c, t);
  c.cur = tid;
  if (tid >= 0) c.known = true;
}

/** Puts `th` in its running state on `c` (interrupted if the CPU is in an interrupt context). */
export function markRunning(m: HostModel, c: CpuRec, th: ThreadRec, t: number): void {
  setCpu(m, th, c.cpu, t);
  setState(m, th, runningState(th, c.ctxKind.length > 0), t);
}

/**
 * Makes `tid` the current thread of `c` at `t` (0 = idle). A different thread the model had running there becomes
 * WAIT_UNKNOWN; if `tid` was current on another CPU, that CPU's current thread becomes unknown.
 */
export function setCurrent(m: HostModel, c: CpuRec, tid: number, t: number): void {
  const old = c.cur;
  if (old > 0 && old !== tid) {
    const oth = curThread(m, c);
    if (oth !== undefined && oth.cpu === c.cpu) {
      if (isRunning(oth.state)) setState(m, oth, ThreadState.WAIT_UNKNOWN, t);
      setCpu(m, oth, -1, t);
    }
  }
  setCur(m, c, tid, t);
  if (tid > 0) {
    const th = ensureThread(m, tid, t);
    c.curTh = th;
    if (th.cpu >= 0 && th.cpu !== c.cpu) {
      const other = m.cpus[th.cpu];
      if (other !== undefined && other.cur === tid) setCur(m, other, -1, t);
    }
    markRunning(m, c, th, t);
  }
}

/**
 * An event shows `tid` running on `c` at `t` (perf's per-event tid, or events only the current thread emits): if the
 * model thought otherwise, it now runs there. Returns the thread (undefined for idle or unknown).
 */
export function observeCurrent(m: HostModel, c: CpuRec, tid: number, t: number): ThreadRec | undefined {
  if (tid < 0) return undefined;
  if (c.cur === tid) return curThread(m, c);
  const th = tid > 0 ? m.threads.get(tid) : undefined;
  if (th !== undefined) th.wake = -1; // its switch-in was not seen: no latency segment
  setCurrent(m, c, tid, t);
  return curThread(m, c);
}

/** Ends a thread that is going away (death, free); a CPU it was current on loses its known current thread. */
export function killThread(m: HostModel, th: ThreadRec, t: number): void {
  if (th.cpu >= 0) {
    const c = m.cpus[th.cpu];
    if (c !== undefined && c.cur === th.tid) setCur(m, c, -1, t);
  }
  endThread(m, th, t);
}
