/**
 * Reading event fields and built-ins as state values while a view runs: per-class field index caches, typed
 * accessors chosen from the field's column type, and Trace Compass's fallbacks for `eventField` (cpu, timestamp,
 * hostID).
 *
 * Scope: the per-event context (`Ctx`) every compiled closure receives.
 */
import type { EventBatch, Experiment, FieldInfo } from '../trace/types';
import type { StateSystem } from './state-system';
import { Dbl, intValue, numberValue } from './values';
import type { Value } from './values';
import type { Builtin } from './spec-types';

/** The running pattern scenario as compiled closures see it (see `fsm-runtime.ts`). */
export interface ScenarioRef {
  /** The scenario's own attribute (`#CurrentScenario`). */
  readonly quark: number;
  /** Time the scenario last entered `state`, or undefined. */
  entered(state: string): bigint | undefined;
  /** Start time (its first transition), or undefined while pending. */
  readonly startTime: bigint | undefined;
  /** The pool attribute this scenario owns under `parent` (allocated on first use). */
  pool(parent: number): number;
}

/** Per-event context, reused across events. */
export interface Ctx {
  batch: EventBatch;
  i: number;
  ts: bigint;
  classId: number;
  ss: StateSystem;
  scenario: ScenarioRef | undefined;
}

const UNKNOWN = -2;

/** Resolves field names to column indices per event class, once. */
export class FieldAccess {
  private readonly index = new Map<string, Int32Array>();
  readonly hosts: string[];

  constructor(readonly exp: Experiment) {
    this.hosts = exp.traces.map(t => t.hostname);
  }

  private columns(name: string): Int32Array {
    let idx = this.index.get(name);
    if (idx === undefined) {
      idx = new Int32Array(this.exp.eventClasses.length).fill(UNKNOWN);
      this.index.set(name, idx);
    }
    return idx;
  }

  /** A compiled reader of field `name` (undefined when the event has no such field). */
  reader(name: string): (c: Ctx) => Value | undefined {
    const idx = this.columns(name);
    const classes = this.exp.eventClasses;
    return c => {
      let k = idx[c.classId];
      if (k === UNKNOWN) {
        k = classes[c.classId].fieldIndex(name);
        idx[c.classId] = k;
      }
      return k < 0 ? undefined : readColumn(c.batch, c.i, k, classes[c.classId].fields[k]);
    };
  }

  /** A compiled Trace Compass `eventField` reader: the field, else cpu / timestamp / hostID, else null. */
  eventFieldReader(name: string): (c: Ctx) => Value {
    const r = this.reader(name);
    return c => {
      const v = r(c);
      return v !== undefined ? v : this.fallback(c, name);
    };
  }

  private fallback(c: Ctx, name: string): Value {
    switch (name) {
      case 'cpu':
        return c.batch.cpu[c.i] < 0 ? null : c.batch.cpu[c.i];
      case 'timestamp':
        return intValue(c.ts);
      case 'hostID':
        return this.hosts[this.exp.eventClasses[c.classId].traceIndex] ?? null;
      default:
        return null;
    }
  }

  private firstOf(names: readonly string[]): (c: Ctx) => Value {
    const readers = names.map(n => this.reader(n));
    return c => {
      for (const r of readers) {
        const v = r(c);
        if (v !== undefined && v !== null) return v;
      }
      return null;
    };
  }

  /** A compiled reader of a built-in. */
  builtinReader(b: Builtin): (c: Ctx) => Value {
    const classes = this.exp.eventClasses;
    switch (b) {
      case 'event':
        return c => classes[c.classId].name;
      case 'cpu': {
        const f = this.firstOf(['cpu', 'cpu_id']);
        return c => (c.batch.cpu[c.i] < 0 ? f(c) : c.batch.cpu[c.i]);
      }
      case 'host':
        return c => this.hosts[classes[c.classId].traceIndex] ?? null;
      case 'timestamp':
        return c => intValue(c.ts);
      case 'tid': {
        const f = this.firstOf(['vtid', 'tid', 'perf_tid']);
        const pid = this.firstOf(['common_pid']);
        return c => {
          const v = f(c);
          return v === -1 ? pid(c) : v;
        };
      }
      case 'pid':
        return this.firstOf(['vpid', 'pid', 'perf_pid']);
      case 'procname':
        return this.firstOf(['procname', 'comm']);
    }
  }
}

function generic(v: unknown): Value {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return numberValue(v);
    case 'bigint':
      return intValue(v);
    case 'string':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    default:
      break;
  }
  if (v instanceof Uint8Array) return Array.from(v).join(',');
  if (Array.isArray(v)) return v.map(x => String(generic(x))).join(',');
  const o = v as { label?: unknown; value?: unknown };
  if ('value' in o && 'label' in o) {
    const l = o.label;
    if (typeof l === 'string') return l;
    if (Array.isArray(l) && l.length > 0) return l.join('|');
    return generic(o.value);
  }
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/** One field as a state value, with the accessor its column type calls for. */
export function readColumn(b: EventBatch, i: number, k: number, info: FieldInfo | undefined): Value {
  switch (info?.type) {
    case 'int':
    case 'uint': {
      const n = b.int(i, k);
      if (Number.isSafeInteger(n)) return n;
      if (Number.isNaN(n)) return null;
      const big = b.bigint(i, k);
      return big === undefined ? null : intValue(big);
    }
    case 'string':
      return b.str(i, k) ?? null;
    case 'float': {
      const v = b.value(i, k);
      return typeof v === 'number' ? new Dbl(v) : generic(v);
    }
    default:
      return generic(b.value(i, k));
  }
}
