/**
 * Operations on threads: creation, state and attribute changes, syscall spans, death.
 *
 * What is stored (and so what memory grows with): a scheduling interval each time a thread's scheduling level
 * (running / waiting for a CPU / blocked / ...) or CPU changes, an attribute row when its pid or name changes, and
 * one row per syscall. Changes between user mode, syscall and interrupted are not stored as intervals: they are
 * rebuilt from the syscall and IRQ rows when a table is asked for (`derive.ts`). Each change first closes the open
 * interval at the change time (empty intervals are dropped): a thread's intervals are contiguous and never overlap.
 */
import { SYSCALL_BLOCKED, SYSCALL_ENTRY_SEEN, SYSCALL_EXIT_SEEN } from './columns';
import type { HostModel, ThreadRec } from './host-model';
import { isRunning, ThreadState } from './state-values';

/** The scheduling level of a state: the running states collapse into RUN_USERMODE. */
export function schedLevel(state: number): number {
  return isRunning(state) ? ThreadState.RUN_USERMODE : state;
}

/** Closes the open scheduling interval of `th` at `t` (if not empty). */
export function commit(m: HostModel, th: ThreadRec, t: number): void {
  if (t <= th.ivStart) return;
  m.out.threads.push(m.index, th.tid, th.ivStart, t, schedLevel(th.state), th.cpu);
  th.ivStart = t;
}

function writeAttrs(m: HostModel, th: ThreadRec, t: number): void {
  if (th.attrName === th.name && th.attrPid === th.pid) return;
  m.out.attrs.push(m.index, th.tid, t, th.pid, th.name);
  th.attrName = th.name;
  th.attrPid = th.pid;
}

/** Creates a new incarnation of `tid` at `t` in `state` (ending a live one first). */
export function createThread(m: HostModel, tid: number, t: number, state: number): ThreadRec {
  const old = m.threads.get(tid);
  if (old !== undefined) endThread(m, old, t);
  const info = m.info.get(tid);
  if (info !== undefined) m.info.delete(tid);
  const th: ThreadRec = {
    tid,
    pid: info?.pid ?? -1,
    ppid: info?.ppid ?? -1,
    name: info?.name ?? 0,
    state,
    syscall: 0,
    sysStart: -1,
    sysFlags: 0,
    attrName: 0,
    attrPid: -1,
    cpu: -1,
    ivStart: t,
    wake: -1,
    proc: m.processes.length,
    live: true
  };
  m.processes.push({
    tid,
    pid: th.pid,
    ppid: th.ppid,
    name: th.name,
    start: t,
    end: -1,
    exit: -1,
    forked: false
  });
  m.threads.set(tid, th);
  writeAttrs(m, th, t);
  return th;
}

/** The live thread `tid`, created in UNKNOWN state at `t` if needed (`tid` > 0). */
export function ensureThread(m: HostModel, tid: number, t: number): ThreadRec {
  return m.threads.get(tid) ?? createThread(m, tid, t, ThreadState.UNKNOWN);
}

export function setState(m: HostModel, th: ThreadRec, state: number, t: number): void {
  if (th.state === state) return;
  if (schedLevel(state) !== schedLevel(th.state)) commit(m, th, t);
  th.state = state;
}

/** Sets the CPU a thread runs on (-1: none). */
export function setCpu(m: HostModel, th: ThreadRec, cpu: number, t: number): void {
  if (th.cpu === cpu) return;
  commit(m, th, t);
  th.cpu = cpu;
}

export function setName(m: HostModel, th: ThreadRec, name: number, t: number): void {
  if (th.name === name || name === 0) return;
  th.name = name;
  m.processes[th.proc].name = name;
  writeAttrs(m, th, t);
}

export function setPid(m: HostModel, th: ThreadRec, pid: number, t: number): void {
  if (th.pid === pid || pid < 0) return;
  th.pid = pid;
  m.processes[th.proc].pid = pid;
  writeAttrs(m, th, t);
}

export function setPpid(m: HostModel, th: ThreadRec, ppid: number): void {
  th.ppid = ppid;
  m.processes[th.proc].ppid = ppid;
}

/** Ends the open syscall span of `th` at `t`; `ret` NaN when unknown, `exitSeen` when an exit event ends it. */
export function closeSyscall(m: HostModel, th: ThreadRec, t: number, ret: number, exitSeen: boolean): void {
  if (th.syscall === 0) return;
  const flags = th.sysFlags | (exitSeen ? SYSCALL_EXIT_SEEN : 0);
  const rows = m.out.syscalls;
  rows.nextStart = th.sysStart;
  rows.nextEnd = t;
  rows.nextRet = ret;
  rows.pushNext(m.index, th.tid, th.syscall, flags);
  th.syscall = 0;
  th.sysStart = -1;
  th.sysFlags = 0;
}

/** Opens a syscall span at `t` (closing a previous one left open by a missed exit). */
export function openSyscall(m: HostModel, th: ThreadRec, name: number, t: number, entrySeen: boolean): void {
  closeSyscall(m, th, t, NaN, false);
  th.syscall = name;
  th.sysStart = t;
  th.sysFlags = entrySeen ? SYSCALL_ENTRY_SEEN : 0;
}

/** Notes that the thread blocked inside its current syscall. */
export function markSyscallBlocked(th: ThreadRec): void {
  if (th.syscall !== 0) th.sysFlags |= SYSCALL_BLOCKED;
}

/** The running state of a thread on a CPU: interrupted, in a syscall, or in user mode. */
export function runningState(th: ThreadRec, interrupted: boolean): number {
  if (interrupted) return ThreadState.INTERRUPTED;
  return th.syscall !== 0 ? ThreadState.RUN_SYSCALL : ThreadState.RUN_USERMODE;
}

/** Ends the life of `th` at `t`: closes its interval and syscall span and forgets it. */
export function endThread(m: HostModel, th: ThreadRec, t: number): void {
  commit(m, th, t);
  closeSyscall(m, th, t, NaN, false);
  th.ivStart = t;
  th.cpu = -1;
  m.processes[th.proc].end = t;
  if (m.threads.get(th.tid) === th) m.threads.delete(th.tid);
  th.live = false;
}
