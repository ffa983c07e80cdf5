/**
 * Counter events (`ph: "C"`) of trace-event traces (and of JSON point series, read as counter events) as samples: one per numeric argument, the series named by the
 * argument key, the counter by the event name (suffixed ` <id>` when the event has an `id`), per process.
 *
 * Arrow table columns: host (utf8), pid (int32), name (utf8), series (utf8), ts (int64 ns), value (float64).
 */
import { Float64, Int32, Int64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { Experiment } from '../../trace/types';
import { TRACE_EVENT_FORMAT_ID } from './trace-event-source';

/** Formats whose records carry trace-event phases (`json-points`: see `formats/json-points`). */
const COUNTER_FORMATS = new Set<string | undefined>([TRACE_EVENT_FORMAT_ID, 'json-points']);

export interface CounterSample {
  readonly host: string;
  readonly pid: number;
  readonly name: string;
  readonly series: string;
  readonly ts: bigint;
  readonly value: number;
}

export function traceEventCounters(exp: Experiment): CounterSample[] {
  const classIds = new Set(
    exp.eventClasses.filter(c => COUNTER_FORMATS.has(exp.traces[c.traceIndex]?.format)).map(c => c.id)
  );
  const out: CounterSample[] = [];
  if (classIds.size === 0) return out;
  for (const b of exp.batches({ classIds })) {
    for (let i = 0; i < b.length; i++) {
      const c = exp.eventClasses[b.classId[i]];
      if (b.str(i, c.fieldIndex('ph')) !== 'C') continue;
      const id = b.str(i, c.fieldIndex('id'));
      const pidF = c.fieldIndex('pid');
      const pid = pidF < 0 || Number.isNaN(b.int(i, pidF)) ? -1 : b.int(i, pidF);
      const host = exp.traces[c.traceIndex].hostname;
      const name = id === undefined ? c.name : `${c.name} ${id}`;
      c.fields.forEach((f, k) => {
        if (!f.name.startsWith('args.')) return;
        const v = b.value(i, k);
        const value =
          typeof v === 'number'
            ? v
            : typeof v === 'bigint'
              ? Number(v)
              : typeof v === 'string'
                ? Number(v)
                : NaN;
        if (!Number.isNaN(value)) out.push({ host, pid, name, series: f.name.slice(5), ts: b.ts[i], value });
      });
    }
  }
  return out;
}

export function countersTable(samples: readonly CounterSample[]): Table {
  return new Table({
    host: vectorFromArray(
      samples.map(s => s.host),
      new Utf8()
    ),
    pid: vectorFromArray(
      samples.map(s => s.pid),
      new Int32()
    ),
    name: vectorFromArray(
      samples.map(s => s.name),
      new Utf8()
    ),
    series: vectorFromArray(
      samples.map(s => s.series),
      new Utf8()
    ),
    ts: vectorFromArray(
      samples.map(s => s.ts),
      new Int64()
    ),
    value: vectorFromArray(
      samples.map(s => s.value),
      new Float64()
    )
  });
}
