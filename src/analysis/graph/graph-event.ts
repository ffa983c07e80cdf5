/**
 * The event a graph rule sees: a reused cursor over (batch, row) and the compiled description of its class (role,
 * field index per slot, host, prev_state decoder, packet reader).
 */
import type { PrevStateDecoder } from '../kernel/prev-state';
import type { PacketClass } from '../sync/packet-layout';
import type { EventBatch } from '../trace/types';
import type { HostState } from './build-state';
import type { RoleValue } from './graph-layout';

export interface GraphClass {
  readonly host: HostState;
  readonly role: RoleValue | undefined;
  /** Field index of each slot of the role (-1 when absent). */
  readonly f: Int32Array;
  /** Fields giving the current thread (perf), in preference order. */
  readonly hint: Int32Array;
  readonly decoder: PrevStateDecoder;
  readonly packet: PacketClass | undefined;
}

export class GraphEvent {
  b!: EventBatch;
  i = 0;
  ts = 0n;
  cpu = -1;
  gc!: GraphClass;

  int(slot: number): number {
    const k = this.gc.f[slot];
    return k < 0 ? NaN : this.b.int(this.i, k);
  }

  str(slot: number): string | undefined {
    const k = this.gc.f[slot];
    return k < 0 ? undefined : this.b.str(this.i, k);
  }
}
