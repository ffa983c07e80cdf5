/**
 * Network rules of the graph builder and the post-pass that adds network links once every packet is known.
 *
 * While reading: a send gets a vertex on its sender (the current thread in thread context, the CPU's kernel worker
 * in softirq context; none in hard-IRQ context), a receive on its receiver (the kernel worker in IRQ/softirq
 * context, else the current thread); both go to the packet log, and a receive marks itself as the latest of every
 * open frame. After reading (`linkNetwork`), packets are matched (`sync/matcher.ts`) and:
 * - a NET wake-up whose frame's latest receive is matched gets a NETWORK link from the send vertex;
 * - otherwise, if the softirq was raised from thread context (loopback), a NETWORK link from the raising thread;
 * - a matched receive no wake-up used gets a NETWORK link send → receive vertex;
 * - a softirq raised from thread context links its raiser to the start of the kernel worker's segment.
 * Unlike Trace Compass, which keeps only the receiver's latest link until its next vertex, this does not depend on
 * the order the hosts' events are read in (their clocks are not synchronised yet) nor on a send in between.
 */
import { matchLog } from '../sync/matcher';
import { Dir } from '../sync/packet-layout';
import type { PacketKey } from '../sync/packet-layout';
import type { Matches } from '../sync/packet-log';
import { Ctx } from './build-state';
import type { BuildState, CpuState, HostState } from './build-state';
import { Link } from './edge-types';

export function onPacket(
  s: BuildState,
  h: HostState,
  c: CpuState,
  dir: number,
  ts: bigint,
  k: PacketKey
): void {
  const ctx = c.effective();
  let v = -1;
  if (ctx === Ctx.SOFTIRQ || (dir === Dir.RECV && ctx === Ctx.IRQ)) v = s.kernelTouch(h, c, ts);
  else if (ctx === Ctx.NONE || dir === Dir.RECV) v = s.current(h, c, ts);
  const row = s.log.add(dir, h.host, ts, k, ctx === Ctx.NONE ? c.cur : -1, v);
  if (dir === Dir.RECV) for (const f of c.stack) f.lastRecv = row;
}

/** Adds the network links (see the module comment); returns the packet matches. */
export function linkNetwork(s: BuildState): Matches {
  const log = s.log;
  const matches = matchLog(log);
  const vtx = log.vertex.buf;
  const used = new Uint8Array(log.length);
  for (let k = 0; k < s.netTarget.length; k++) {
    const target = s.netTarget.buf[k];
    const r = s.netRecv.buf[k];
    const snd = r >= 0 ? matches.sendOf[r] : -1;
    if (snd >= 0 && vtx[snd] >= 0 && s.g.link(vtx[snd], target, Link.NETWORK)) {
      used[r] = 1;
      continue;
    }
    const raiser = s.netRaiser.buf[k];
    if (raiser >= 0) s.g.link(raiser, target, Link.NETWORK);
  }
  for (let k = 0; k < matches.send.length; k++) {
    const snd = matches.send[k];
    const r = matches.recv[k];
    if (!used[r] && vtx[snd] >= 0 && vtx[r] >= 0) s.g.link(vtx[snd], vtx[r], Link.NETWORK);
  }
  for (let k = 0; k < s.softFrom.length; k++) s.g.link(s.softFrom.buf[k], s.softTo.buf[k], Link.SOFTIRQ);
  return matches;
}
