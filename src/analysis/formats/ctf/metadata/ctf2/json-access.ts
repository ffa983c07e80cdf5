/**
 * Typed, checked access to the properties of a CTF 2 metadata JSON object.
 *
 * Scope: `Props` wraps one JSON object with its position in the fragment (`where`, e.g.
 * `payload-field-class/member-classes[1:var]/field-class`) and reads required/optional properties with type
 * checks. Every problem is a `Ctf2Error` carrying that position; the fragment driver turns it into a
 * `MetadataError` with the record index.
 */

import type { JsonObject, JsonValue } from './json-parse';
import { isJsonObject } from './json-parse';

/** A validation problem inside one fragment; `where` locates it inside the fragment. */
export class Ctf2Error extends Error {
  constructor(
    message: string,
    readonly where: string
  ) {
    super(message);
    this.name = 'Ctf2Error';
  }
}

export function jsonTypeName(v: JsonValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'bigint') return 'an integer';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** An integer JSON value as bigint, or undefined if `v` is not an integer. */
export function asBigInt(v: JsonValue | undefined): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return undefined;
}

export function joinWhere(where: string, part: string): string {
  return where === '' ? part : `${where}/${part}`;
}

export class Props {
  constructor(
    readonly obj: JsonObject,
    readonly where: string
  ) {}

  static of(v: JsonValue | undefined, where: string): Props {
    if (!isJsonObject(v)) throw new Ctf2Error(`expected an object, got ${jsonTypeName(v)}`, where);
    return new Props(v, where);
  }

  at(name: string): string {
    return joinWhere(this.where, name);
  }

  fail(message: string, name?: string): never {
    throw new Ctf2Error(message, name === undefined ? this.where : this.at(name));
  }

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.obj, name);
  }

  raw(name: string): JsonValue | undefined {
    return this.has(name) ? this.obj[name] : undefined;
  }

  required(name: string): JsonValue {
    if (!this.has(name)) this.fail(`missing required property "${name}"`);
    return this.obj[name];
  }

  private wrongType(name: string, expected: string): never {
    return this.fail(`property "${name}" must be ${expected}, got ${jsonTypeName(this.obj[name])}`, name);
  }

  str(name: string): string {
    const v = this.required(name);
    return typeof v === 'string' ? v : this.wrongType(name, 'a string');
  }

  optStr(name: string): string | undefined {
    return this.has(name) ? this.str(name) : undefined;
  }

  int(name: string): bigint {
    const v = asBigInt(this.required(name));
    return v ?? this.wrongType(name, 'an integer');
  }

  optInt(name: string): bigint | undefined {
    return this.has(name) ? this.int(name) : undefined;
  }

  /** A non-negative integer small enough for a JS number (lengths, alignments). */
  count(name: string): number {
    const v = this.int(name);
    if (v < 0n) this.fail(`property "${name}" must be >= 0, got ${v}`, name);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`property "${name}" is too large (${v})`, name);
    return Number(v);
  }

  optCount(name: string): number | undefined {
    return this.has(name) ? this.count(name) : undefined;
  }

  object(name: string): Props {
    const v = this.required(name);
    return isJsonObject(v) ? new Props(v, this.at(name)) : this.wrongType(name, 'an object');
  }

  optObject(name: string): Props | undefined {
    return this.has(name) ? this.object(name) : undefined;
  }

  arr(name: string): JsonValue[] {
    const v = this.required(name);
    return Array.isArray(v) ? v : this.wrongType(name, 'an array');
  }

  optArr(name: string): JsonValue[] | undefined {
    return this.has(name) ? this.arr(name) : undefined;
  }

  /** One of `allowed` string values. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const v = this.str(name);
    if (!(allowed as readonly string[]).includes(v)) {
      this.fail(
        `property "${name}" must be one of ${allowed.map(a => `"${a}"`).join(', ')}, got "${v}"`,
        name
      );
    }
    return v as T;
  }
}
