/**
 * Trace Compass XML → native spec, for the shared pieces: state attributes (paths), state values, conditions and
 * state changes. Checks what Trace Compass's compiler checks (a missing value, an unknown location or mapping
 * group, an int/long that does not parse) and throws a `TcXmlError` naming the element and line.
 *
 * Scope: one analysis at a time (its defined values, locations and mapping groups are given to the importer).
 */
import type { ChangeSpec, CondSpec, ForcedType, PathElement, ValueSpec } from '../spec-types';
import { childrenNamed, firstChild, TcXmlError } from './dom';
import type { XmlElement } from './dom';

export class Importer {
  constructor(
    readonly file: string,
    /** definedValue name → value, for `$name` substitution. */
    readonly defines: ReadonlyMap<string, string>,
    readonly locations: ReadonlySet<string>,
    readonly mappings: ReadonlySet<string>
  ) {}

  fail(el: XmlElement, reason: string): never {
    throw new TcXmlError(this.file, el.line, `<${el.name}>: ${reason}`);
  }

  /** An attribute with `$name` replaced by its defined value. */
  attr(el: XmlElement, name: string): string | undefined {
    const v = el.attrs.get(name);
    if (v === undefined || !v.startsWith('$')) return v;
    return this.defines.get(v.slice(1)) ?? v;
  }

  need(el: XmlElement, name: string, what: string): string {
    const v = this.attr(el, name);
    if (v === undefined) this.fail(el, `${what} needs a '${name}' attribute`);
    return v;
  }

  /** Path elements from `stateAttribute` children. */
  path(attrs: readonly XmlElement[]): PathElement[] {
    return attrs.map(a => this.pathElement(a));
  }

  private pathElement(a: XmlElement): PathElement {
    const type = a.attrs.get('type');
    switch (type) {
      case 'constant': {
        const v = this.need(a, 'value', 'a constant attribute');
        return v === '#CurrentScenario' ? { scenario: true } : v;
      }
      case 'eventField':
        return { field: this.need(a, 'value', 'an eventField attribute') };
      case 'eventName':
        return { builtin: 'event' };
      case 'location': {
        const id = this.need(a, 'value', 'a location attribute');
        if (!this.locations.has(id)) this.fail(a, `location '${id}' is not defined`);
        return { location: id };
      }
      case 'query': {
        const inner = childrenNamed(a, 'stateAttribute');
        if (inner.length === 0) this.fail(a, 'a query attribute needs nested <stateAttribute> elements');
        return { query: this.path(inner) };
      }
      case 'pool':
        return { pool: true };
      case 'null':
      case 'self':
        return { self: true };
      default:
        return this.fail(a, `unknown stateAttribute type '${type}'`);
    }
  }

  private integer(sv: XmlElement, type: 'int' | 'long'): string {
    const v = this.need(sv, 'value', `an ${type} value`);
    if (!/^\s*[-+]?\d+\s*$/.test(v)) this.fail(sv, `${type} value '${v}' is not an integer`);
    return v.trim();
  }

  /** The value of a `stateValue` (or futureTime, begin, end…) element, ignoring its stack/increment/update. */
  value(sv: XmlElement): ValueSpec {
    const base = this.baseValue(sv);
    const map = sv.attrs.get('mappingGroup');
    const forced = sv.attrs.get('forcedType') as ForcedType | undefined;
    if (map !== undefined && !this.mappings.has(map)) this.fail(sv, `mapping group '${map}' is not defined`);
    if (map === undefined && forced === undefined) return base;
    const obj =
      base === null ? { null: true as const } : typeof base === 'object' ? base : { string: String(base) };
    return { ...obj, ...(map !== undefined ? { map } : {}), ...(forced !== undefined ? { as: forced } : {}) };
  }

