/**
 * Hard IRQ and softirq handlers: a per-CPU stack of interrupt contexts; the CPU is in IRQ/SOFTIRQ state while one
 * is open and the thread it interrupted is INTERRUPTED (Trace Compass `IrqEntryHandler`, `SoftIrq*Handler`).
 * Each closed context and each raised-to-entry softirq wait becomes a row of the irqs table; the CPU and thread
 * states during interrupts are rebuilt from those rows (`derive.ts`).
 *
 * Slots: irq entry [irq, name]; irq exit [irq]; softirq entry/exit/raise [vec].
 */
import type { Cursor } from '../cursor';
import { cpuRec, curThread, markRunning } from '../cpu-ops';
import type { CpuRec, HostModel } from '../host-model';
import { IrqKind, isRunning, SOFTIRQ_NAMES, ThreadState } from '../state-values';
import { setState } from '../thread-ops';

function pushIrqRow(
  m: HostModel,
  c: CpuRec,
  kind: number,
  num: number,
  start: number,
  end: number,
  tid: number
): void {
  const name =
    kind === IrqKind.IRQ ? (m.irqNames.get(num) ?? 0) : m.out.pool.id(SOFTIRQ_NAMES[num] ?? `${num}`);
  m.out.irqs.push(m.index, c.cpu, kind, num, name, start, end, tid);
}

function enter(m: HostModel, e: Cursor, kind: number, num: number): void {
  const t = e.ts;
  const c = cpuRec(m, e.cpu, t);
  c.ctxKind.push(kind);
  c.ctxNum.push(num);
  c.ctxStart.push(t);
  c.ctxTid.push(c.cur);
  const th = curThread(m, c);
  if (th !== undefined && isRunning(th.state)) setState(m, th, ThreadState.INTERRUPTED, t);
}

function leave(m: HostModel, e: Cursor, kind: number, num: number): void {
  const t = e.ts;
  const c = cpuRec(m, e.cpu, t);
  let k = c.ctxKind.length - 1;
  while (k >= 0 && !(c.ctxKind[k] === kind && c.ctxNum[k] === num)) k--;
  if (k < 0) return; // exit without entry: the trace started inside it
  for (let j = c.ctxKind.length - 1; j >= k; j--) {
    pushIrqRow(m, c, c.ctxKind[j], c.ctxNum[j], c.ctxStart[j], t, c.ctxTid[j]);
  }
  c.ctxKind.length = k;
  c.ctxNum.length = k;
  c.ctxStart.length = k;
  c.ctxTid.length = k;
  const th = curThread(m, c);
  if (k === 0 && th !== undefined && th.state === ThreadState.INTERRUPTED) markRunning(m, c, th, t);
}

export function onIrqEntry(m: HostModel, e: Cursor): void {
  if (e.cpu < 0) return;
  const irq = e.int(0);
  const name = e.str(1);
  if (name !== undefined && name !== '') m.irqNames.set(irq, m.out.pool.id(name));
  enter(m, e, IrqKind.IRQ, irq);
}

export function onIrqExit(m: HostModel, e: Cursor): void {
  if (e.cpu >= 0) leave(m, e, IrqKind.IRQ, e.int(0));
}

export function onSoftirqRaise(m: HostModel, e: Cursor): void {
  if (e.cpu < 0) return;
  const c = cpuRec(m, e.cpu, e.ts);
  const vec = e.int(0);
  if (!c.raised.has(vec)) c.raised.set(vec, e.ts);
}

export function onSoftirqEntry(m: HostModel, e: Cursor): void {
  if (e.cpu < 0) return;
  const vec = e.int(0);
  const c = cpuRec(m, e.cpu, e.ts);
  const raisedAt = c.raised.get(vec);
  if (raisedAt !== undefined) {
    c.raised.delete(vec);
    pushIrqRow(m, c, IrqKind.SOFTIRQ_RAISED, vec, raisedAt, e.ts, c.cur);
  }
  enter(m, e, IrqKind.SOFTIRQ, vec);
}

export function onSoftirqExit(m: HostModel, e: Cursor): void {
  if (e.cpu >= 0) leave(m, e, IrqKind.SOFTIRQ, e.int(0));
}
