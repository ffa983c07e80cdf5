/**
 * System call entry and exit handlers (Trace Compass `SysEntryHandler` / `SysExitHandler`): the current thread of
 * the CPU enters RUN_SYSCALL with the syscall's name, and returns to RUN_USERMODE at the exit; each call is one
 * syscall row (span) from entry to exit. Raw syscall events (`raw_syscalls:*`) are named `syscall_<id>`.
 *
 * Slots: entry [id]; exit [ret, id].
 */
import type { Cursor } from '../cursor';
import { curThread } from '../cpu-ops';
import type { HostModel, ThreadRec } from '../host-model';
import { isRunning, ThreadState } from '../state-values';
import { SYSCALL_ENTRY_SEEN } from '../columns';
import { closeSyscall, setState } from '../thread-ops';

function currentThread(m: HostModel, e: Cursor): ThreadRec | undefined {
  if (e.cpu < 0) return undefined;
  const c = m.cpus[e.cpu];
  return c === undefined ? undefined : curThread(m, c);
}

/**
 * Puts the current thread `th` in a running state (user mode or syscall) unless it is interrupted. The current
 * thread runs, and a change between running states cuts no interval, so the usual case only sets the state; the
 * event's time is passed on only otherwise (passing a double to a call that is not inlined allocates it, and these
 * are the most frequent events).
 */
function runIn(m: HostModel, th: ThreadRec, state: number, e: Cursor): void {
  if (th.state === ThreadState.INTERRUPTED) return;
  if (isRunning(th.state)) th.state = state;
  else setState(m, th, state, e.ts);
}

export function onSyscallEntry(m: HostModel, e: Cursor): void {
  const th = currentThread(m, e);
  if (th === undefined) return;
  const name = e.cc.syscall !== 0 ? e.cc.syscall : m.out.pool.id(`syscall_${e.int(0)}`);
  // openSyscall(m, th, name, e.ts, true), with the time passed on only when a previous span is left open (rare).
  if (th.syscall !== 0) closeSyscall(m, th, e.ts, NaN, false);
  th.syscall = name;
  th.sysStart = e.ts;
  th.sysFlags = SYSCALL_ENTRY_SEEN;
  runIn(m, th, ThreadState.RUN_SYSCALL, e);
}

export function onSyscallExit(m: HostModel, e: Cursor): void {
  const th = currentThread(m, e);
  if (th === undefined) return;
  closeSyscall(m, th, e.ts, e.int(0), true);
  runIn(m, th, ThreadState.RUN_USERMODE, e);
}
