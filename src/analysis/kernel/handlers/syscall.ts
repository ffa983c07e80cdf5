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
import { ThreadState } from '../state-values';
import { closeSyscall, openSyscall, setState } from '../thread-ops';

function currentThread(m: HostModel, e: Cursor): ThreadRec | undefined {
  if (e.cpu < 0) return undefined;
  const c = m.cpus[e.cpu];
  return c === undefined ? undefined : curThread(m, c);
}

export function onSyscallEntry(m: HostModel, e: Cursor): void {
  const th = currentThread(m, e);
  if (th === undefined) return;
  const name = e.cc.syscall !== 0 ? e.cc.syscall : m.out.pool.id(`syscall_${e.int(0)}`);
  openSyscall(m, th, name, e.ts, true);
  if (th.state !== ThreadState.INTERRUPTED) setState(m, th, ThreadState.RUN_SYSCALL, e.ts);
}

export function onSyscallExit(m: HostModel, e: Cursor): void {
  const th = currentThread(m, e);
  if (th === undefined) return;
  closeSyscall(m, th, e.ts, e.int(0), true);
  if (th.state !== ThreadState.INTERRUPTED) setState(m, th, ThreadState.RUN_USERMODE, e.ts);
}
