/**
 * Scheduler rules of the graph builder (Trace Compass's sched and execution-graph handlers, merged: one status per
 * worker, and every rule decides its vertices from the status *before* the event):
 * - sched_switch: prev gets a vertex closing its running edge, then its status from prev_state; next gets a vertex
 *   closing its waiting edge (PREEMPTED after a wake-up, BLOCKED when no wake-up was seen), then RUN.
 * - wake-up of a blocked thread: see `wake-rules.ts`; of a new task (sched_wakeup_new, or a WAIT_FORK target): a
 *   FORK link from the waker; of a running or already runnable thread: ignored (spurious).
 * - fork: the child waits (WAIT_FORK); exit: EXIT; exec/comm/statedump: names and initial statuses.
 * - perf hint: every perf event names the current thread; a different thread than the model's current one means a
 *   switch the trace did not record (e.g. leaving an idle CPU whose events are invisible): switch it in.
 */
import { ThreadState } from '../kernel/state-values';
import { edgeOfStatus, Link, Status } from './edge-types';
import type { BuildState, CpuState, HostState } from './build-state';
import type { GraphEvent } from './graph-event';
import { wakeBlocked } from './wake-rules';

function statusOfPrevState(decoded: number | undefined): number {
  switch (decoded) {
    case undefined:
      return Status.EXIT;
    case ThreadState.WAIT_FOR_CPU:
      return Status.WAIT_CPU;
    case ThreadState.WAIT_BLOCKED:
      return Status.WAIT_BLOCKED;
    default:
      return Status.WAIT_UNKNOWN;
  }
}

/** Slots: prevTid, prevState, prevComm, nextTid, nextComm. */
export function onSwitch(s: BuildState, h: HostState, c: CpuState, e: GraphEvent): void {
  const prev = e.int(0);
  const next = e.int(3);
  if (!Number.isFinite(next)) return;
  if (prev > 0 && prev !== next) {
    const wp = s.thread(h.host, prev, e.str(2));
    s.extend(wp, e.ts);
    s.status[wp] = statusOfPrevState(e.gc.decoder.decode(e.int(1)));
  }
  if (next > 0 && prev !== next) {
    const wn = s.thread(h.host, next, e.str(4));
    s.extend(wn, e.ts);
    s.status[wn] = Status.RUN;
  }
  c.cur = next;
}

/** Slots: tid, prio, comm. `isNew` for sched_wakeup_new. */
export function onWakeup(s: BuildState, h: HostState, c: CpuState, e: GraphEvent, isNew: boolean): void {
  const tid = e.int(0);
  if (!(tid > 0) || tid === c.cur) return;
  let w = s.g.findThread(h.host, tid);
  if (w < 0) w = s.thread(h.host, tid, e.str(2));
  if (s.status[w] === Status.UNKNOWN && s.g.tail.buf[w] < 0) {
    // first sight of the thread (or only its name, e.g. from perf_comm): it was waiting for this wake-up
    s.status[w] = isNew ? Status.WAIT_FORK : Status.WAIT_BLOCKED;
  }
  const st = s.status[w];
  if (st === Status.RUN || st === Status.WAIT_CPU) return;
  s.status[w] = Status.WAIT_CPU;
  if (isNew || st === Status.WAIT_FORK) {
    const n1 = s.touch(w, e.ts, edgeOfStatus(st));
    const n0 = s.current(h, c, e.ts);
    if (n0 >= 0) s.g.link(n0, n1, Link.FORK);
  } else if (st === Status.WAIT_BLOCKED) {
    wakeBlocked(s, h, c, w, e.ts);
  } else if (st === Status.WAIT_UNKNOWN) {
    s.touch(w, e.ts, edgeOfStatus(st));
  }
}

/** Slots: parentTid, childTid, childPid, childComm. */
export function onFork(s: BuildState, h: HostState, e: GraphEvent): void {
  const child = e.int(1);
  if (!(child > 0)) return;
  const w = s.thread(h.host, child, e.str(3));
  s.status[w] = Status.WAIT_FORK;
}

/** Slots: tid, filename. */
export function onExec(s: BuildState, h: HostState, c: CpuState, e: GraphEvent): void {
  let tid = e.int(0);
  if (!(tid > 0)) tid = c.cur;
  const file = e.str(1);
  if (!(tid > 0) || file === undefined) return;
  s.thread(h.host, tid, file.slice(file.lastIndexOf('/') + 1).slice(0, 15));
}

/** Slots: tid. */
export function onExit(s: BuildState, h: HostState, e: GraphEvent): void {
  const tid = e.int(0);
  const w = tid > 0 ? s.g.findThread(h.host, tid) : -1;
  if (w >= 0) s.status[w] = Status.EXIT;
}

/** lttng_statedump_process_state — slots: tid, pid, ppid, name, status, cpu. Only for threads not seen yet. */
export function onStatedump(s: BuildState, h: HostState, e: GraphEvent): void {
  const tid = e.int(0);
  if (!(tid > 0) || s.g.findThread(h.host, tid) >= 0) return;
  const w = s.thread(h.host, tid, e.str(3));
  const st = e.int(4);
  s.status[w] =
    st === 1
      ? Status.WAIT_FORK
      : st === 2
        ? Status.WAIT_CPU
        : st === 5
          ? Status.WAIT_BLOCKED
          : st === 6
            ? Status.RUN
            : Status.UNKNOWN;
}

/** perf_comm — slots: tid, pid, comm. */
export function onPerfComm(s: BuildState, h: HostState, e: GraphEvent): void {
  const tid = e.int(0);
  const comm = e.str(2);
  if (tid > 0 && comm) s.thread(h.host, tid, comm);
}

/** perf: the event's own current thread `tid` differs from the model's: an unrecorded switch. */
export function applyHint(s: BuildState, h: HostState, c: CpuState, tid: number, ts: bigint): void {
  const old = c.cur;
  if (old > 0) {
    const wo = s.g.findThread(h.host, old);
    if (wo >= 0 && s.status[wo] === Status.RUN) {
      s.extend(wo, ts);
      s.status[wo] = Status.WAIT_UNKNOWN;
    }
  }
  if (tid > 0) {
    const wn = s.thread(h.host, tid);
    // at a CPU's first event, a thread never seen before was already running: no vertex yet
    if (old >= 0 || s.g.tail.buf[wn] >= 0) s.extend(wn, ts);
    s.status[wn] = Status.RUN;
  }
  c.cur = tid;
}
