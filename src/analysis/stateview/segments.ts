/**
 * Pattern segments (latencies): name, start, end and named fields, emitted by `segment` actions, kept in emission
 * order and sorted on output by start, end, name, then fields (Trace Compass's order).
 *
 * Scope: the segment record, the emitting closure and the sort.
 */
import type { CompileEnv } from './compile-env';
import { SpecError } from './compile-env';
import { compileValue } from './compile-value';
import type { Ctx } from './event-access';
import type { SegmentSpec } from './spec-types';
import { compareValues, toTime, valueString } from './values';
import type { Value } from './values';

export interface Segment {
  /** Id of the pattern that emitted it. */
  readonly pattern: string;
  readonly name: string;
  readonly start: bigint;
  readonly end: bigint;
  /** Non-null fields, in declaration order. */
  readonly fields: Readonly<Record<string, Value>>;
}

/** A closure emitting one segment into `out` for the current event and scenario. */
export function compileSegment(
  spec: SegmentSpec,
  pattern: string,
  env: CompileEnv,
  where: string,
  out: Segment[]
): (c: Ctx) => void {
  if (spec === null || typeof spec !== 'object' || spec.name === undefined) {
    throw new SpecError(where, "a segment needs a 'name'");
  }
  const name = compileValue(spec.name, env, `${where}.name`);
  const begin = spec.begin === undefined ? undefined : compileValue(spec.begin, env, `${where}.begin`);
  const end = spec.end === undefined ? undefined : compileValue(spec.end, env, `${where}.end`);
  const dur = spec.duration === undefined ? undefined : compileValue(spec.duration, env, `${where}.duration`);
  if (end !== undefined && dur !== undefined) {
    throw new SpecError(where, "a segment has 'end' or 'duration', not both");
  }
  const fields = Object.entries(spec.fields ?? {}).map(
    ([k, v]) => [k, compileValue(v, env, `${where}.fields.${k}`)] as const
  );
  return c => {
    const start = begin ? toTime(begin(c)) : (c.scenario?.startTime ?? c.ts);
    if (start === undefined) return;
    let stop: bigint | undefined = c.ts;
    if (end) stop = toTime(end(c));
    else if (dur) {
      const d = toTime(dur(c));
      stop = d === undefined ? undefined : start + d;
    }
    if (stop === undefined || stop < start) return;
    const f: Record<string, Value> = {};
    for (const [k, fn] of fields) {
      const v = fn(c);
      if (v !== null) f[k] = v;
    }
    out.push({ pattern, name: valueString(name(c)), start, end: stop, fields: f });
  };
}

function compareFields(a: Segment, b: Segment): number {
  const ka = Object.keys(a.fields);
  const kb = Object.keys(b.fields);
  for (let k = 0; k < Math.min(ka.length, kb.length); k++) {
    if (ka[k] !== kb[k]) return ka[k] < kb[k] ? -1 : 1;
    const c = compareValues(a.fields[ka[k]], b.fields[kb[k]]);
    if (c !== 0) return c;
  }
  return ka.length - kb.length;
}

/** Segments sorted by start, end, name, then fields (a new array). */
export function sortSegments(segs: readonly Segment[]): Segment[] {
  return [...segs].sort(
    (a, b) =>
      (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
      (a.end < b.end ? -1 : a.end > b.end ? 1 : 0) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      compareFields(a, b)
  );
}
