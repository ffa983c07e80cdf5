/**
 * Wake-up of a blocked thread: the type of the edge that ends (what it was waiting for) and the vertical link
 * that explains it, from the CPU's interrupt context at the wake-up (Trace Compass's rules, with its defects fixed):
 * - thread context: BLOCKED edge, WAKEUP link from the waking thread;
 * - hrtimer: TIMER; IPI: IPI;
 * - IRQ: INTERRUPTED when the IRQ is a timer (by its name: timer, hpet, rtc, arch_timer, local_timer; IRQ 0 only
 *   when no name is known), else BLOCKED qualified with the IRQ's name; a complete-IRQ frame uses the last IRQ
 *   handled inside it;
 * - softirq: by vector (TIMER/HRTIMER → TIMER, BLOCK/IRQ_POLL → BLOCK_DEVICE, NET_RX/NET_TX → NETWORK, SCHED →
 *   INTERRUPTED, other → BLOCKED qualified with the vector name); NET wake-ups are recorded for the network
 *   post-pass (`net-rules.ts`) with the frame's latest received packet and the thread that raised the softirq;
 * - packet reception: NETWORK, recorded likewise.
 */
import { Ctx, LOCAL_TIMER_IRQ } from './build-state';
import type { BuildState, CpuState, HostState } from './build-state';
import { Edge, edgeOfSoftirq, isNetSoftirq, Link, SOFTIRQ_NAMES } from './edge-types';

const TIMER_IRQ_NAME = /timer|hpet|rtc|tick/i;

function isTimerIrq(h: HostState, irq: number): boolean {
  if (irq === LOCAL_TIMER_IRQ) return true;
  const name = h.irqNames.get(irq);
  if (name !== undefined) return TIMER_IRQ_NAME.test(name);
  return irq === 0;
}

function irqWake(s: BuildState, h: HostState, w: number, ts: bigint, irq: number): void {
  if (irq < 0 && irq !== LOCAL_TIMER_IRQ) {
    s.touch(w, ts, Edge.UNKNOWN);
  } else if (isTimerIrq(h, irq)) {
    s.touch(w, ts, Edge.INTERRUPTED);
  } else {
    const name = h.irqNames.get(irq);
    s.touch(w, ts, Edge.BLOCKED, name === undefined ? `irq ${irq}` : `irq ${irq} ${name}`);
  }
}

function recordNetWake(s: BuildState, target: number, recv: number, raiser: number): void {
  s.netTarget.push(target);
  s.netRecv.push(recv);
  s.netRaiser.push(raiser);
}

/** Thread `w` (status was WAIT_BLOCKED) is woken at `ts` on CPU `c`. */
export function wakeBlocked(s: BuildState, h: HostState, c: CpuState, w: number, ts: bigint): void {
  const f = c.stack.length > 0 ? c.stack[c.stack.length - 1] : undefined;
  switch (f?.kind ?? Ctx.NONE) {
    case Ctx.NONE: {
      const n1 = s.touch(w, ts, Edge.BLOCKED);
      const n0 = s.current(h, c, ts);
      if (n0 >= 0) s.g.link(n0, n1, Link.WAKEUP);
      return;
    }
    case Ctx.HRTIMER:
      s.touch(w, ts, Edge.TIMER);
      return;
    case Ctx.IPI:
      s.touch(w, ts, Edge.IPI);
      return;
    case Ctx.IRQ:
      irqWake(s, h, w, ts, f?.num ?? -1);
      return;
    case Ctx.COMPLETE_IRQ:
      irqWake(s, h, w, ts, f?.lastIrq ?? -1);
      return;
    case Ctx.SOFTIRQ: {
      const vec = f?.num ?? -1;
      const edge = edgeOfSoftirq(vec);
      const n1 = s.touch(
        w,
        ts,
        edge,
        edge === Edge.BLOCKED ? `softirq ${SOFTIRQ_NAMES[vec] ?? vec}` : undefined
      );
      if (isNetSoftirq(vec)) recordNetWake(s, n1, f?.lastRecv ?? -1, f?.raiser ?? -1);
      return;
    }
    case Ctx.PACKET_RX: {
      const inner = c.effective();
      const q = inner === Ctx.NONE && c.cur > 0 ? s.g.wName[s.thread(h.host, c.cur)] : undefined;
      const n1 = s.touch(w, ts, Edge.NETWORK, q);
      recordNetWake(s, n1, f?.lastRecv ?? -1, c.netRaiser());
      return;
    }
  }
}
