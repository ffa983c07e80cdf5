/**
 * CTF 2 integer range sets (`[[lo, hi], ...]`, inclusive, non-empty, lo <= hi) and the name -> range set
 * objects built on them (integer field class `mappings`, bit map `flags`).
 */

import type { Mapping } from '../../ir';
import type { JsonValue } from './json-parse';
import { objectKeys } from './json-parse';
import type { Props } from './json-access';
import { Ctf2Error, asBigInt, jsonTypeName } from './json-access';

export type Range = [bigint, bigint];

export function parseRangeSet(v: JsonValue | undefined, where: string): Range[] {
  if (!Array.isArray(v) || v.length === 0) {
    throw new Ctf2Error(`integer range set must be a non-empty array, got ${jsonTypeName(v)}`, where);
  }
  return v.map((r, i) => {
    const lo = Array.isArray(r) && r.length === 2 ? asBigInt(r[0]) : undefined;
    const hi = Array.isArray(r) && r.length === 2 ? asBigInt(r[1]) : undefined;
    if (lo === undefined || hi === undefined) {
      throw new Ctf2Error(`integer range [${i}] must be an array of two integers`, where);
    }
    if (hi < lo) throw new Ctf2Error(`integer range [${i}] has its upper bound ${hi} below ${lo}`, where);
    return [lo, hi];
  });
}

/** Optional name -> range set object (`mappings`, `flags`); undefined when absent. */
export function parseNamedRanges(p: Props, name: string, required = false): Mapping[] | undefined {
  if (!p.has(name) && !required) return undefined;
  const obj = p.object(name);
  const labels = objectKeys(obj.obj);
  if (required && labels.length === 0) p.fail(`property "${name}" must not be empty`, name);
  return labels.map(label => ({ label, ranges: parseRangeSet(obj.obj[label], obj.at(label)) }));
}

export function rangesIntersect(a: Range[], b: Range[]): boolean {
  return a.some(([alo, ahi]) => b.some(([blo, bhi]) => alo <= bhi && blo <= ahi));
}
