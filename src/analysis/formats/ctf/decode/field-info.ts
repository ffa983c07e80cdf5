/**
 * The user-visible field list of an event class (`EventClassInfo.fields`): the top-level members of the common
 * context, specific context and payload, with display names; members that are structures are flattened one level
 * (`ctx.procname`). Each entry is paired with the column that holds it (rows = the event class's rows).
 *
 * Also builds enumeration label maps for the columns.
 */
import type { FieldInfo } from '../../../trace/types';
import type { FieldClass, Mapping, StructFC } from '../ir';
import { displayName } from '../ir';
import type { Col, LabelMap } from './columns';
import type { StructCol } from './compound-columns';
import { isText } from './codegen';

export interface FieldEntry {
  info: FieldInfo;
  /**
   * Path from the class's scope columns: [scope column index, member index, (sub-member index)]. Two-level paths
   * are shared between entries (`memberPath`).
   */
  path: readonly number[];
}

/** Shared [scope index, member index] paths (the field lists of a trace hold tens of thousands of them). */
const PATHS: (readonly number[])[][] = [[], [], []];

function memberPath(scopeIndex: number, i: number): readonly number[] {
  const byScope = PATHS[scopeIndex];
  let p = byScope[i];
  if (p === undefined) {
    p = Object.freeze([scopeIndex, i]);
    byScope[i] = p;
  }
  return p;
}

/** The column at `path` in a (frozen) copy of the scope columns. */
export function colAt(scopes: readonly StructCol[], path: readonly number[]): Col {
  let c: Col = scopes[path[0]].members[path[1]];
  if (path.length > 2) c = (c as StructCol).members[path[2]];
  return c;
}

function fieldType(fc: FieldClass): Pick<FieldInfo, 'type' | 'bits'> {
  switch (fc.kind) {
    case 'int':
      if (fc.mappings) return { type: 'enum', bits: fc.size };
      return { type: fc.signed ? 'int' : 'uint', bits: fc.size };
    case 'enum':
      return { type: 'enum', bits: fc.container.size };
    case 'varint':
      return fc.mappings ? { type: 'enum', bits: 64 } : { type: fc.signed ? 'int' : 'uint', bits: 64 };
    case 'bitarray':
      return { type: 'uint', bits: fc.size };
    case 'bool':
      return { type: 'bool' };
    case 'float':
      return { type: 'float', bits: fc.size };
    case 'string':
    case 'sized-string':
      return { type: 'string' };
    case 'blob':
      return { type: 'bytes' };
    case 'array':
      return isText(fc) ? { type: 'string' } : { type: 'list' };
    case 'struct':
      return { type: 'struct' };
    case 'variant':
      return { type: 'variant' };
    case 'optional':
      return fieldType(fc.fc);
  }
}

/** The entry of one field: `{ name, scope, type[, bits] }`. */
function fieldInfo(name: string, scope: FieldInfo['scope'], fc: FieldClass): FieldInfo {
  // The usual kinds directly (no intermediate object: this runs for every field of every class at open).
  if (fc.kind === 'int') {
    return { name, scope, type: fc.mappings ? 'enum' : fc.signed ? 'int' : 'uint', bits: fc.size };
  }
  if (fc.kind === 'string') return { name, scope, type: 'string' };
  const t = fieldType(fc);
  return t.bits === undefined ? { name, scope, type: t.type } : { name, scope, type: t.type, bits: t.bits };
}

/** Adds the entries of one scope root (its columns are the `scopeIndex`-th scope columns of the class). */
export function scopeFields(
  out: FieldEntry[],
  scope: FieldInfo['scope'],
  root: StructFC | undefined,
  scopeIndex: number
): void {
  if (!root) return;
  const members = root.members;
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    const name = displayName(m.name);
    if (m.fc.kind === 'struct') {
      const inner = m.fc.members;
      for (let j = 0; j < inner.length; j++) {
        const sm = inner[j];
        out.push({
          info: fieldInfo(`${name}.${displayName(sm.name)}`, scope, sm.fc),
          path: [scopeIndex, i, j]
        });
      }
    } else {
      out.push({ info: fieldInfo(name, scope, m.fc), path: memberPath(scopeIndex, i) });
    }
  }
}

/** Label map of an enumeration / mapped integer field class, or undefined. */
export function labelMap(fc: FieldClass): LabelMap | undefined {
  let mappings: Mapping[] | undefined;
  if (fc.kind === 'enum') mappings = fc.mappings;
  else if (fc.kind === 'int' || fc.kind === 'varint') mappings = fc.mappings;
  if (!mappings) return undefined;
  const labels: string[] = [];
  const ranges: number[] = [];
  const bigRanges: [bigint, bigint, number][] = [];
  mappings.forEach((m, i) => {
    labels.push(m.label);
    for (const [lo, hi] of m.ranges) {
      ranges.push(Number(lo), Number(hi), i);
      bigRanges.push([lo, hi, i]);
    }
  });
  return { labels, ranges, bigRanges };
}
