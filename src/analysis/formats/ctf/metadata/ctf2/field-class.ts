/**
 * CTF 2 field class dispatcher: a field class JSON value (an object with a `type`, or the name of a previously
 * defined field class alias) -> IR `FieldClass`.
 *
 * Handles what every field class shares (`attributes`, `extensions`) and the alias table fed by
 * `field-class-alias` fragments; the type-specific work is in `field-class-scalar.ts` and
 * `field-class-compound.ts`.
 */

import type { FieldClass, StructFC } from '../../ir';
import type { JsonValue } from './json-parse';
import { Ctf2Error, Props } from './json-access';
import { checkExtensions, readAttributes } from './common';
import { scalarParser } from './field-class-scalar';
import { compoundParser } from './field-class-compound';

export class FieldClassParser {
  private readonly aliases = new Map<string, FieldClass>();

  /** Parses the field class value found at `where`. */
  parse(v: JsonValue | undefined, where: string): FieldClass {
    if (typeof v === 'string') return this.alias(v, where);
    const p = Props.of(v, where);
    const type = p.str('type');
    const compound = compoundParser(type);
    const parseType =
      scalarParser(type) ?? (compound && ((q: Props) => compound(q, (cv, cw) => this.parse(cv, cw))));
    if (!parseType) return p.fail(`unknown field class type "${type}"`, 'type');
    checkExtensions(p);
    const fc = parseType(p);
    const attributes = readAttributes(p);
    if (attributes) fc.attributes = attributes;
    return fc;
  }

  /** Parses a scope field class (packet header, payload, ...): it must be a structure. */
  parseScope(p: Props, name: string): StructFC | undefined {
    if (!p.has(name)) return undefined;
    const fc = this.parse(p.raw(name), p.at(name));
    if (fc.kind !== 'struct') {
      p.fail(`property "${name}" must be a structure field class, got "${fc.kind}"`, name);
    }
    return fc;
  }

  /** Records a `field-class-alias` fragment. */
  define(name: string, v: JsonValue, where: string): void {
    if (this.aliases.has(name)) throw new Ctf2Error(`duplicate field class alias "${name}"`, where);
    this.aliases.set(name, this.parse(v, where));
  }

  private alias(name: string, where: string): FieldClass {
    const fc = this.aliases.get(name);
    if (!fc) throw new Ctf2Error(`unknown field class alias "${name}"`, where);
    return structuredClone(fc);
  }
}
