/**
 * The event a handler sees: one reused cursor over (batch, row) plus the compiled description of the event's class
 * (field indices looked up once per class, syscall name, host). Handlers read fields by slot (`layout.ts` SLOTS).
 */
import type { HostModel } from './host-model';
import type { EventRole } from './layout';
import type { PrevStateDecoder } from './prev-state';
import type { EventBatch, RowReader } from '../trace/types';

export type Handler = (m: HostModel, e: Cursor) => void;

/** One event class of one trace, compiled for the model. */
export interface CompiledClass {
  readonly host: HostModel;
  readonly role: EventRole | undefined;
  readonly handler: Handler | undefined;
  /** Field index of each slot of the role's kind (-1 when absent). */
  readonly f: Int32Array;
  /** Pool id of the syscall name for named syscall events (0 otherwise). */
  readonly syscall: number;
  /** Fields giving the current thread (perf), in preference order; -1 when absent. */
  readonly tidFields: Int32Array;
  readonly pidField: number;
  readonly cpuField: number;
  readonly decoder: PrevStateDecoder;
  /** perf's synthesized records (perf_comm, perf_fork): at time 0 they describe the system before recording. */
  readonly synthetic: boolean;
}

export class Cursor {
  b!: EventBatch;
  i = 0;
  /** Where event i's fields are (`EventBatch.readerOf` / `rowOf`), resolved once per event. */
  r!: RowReader;
  row = 0;
  /** Event time: ns from the model's base time (exact as a double). */
  ts = 0;
  /** The event's absolute timestamp is 0 (perf's synthesized records of the system before recording). */
  zero = false;
  cpu = -1;
  cc!: CompiledClass;

  /** Integer field of a slot (NaN when absent). */
  int(slot: number): number {
    const k = this.cc.f[slot];
    return k < 0 ? NaN : this.r.int(this.row, k);
  }

  /** String field of a slot (undefined when absent). */
  str(slot: number): string | undefined {
    const k = this.cc.f[slot];
    return k < 0 ? undefined : this.r.str(this.row, k);
  }

  /** Whether the slot's field exists in this class. */
  has(slot: number): boolean {
    return this.cc.f[slot] >= 0;
  }
}
