/**
 * Scheduler handlers: sched_switch, wake-ups, fork, exec, exit and free (Trace Compass semantics, see
 * `SchedSwitchHandler`, `SchedWakeupHandler`, `ProcessForkHandler`; with the inferences of `cpu-ops.ts`).
 *
 * Slots (layout.ts): switch [prevTid, prevState, prevComm, nextTid, nextComm, nextPrio]; wakeup [tid, prio, comm];
 * fork [parentTid, childTid, childPid, childComm]; exec [tid, filename]; exit/free [tid].
 */
import type { Cursor } from '../cursor';
import { cpuRec, curThread, killThread, observeCurrent, setCurrent } from '../cpu-ops';
import type { HostModel, ThreadRec } from '../host-model';
import { isRunning, ThreadState } from '../state-values';
import {
  createThread,
  ensureThread,
  markSyscallBlocked,
  openSyscall,
  setCpu,
  setName,
  setPid,
  setPpid,
  setState
} from '../thread-ops';

function nameId(m: HostModel, s: string | undefined): number {
  return s === undefined || s === '' ? 0 : m.out.pool.id(s);
}

/** Names a thread from a comm field; compared with its current name first (no pool lookup when unchanged). */
function setComm(m: HostModel, th: ThreadRec, s: string | undefined, t: number): void {
  if (s === undefined || s === '' || m.out.pool.strings[th.name] === s) return;
  setName(m, th, m.out.pool.id(s), t);
}

/** Switches `prev` out (state from prev_state; dead ends it) and `next` in. */
export function onSwitch(m: HostModel, e: Cursor): void {
  if (e.cpu < 0) return;
  const t = e.ts;
  const c = cpuRec(m, e.cpu, t);
  const prev = e.int(0);
  const next = e.int(3);
  if (c.cur >= 0) {
    m.out.handoffs.push(m.index, c.cpu, c.cur, next, t);
  } else if (!c.known && prev >= 0) {
    c.firstPrevAt = t;
    c.firstPrevTid = prev;
  }
  if (prev > 0 && prev !== next) switchOut(m, e, prev, t);
  if (next < 0) return;
  setCurrent(m, c, next, t);
  if (next === 0) return;
  const th = curThread(m, c) ?? ensureThread(m, next, t);
  setComm(m, th, e.str(4), t);
  if (th.wake >= 0) {
    m.out.latency.push(m.index, next, th.name, e.has(5) ? e.int(5) : -1, th.wake, t);
    th.wake = -1;
  }
}

function switchOut(m: HostModel, e: Cursor, prev: number, t: number): void {
  const th = ensureThread(m, prev, t);
  setComm(m, th, e.str(2), t);
  const decoded = e.cc.decoder.decode(e.int(1));
  th.wake = -1;
  if (decoded === undefined) {
    killThread(m, th, t);
    return;
  }
  if (decoded === ThreadState.WAIT_BLOCKED) markSyscallBlocked(th);
  setState(m, th, decoded, t);
  setCpu(m, th, -1, t);
}

/** A wake-up makes a thread that is not running wait for a CPU and starts its scheduling-latency segment. */
export function onWakeup(m: HostModel, e: Cursor): void {
  const tid = e.int(0);
  if (!(tid > 0)) return;
  const t = e.ts;
  let th = m.threads.get(tid);
  if (th === undefined) {
    th = createThread(m, tid, t, ThreadState.WAIT_FOR_CPU);
    setName(m, th, nameId(m, e.str(2)), t);
  }
  if (isRunning(th.state)) return;
  setState(m, th, ThreadState.WAIT_FOR_CPU, t);
  if (th.wake < 0) th.wake = t;
}

/** Fork: the parent runs here; the child is a new thread waiting for a CPU, inside the parent's syscall. */
export function onFork(m: HostModel, e: Cursor): void {
  const t = e.ts;
  const parentTid = e.int(0);
  const childTid = e.int(1);
  if (!(childTid > 0)) return;
  const parent =
    e.cpu >= 0 && parentTid >= 0 ? observeCurrent(m, cpuRec(m, e.cpu, t), parentTid, t) : undefined;
  const child = createThread(m, childTid, t, ThreadState.WAIT_FOR_CPU);
  m.processes[child.proc].forked = true;
  if (parentTid > 0) setPpid(m, child, parentTid);
  const childPid = e.int(2);
  if (childPid > 0) setPid(m, child, childPid, t);
  setName(m, child, nameId(m, e.str(3)), t);
  if (parent !== undefined && parent.syscall !== 0) openSyscall(m, child, parent.syscall, t, false);
}

/** Exec: the thread runs here and takes the executable's name (what the kernel puts in comm). */
export function onExec(m: HostModel, e: Cursor): void {
  const t = e.ts;
  const tid = e.int(0);
  if (!(tid > 0)) return;
  const th = e.cpu >= 0 ? observeCurrent(m, cpuRec(m, e.cpu, t), tid, t) : ensureThread(m, tid, t);
  const file = e.str(1);
  if (th === undefined || file === undefined) return;
  const base = file.slice(file.lastIndexOf('/') + 1).slice(0, 15);
  setName(m, th, nameId(m, base), t);
}

/** sched_process_exit: the thread runs here and is exiting; its state is unchanged until its last switch. */
export function onExit(m: HostModel, e: Cursor): void {
  const t = e.ts;
  const tid = e.int(0);
  if (!(tid > 0)) return;
  const th = e.cpu >= 0 ? observeCurrent(m, cpuRec(m, e.cpu, t), tid, t) : m.threads.get(tid);
  if (th !== undefined) m.processes[th.proc].exit = t;
}

/** sched_process_free: the thread is gone, if the model still had it. */
export function onFree(m: HostModel, e: Cursor): void {
  const tid = e.int(0);
  const th = tid > 0 ? m.threads.get(tid) : undefined;
  if (th !== undefined) killThread(m, th, e.ts);
}
