/**
 * CTF 2 compound field classes -> IR: structure, static/dynamic-length array, optional, variant.
 *
 * Alignments follow CTF2-SPEC-2.0 §6.4.1: a structure is aligned to the max of its `minimum-alignment` and
 * its members' alignments, an array to the max of its `minimum-alignment` and its element's, and optional and
 * variant fields are not aligned themselves (1): their selected field class aligns itself.
 * Nested field classes are parsed through the `ParseFc` callback (the dispatcher in `field-class.ts`).
 */

import type {
  ArrayFC,
  FieldClass,
  OptionalFC,
  StructFC,
  StructMember,
  VariantFC,
  VariantOption
} from '../../ir';
import type { JsonValue } from './json-parse';
import { Props } from './json-access';
import { checkExtensions } from './common';
import { parseFieldLocation } from './field-location';
import { readAlignment } from './field-class-scalar';
import { parseRangeSet, rangesIntersect } from './ranges';

/** Parses the field class value (object or alias name) found at `where`. */
export type ParseFc = (v: JsonValue | undefined, where: string) => FieldClass;

function member(v: JsonValue, where: string, parseFc: ParseFc): StructMember {
  const m = Props.of(v, where);
  const name = m.str('name');
  checkExtensions(m);
  return { name, fc: parseFc(m.required('field-class'), m.at('field-class')) };
}

export function parseStruct(p: Props, parseFc: ParseFc): StructFC {
  const list = p.optArr('member-classes') ?? [];
  const members: StructMember[] = [];
  const seen = new Set<string>();
  list.forEach((v, i) => {
    const name = Props.of(v, p.at(`member-classes[${i}]`)).str('name');
    const m = member(v, p.at(`member-classes[${i}:${name}]`), parseFc);
    if (seen.has(m.name)) p.fail(`duplicate member name "${m.name}"`, 'member-classes');
    seen.add(m.name);
    members.push(m);
  });
  const minAlign = readAlignment(p, 'minimum-alignment');
  const fc: StructFC = {
    kind: 'struct',
    members,
    align: Math.max(minAlign, ...members.map(m => m.fc.align))
  };
  if (p.has('minimum-alignment')) fc.minAlign = minAlign;
  return fc;
}

function parseArray(p: Props, parseFc: ParseFc, dynamic: boolean): ArrayFC {
  const element = parseFc(p.required('element-field-class'), p.at('element-field-class'));
  const minAlign = readAlignment(p, 'minimum-alignment');
  const fc: ArrayFC = { kind: 'array', element, align: Math.max(minAlign, element.align) };
  if (dynamic) {
    fc.lengthLocation = parseFieldLocation(
      p.required('length-field-location'),
      p.at('length-field-location')
    );
  } else {
    fc.length = p.count('length');
  }
  if (p.has('minimum-alignment')) fc.minAlign = minAlign;
  return fc;
}

function parseOptional(p: Props, parseFc: ParseFc): OptionalFC {
  const fc: OptionalFC = {
    kind: 'optional',
    align: 1,
    selectorLocation: parseFieldLocation(
      p.required('selector-field-location'),
      p.at('selector-field-location')
    ),
    fc: parseFc(p.required('field-class'), p.at('field-class'))
  };
  if (p.has('selector-field-ranges')) {
    fc.ranges = parseRangeSet(p.raw('selector-field-ranges'), p.at('selector-field-ranges'));
  }
  return fc;
}

function variantOption(v: JsonValue, where: string, parseFc: ParseFc): VariantOption {
  const o = Props.of(v, where);
  checkExtensions(o);
  const opt: VariantOption = {
    fc: parseFc(o.required('field-class'), o.at('field-class')),
    ranges: parseRangeSet(o.required('selector-field-ranges'), o.at('selector-field-ranges'))
  };
  const name = o.optStr('name');
  if (name !== undefined) opt.name = name;
  return opt;
}

function parseVariant(p: Props, parseFc: ParseFc): VariantFC {
  const list = p.arr('options');
  if (list.length === 0) p.fail('a variant needs at least one option', 'options');
  const options = list.map((v, i) => variantOption(v, p.at(`options[${i}]`), parseFc));
  options.forEach((o, i) => {
    for (const prev of options.slice(0, i)) {
      if (o.name !== undefined && o.name === prev.name) {
        p.fail(`duplicate option name "${o.name}"`, 'options');
      }
      if (rangesIntersect(o.ranges ?? [], prev.ranges ?? [])) {
        p.fail(`the selector ranges of options [${options.indexOf(prev)}] and [${i}] intersect`, 'options');
      }
    }
  });
  return {
    kind: 'variant',
    align: 1,
    selectorLocation: parseFieldLocation(
      p.required('selector-field-location'),
      p.at('selector-field-location')
    ),
    options
  };
}

const COMPOUNDS: Record<string, (p: Props, parseFc: ParseFc) => FieldClass> = {
  structure: parseStruct,
  'static-length-array': (p, f) => parseArray(p, f, false),
  'dynamic-length-array': (p, f) => parseArray(p, f, true),
  optional: parseOptional,
  variant: parseVariant
};

/** The compound parser for a field class `type`, if it is a compound type. */
export function compoundParser(type: string): ((p: Props, parseFc: ParseFc) => FieldClass) | undefined {
  return Object.prototype.hasOwnProperty.call(COMPOUNDS, type) ? COMPOUNDS[type] : undefined;
}