  private baseValue(sv: XmlElement): ValueSpec {
    const type = sv.attrs.get('type');
    const attrs = childrenNamed(sv, 'stateAttribute');
    if (sv.attrs.get('stack') === 'peek') {
      if (attrs.length === 0) this.fail(sv, 'a peek value needs <stateAttribute> children (the stack path)');
      return { peek: this.path(attrs) };
    }
    switch (type) {
      case 'null':
      case 'delete':
        return null;
      case 'int':
        return { int: this.integer(sv, 'int') };
      case 'long':
        return { long: this.integer(sv, 'long') };
      case 'string':
        return { string: this.attr(sv, 'value') ?? '' };
      case 'eventField':
        return { field: this.need(sv, 'value', 'an eventField value') };
      case 'eventName':
        return { builtin: 'event' };
      case 'query':
        if (attrs.length === 0) this.fail(sv, 'a query value needs <stateAttribute> children');
        return { query: this.path(attrs) };
      case 'script': {
        const vars: Record<string, ValueSpec> = {};
        for (const c of childrenNamed(sv, 'stateValue')) {
          const id = c.attrs.get('id');
          if (id === undefined) this.fail(c, 'a script variable needs an id');
          vars[id] = this.value(c);
        }
        return { script: this.need(sv, 'value', 'a script value'), vars };
      }
      default:
        return this.fail(sv, `unknown stateValue type '${type}'`);
    }
  }

  /** A `stateChange` element. */
  change(sc: XmlElement): ChangeSpec {
    const cond = firstChild(sc, 'if');
    if (cond !== undefined) {
      const then = firstChild(sc, 'then')!;
      const els = firstChild(sc, 'else');
      return {
        if: this.condition(cond),
        then: [this.change(then)],
        ...(els ? { else: [this.change(els)] } : {})
      };
    }
    const path = this.path(childrenNamed(sc, 'stateAttribute'));
    const sv = firstChild(sc, 'stateValue')!;
    const ft = firstChild(sc, 'futureTime');
    const at = ft === undefined ? {} : { at: this.value(ft) };
    const stack = sv.attrs.get('stack');
    const bool = (n: string): boolean => ['true', '1'].includes(sv.attrs.get(n) ?? '');
    if (stack === 'push') return { path, push: this.value(withoutStack(sv)), ...at };
    if (stack === 'pop') return { path, pop: true, ...at };
    if (stack === 'popAll') return { path, popAll: true, ...at };
    if (sv.attrs.get('type') === 'delete') return { path, remove: true, ...at };
    if (bool('increment')) return { path, add: this.value(sv), ...at };
    if (bool('update')) return { path, set: this.value(sv), update: true, ...at };
    return { path, set: this.value(sv), ...at };
  }

  /** An `if`, `not`, `and`, `or` or `condition` element (or a `test`'s `if`). */
  condition(el: XmlElement): CondSpec {
    switch (el.name) {
      case 'if':
        if (el.children.length !== 1) this.fail(el, 'needs exactly one condition');
        return this.condition(el.children[0]);
      case 'not':
        return { not: this.condition(el.children[0]) };
      case 'and':
        return { and: el.children.map(c => this.condition(c)) };
      case 'or':
        return { or: el.children.map(c => this.condition(c)) };
      case 'condition':
        return this.simpleCondition(el);
      default:
        return this.fail(el, 'is not a condition');
    }
  }

  private simpleCondition(el: XmlElement): CondSpec {
    const op = (el.attrs.get('operator') ?? 'eq') as 'eq';
    const tr = firstChild(el, 'timerange');
    if (tr !== undefined) {
      const r = tr.children[0];
      const unit = (tr.attrs.get('unit') ?? 'ns') as 'ns';
      return {
        timeRange: { begin: r.attrs.get('begin')!, end: r.attrs.get('end')!, unit, out: r.name === 'out' }
      };
    }
    const et = firstChild(el, 'elapsedTime');
    if (et !== undefined) {
      const r = et.children[0];
      const o = r.name === 'less' ? 'lt' : r.name === 'more' ? 'gt' : 'eq';
      const unit = (et.attrs.get('unit') ?? 'ns') as 'ns';
      return { elapsed: { since: r.attrs.get('since')!, op: o, value: r.attrs.get('value')!, unit } };
    }
    const values = childrenNamed(el, 'stateValue');
    const field = firstChild(el, 'field');
    const attrs = childrenNamed(el, 'stateAttribute');
    if (field !== undefined) return { field: field.attrs.get('name')!, op, value: this.value(values[0]) };
    if (attrs.length > 0) return { path: this.path(attrs), op, value: this.value(values[0]) };
    if (values.length === 2) return { left: this.value(values[0]), op, right: this.value(values[1]) };
    return this.fail(el, 'needs a field, a state attribute path or two state values');
  }
}

function withoutStack(sv: XmlElement): XmlElement {
  const attrs = new Map(sv.attrs);
  attrs.delete('stack');
  return { ...sv, attrs };
}
