/**
 * Handlers of events that describe existing threads rather than changes: LTTng's statedump (process state and
 * interrupt names) and perf's synthesized `perf_comm` / `perf_fork` records.
 *
 * Like Trace Compass's `StateDumpHandler`, a statedump only fills what is not known yet (name, pid, ppid, and the
 * state of a thread whose state is unknown). A statedump RUN thread runs on the event's `cpu` (LTTng 2.10+) if
 * that CPU's current thread is unknown, else its state stays UNKNOWN. perf records at time 0 (perf's picture of
 * the system before recording) and records of threads not seen yet only set attributes for later.
 *
 * Slots: statedump process [tid, pid, ppid, name, status, cpu]; statedump irq [irq, name];
 * perf_comm [tid, pid, comm]; perf_fork [tid, pid, ptid].
 */
import type { Cursor } from '../cursor';
import { cpuRec, setCurrent } from '../cpu-ops';
import type { HostModel } from '../host-model';
import { STATEDUMP_RUN, statedumpStatus, ThreadState } from '../state-values';
import { createThread, setName, setPid, setPpid, setState } from '../thread-ops';

export function onStatedumpProcess(m: HostModel, e: Cursor): void {
  const tid = e.int(0);
  if (!(tid > 0)) return;
  const t = e.ts;
  const status = e.int(4);
  const decoded = statedumpStatus(status);
  let th = m.threads.get(tid);
  if (th === undefined) {
    if (decoded === undefined) return;
    th = createThread(m, tid, t, ThreadState.UNKNOWN);
  }
  if (th.name === 0) setName(m, th, m.out.pool.id(e.str(3) ?? ''), t);
  const pid = e.int(1);
  if (th.pid < 0 && pid > 0) setPid(m, th, pid, t);
  const ppid = e.int(2);
  if (th.ppid < 0 && ppid >= 0) setPpid(m, th, ppid);
  if (th.state !== ThreadState.UNKNOWN || decoded === undefined) return;
  if (status === STATEDUMP_RUN) {
    const cpu = e.int(5);
    if (cpu >= 0) {
      const c = cpuRec(m, cpu, t);
      if (c.cur < 0) setCurrent(m, c, tid, t);
    }
    return;
  }
  setState(m, th, decoded, t);
}

export function onStatedumpIrq(m: HostModel, e: Cursor): void {
  const irq = e.int(0);
  const name = e.str(1);
  if (irq >= 0 && name !== undefined && name !== '' && !m.irqNames.has(irq)) {
    m.irqNames.set(irq, m.out.pool.id(name));
  }
}

function remember(m: HostModel, tid: number): { pid: number; ppid: number; name: number } {
  let info = m.info.get(tid);
  if (info === undefined) {
    info = { pid: -1, ppid: -1, name: 0 };
    m.info.set(tid, info);
  }
  return info;
}

export function onPerfComm(m: HostModel, e: Cursor): void {
  const tid = e.int(0);
  if (!(tid > 0)) return;
  const name = m.out.pool.id(e.str(2) ?? '');
  const pid = e.int(1);
  const th = e.zero ? undefined : m.threads.get(tid);
  if (th === undefined) {
    const info = remember(m, tid);
    if (name !== 0) info.name = name;
    if (pid > 0) info.pid = pid;
    return;
  }
  setName(m, th, name, e.ts);
  if (pid > 0) setPid(m, th, pid, e.ts);
}

export function onPerfFork(m: HostModel, e: Cursor): void {
  const tid = e.int(0);
  if (!(tid > 0)) return;
  const pid = e.int(1);
  const ptid = e.int(2);
  const th = e.zero ? undefined : m.threads.get(tid);
  if (th === undefined) {
    const info = remember(m, tid);
    if (pid > 0) info.pid = pid;
    if (ptid >= 0) info.ppid = ptid;
    return;
  }
  if (pid > 0) setPid(m, th, pid, e.ts);
  if (ptid > 0 && th.ppid < 0) setPpid(m, th, ptid);
}
