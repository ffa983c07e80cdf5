/**
 * The network events of an experiment in columns (one row per send or receive, in reading order), and the matched
 * pairs found in them. Times are each host's local clock; `vertex`/`tid` are filled by the execution graph.
 */
import { GrowF64, GrowI32, GrowI64, GrowU8 } from './growable';
import type { PacketKey } from './packet-layout';

export class PacketLog {
  /** Host names; `host` columns index this. */
  readonly hosts: string[] = [];
  readonly dir = new GrowU8();
  readonly host = new GrowI32();
  readonly ts = new GrowI64();
  readonly seq = new GrowF64();
  readonly ack = new GrowF64();
  readonly flags = new GrowF64();
  readonly sameHostOnly = new GrowU8();
  /** Thread that sent/received it (-1 unknown or kernel context). */
  readonly tid = new GrowI32();
  /** Graph vertex of the event (-1 when no graph or no worker). */
  readonly vertex = new GrowI32();
  readonly keys: string[] = [];

  get length(): number {
    return this.dir.length;
  }

  hostIndex(name: string): number {
    let h = this.hosts.indexOf(name);
    if (h < 0) h = this.hosts.push(name) - 1;
    return h;
  }

  add(dir: number, host: number, ts: bigint, k: PacketKey, tid = -1, vertex = -1): number {
    this.dir.push(dir);
    this.host.push(host);
    this.ts.push(ts);
    this.seq.push(k.seq);
    this.ack.push(k.ack);
    this.flags.push(k.flags);
    this.sameHostOnly.push(k.sameHostOnly ? 1 : 0);
    this.tid.push(tid);
    this.vertex.push(vertex);
    this.keys.push(k.key);
    return this.dir.length - 1;
  }
}

/** Matched pairs: row indexes into a `PacketLog`. */
export interface Matches {
  readonly send: Int32Array;
  readonly recv: Int32Array;
  /** Receive row → matched send row, or -1. */
  readonly sendOf: Int32Array;
}
