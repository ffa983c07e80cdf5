/**
 * One benchmark read, run as its own process (so its peak memory is its own): `node decode.js <mode> <trace>...`
 * (transpiled by build-js.ts) prints one JSON line `{events, fields, ms, sink}`; `ms` runs from openExperiment to
 * the end of the read.
 *   count   walk the batches, touch nothing (streaming read; the memory target applies to it)
 *   typed   touch every field of every event through the typed accessors a real analysis uses: int() for integers
 *           and enumerations (then bigint() when a value wider than 53 bits is not a safe integer), str() for
 *           strings, value() for reals, arrays, structures, variants and BLOBs
 *   values  every field through the generic value() (JSONL-style objects)
 */
import { openExperiment } from '../src/analysis/trace/open';
import type { EventBatch, EventClassInfo } from '../src/analysis/trace/types';

type Mode = 'count' | 'typed' | 'values';

function touchTyped(b: EventBatch, i: number, cls: EventClassInfo): number {
  let sink = 0;
  const fields = cls.fields;
  for (let f = 0; f < fields.length; f++) {
    const info = fields[f];
    switch (info.type) {
      case 'int':
      case 'uint':
      case 'enum':
      case 'bool': {
        const v = b.int(i, f);
        if ((info.bits ?? 64) > 53 && !Number.isSafeInteger(v)) sink += b.bigint(i, f) === undefined ? 0 : 1;
        else sink += v | 0;
        break;
      }
      case 'string':
        sink += b.str(i, f)?.length ?? 0;
        break;
      default:
        sink += b.value(i, f) === undefined ? 0 : 1;
    }
  }
  return sink;
}

export function decode(
  mode: Mode,
  paths: string[]
): { events: number; fields: number; ms: number; sink: number } {
  const t0 = process.hrtime.bigint();
  const exp = openExperiment(paths);
  let events = 0;
  let fields = 0;
  let sink = 0;
  for (const b of exp.batches()) {
    events += b.length;
    if (mode === 'count') continue;
    for (let i = 0; i < b.length; i++) {
      const cls = exp.eventClasses[b.classId[i]];
      fields += cls.fields.length;
      if (mode === 'typed') sink += touchTyped(b, i, cls);
      else for (let f = 0; f < cls.fields.length; f++) sink += b.value(i, f) === undefined ? 0 : 1;
    }
  }
  exp.close();
  return { events, fields, ms: Number(process.hrtime.bigint() - t0) / 1e6, sink };
}

if (require.main === module) {
  const [mode, ...paths] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(decode(mode as Mode, paths)) + '\n');
}
