/**
 * Event classes of XML stub traces: one per (trace, event name), whose fields are the union, in order of first
 * appearance, of the fields of that name's events.
 *
 * Scope: the column type of each field (from the `type` attributes: int → int/32 bits, long → int/64 bits,
 * double → float, string → string, intArray/longArray → list; int and long widen to long, integers and doubles to
 * float, any other disagreement to string) and the per-event value rows aligned to the class's fields.
 */
import type { EventClassInfo, FieldInfo } from '../../trace/types';
import type { StubEvent, StubFieldType, StubValue } from './stub-parser';

function fieldInfo(name: string, type: StubFieldType): FieldInfo {
  switch (type) {
    case 'int':
      return { name, scope: 'payload', type: 'int', bits: 32 };
    case 'long':
      return { name, scope: 'payload', type: 'int', bits: 64 };
    case 'double':
      return { name, scope: 'payload', type: 'float' };
    case 'string':
      return { name, scope: 'payload', type: 'string' };
    default:
      return { name, scope: 'payload', type: 'list' };
  }
}

function widen(a: FieldInfo, b: FieldInfo): FieldInfo {
  if (a.type === b.type) return a.type === 'int' && (b.bits ?? 0) > (a.bits ?? 0) ? b : a;
  const numeric = (f: FieldInfo): boolean => f.type === 'int' || f.type === 'float';
  if (numeric(a) && numeric(b)) return { name: a.name, scope: 'payload', type: 'float' };
  return { name: a.name, scope: 'payload', type: 'string' };
}

/** A class under construction; frozen into an `EventClassInfo` by `toInfo()`. */
export class StubClassBuilder {
  readonly fields: FieldInfo[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly id: number,
    readonly traceIndex: number,
    readonly name: string
  ) {}

  /** Adds the event's fields to the union; returns each field's column index. */
  add(event: StubEvent): number[] {
    const cols: number[] = [];
    for (const f of event.fields) {
      let k = this.index.get(f.name);
      const info = fieldInfo(f.name, f.type);
      if (k === undefined) {
        k = this.fields.length;
        this.index.set(f.name, k);
        this.fields.push(info);
      } else {
        this.fields[k] = widen(this.fields[k], info);
      }
      cols.push(k);
    }
    return cols;
  }

  toInfo(): EventClassInfo {
    const fields: readonly FieldInfo[] = this.fields.slice();
    const index = new Map(this.index);
    return {
      id: this.id,
      traceIndex: this.traceIndex,
      name: this.name,
      fields,
      fieldIndex: (name: string) => index.get(name) ?? -1
    };
  }
}

/** The events of one trace with their class ids and value rows aligned to their class's fields. */
export interface ClassifiedEvents {
  readonly classIds: Int32Array;
  /** rows[e][k] = value of class field k in event e (undefined when the event lacks it). */
  readonly rows: (StubValue | undefined)[][];
}

/** Assigns classes (appending new ones to `classes`) to the events of trace `traceIndex`. */
export function classify(
  events: readonly StubEvent[],
  traceIndex: number,
  classes: StubClassBuilder[]
): ClassifiedEvents {
  const byName = new Map<string, StubClassBuilder>();
  const classIds = new Int32Array(events.length);
  const cols: number[][] = [];
  for (let e = 0; e < events.length; e++) {
    const ev = events[e];
    let c = byName.get(ev.name);
    if (c === undefined) {
      c = new StubClassBuilder(classes.length, traceIndex, ev.name);
      classes.push(c);
      byName.set(ev.name, c);
    }
    classIds[e] = c.id;
    cols.push(c.add(ev));
  }
  const rows = events.map((ev, e) => {
    const row = new Array<StubValue | undefined>(classes[classIds[e]].fields.length);
    ev.fields.forEach((f, j) => (row[cols[e][j]] = f.value));
    return row;
  });
  return { classIds, rows };
}
