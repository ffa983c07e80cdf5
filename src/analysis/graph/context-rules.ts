/**
 * Interrupt-context rules: entry events push a frame on the CPU's context stack, exit events pop it when the top
 * matches. A NET softirq raised from thread context remembers a vertex of the raising thread, handed to the
 * softirq's frame when it runs (the single-host loopback rule: the wake-ups of that softirq were caused by the
 * thread that sent the packet). A raise more than 10 ms before the softirq starts is not used.
 */
import { Ctx, LOCAL_TIMER_IRQ } from './build-state';
import type { BuildState, CpuState, CtxValue, HostState } from './build-state';
import { isNetSoftirq } from './edge-types';
import { Role } from './graph-layout';
import type { RoleValue } from './graph-layout';
import type { GraphEvent } from './graph-event';

/** Slots: irq, name. */
function irqEntry(h: HostState, c: CpuState, e: GraphEvent): void {
  const irq = e.int(0);
  const name = e.str(1);
  if (name) h.irqNames.set(irq, name);
  c.push(Ctx.IRQ, Number.isFinite(irq) ? irq : -1, e.ts);
}

function irqExit(c: CpuState): void {
  const f = c.pop(Ctx.IRQ);
  if (f === undefined) return;
  const n = c.stack.length;
  if (n > 0 && c.stack[n - 1].kind === Ctx.COMPLETE_IRQ) c.stack[n - 1].lastIrq = f.num;
}

/** A raise older than this when its softirq starts is not trusted as its cause. */
const MAX_RAISE_DELAY_NS = 10_000_000n;

/** Slots: vec. */
function softirqEntry(s: BuildState, c: CpuState, e: GraphEvent): void {
  const vec = e.int(0);
  const v = vec >= 0 && vec < c.pendingRaise.length ? vec : -1;
  let raiser = v >= 0 ? c.pendingRaise[v] : -1;
  if (v >= 0) c.pendingRaise[v] = -1;
  if (raiser >= 0 && e.ts - s.g.ts.buf[raiser] > MAX_RAISE_DELAY_NS) raiser = -1;
  c.push(Ctx.SOFTIRQ, Number.isFinite(vec) ? vec : -1, e.ts, raiser);
}

function softirqRaise(s: BuildState, h: HostState, c: CpuState, e: GraphEvent): void {
  const vec = e.int(0);
  if (!isNetSoftirq(vec) || c.stack.length > 0) return;
  const v = s.current(h, c, e.ts);
  if (v >= 0) c.pendingRaise[vec] = v;
}

const SIMPLE: Partial<Record<RoleValue, readonly [CtxValue, boolean, number]>> = {
  [Role.HRTIMER_ENTRY]: [Ctx.HRTIMER, true, -1],
  [Role.HRTIMER_EXIT]: [Ctx.HRTIMER, false, -1],
  [Role.IPI_ENTRY]: [Ctx.IPI, true, -1],
  [Role.IPI_EXIT]: [Ctx.IPI, false, -1],
  [Role.TIMER_VECTOR_ENTRY]: [Ctx.IRQ, true, LOCAL_TIMER_IRQ],
  [Role.TIMER_VECTOR_EXIT]: [Ctx.IRQ, false, LOCAL_TIMER_IRQ],
  [Role.COMPLETE_IRQ_ENTRY]: [Ctx.COMPLETE_IRQ, true, -1],
  [Role.COMPLETE_IRQ_EXIT]: [Ctx.COMPLETE_IRQ, false, -1],
  [Role.PACKET_RX_ENTRY]: [Ctx.PACKET_RX, true, -1],
  [Role.PACKET_RX_EXIT]: [Ctx.PACKET_RX, false, -1]
};

/** Handles a context event; false when `role` is not one. */
export function onContext(s: BuildState, h: HostState, c: CpuState, e: GraphEvent, role: RoleValue): boolean {
  switch (role) {
    case Role.IRQ_ENTRY:
      irqEntry(h, c, e);
      return true;
    case Role.IRQ_EXIT:
      irqExit(c);
      return true;
    case Role.SOFTIRQ_ENTRY:
      softirqEntry(s, c, e);
      return true;
    case Role.SOFTIRQ_EXIT:
      c.pop(Ctx.SOFTIRQ);
      return true;
    case Role.SOFTIRQ_RAISE:
      softirqRaise(s, h, c, e);
      return true;
  }
  const simple = SIMPLE[role];
  if (simple === undefined) return false;
  const [kind, entry, num] = simple;
  if (entry) c.push(kind, num, e.ts);
  else if (kind === Ctx.IRQ) irqExit(c);
  else c.pop(kind);
  return true;
}
