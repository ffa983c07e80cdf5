/**
 * CTF 2 clock class fragment -> IR `ClockClass`.
 *
 * CTF2-SPEC-2.0: `id` (required, referenced by `default-clock-class-id`), `name`, `uid`, `frequency`,
 * `origin` ("unix-epoch" or {namespace?, name, uid}), `offset-from-origin` {seconds, cycles}, `precision`,
 * `accuracy`, `description`. Drafts: no `id` (the `name` is the reference), `offset` instead of
 * `offset-from-origin`, `uuid` as an array of 16 bytes.
 * IR mapping: `name` = the clock's `name` (else its `id`); `uuid` = the draft `uuid` or the 2.0 `uid` (LTTng
 * writes the clock UUID there); `absolute` = `originIsUnixEpoch` = origin is "unix-epoch".
 */

import type { ClockClass } from '../../ir';
import type { JsonValue } from './json-parse';
import type { Props } from './json-access';
import { asBigInt, jsonTypeName } from './json-access';

export interface ParsedClock {
  /** The internal id data stream classes refer to. */
  id: string;
  clock: ClockClass;
}

/** A 16-byte UUID array as the canonical `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` string. */
export function uuidFromBytes(p: Props, name: string): string | undefined {
  const v: JsonValue | undefined = p.raw(name);
  if (v === undefined) return undefined;
  const bytes = Array.isArray(v) ? v.map(asBigInt) : [];
  if (bytes.length !== 16 || bytes.some(b => b === undefined || b < 0n || b > 255n)) {
    p.fail(`property "${name}" must be an array of 16 integers in [0, 255], got ${jsonTypeName(v)}`, name);
  }
  const hex = bytes.map(b => (b as bigint).toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function readOrigin(p: Props): boolean {
  const origin = p.raw('origin');
  if (origin === undefined) return false;
  if (origin === 'unix-epoch') return true;
  if (typeof origin === 'string') p.fail(`unknown clock origin "${origin}"`, 'origin');
  const o = p.object('origin');
  o.str('name');
  o.str('uid');
  o.optStr('namespace');
  return false;
}

function readOffset(p: Props, clock: ClockClass): void {
  const off = p.optObject('offset-from-origin') ?? p.optObject('offset');
  if (!off) return;
  clock.offsetSeconds = off.optInt('seconds') ?? 0n;
  clock.offsetCycles = off.optInt('cycles') ?? 0n;
  if (clock.offsetCycles < 0n) off.fail('property "cycles" must be >= 0', 'cycles');
}

export function parseClockClass(p: Props): ParsedClock {
  const name = p.optStr('name');
  const id = p.has('id') || name === undefined ? p.str('id') : name;
  const freq = p.int('frequency');
  if (freq <= 0n) p.fail('property "frequency" must be greater than zero', 'frequency');
  const unixEpoch = readOrigin(p);
  const clock: ClockClass = {
    name: name ?? id,
    freq,
    offsetSeconds: 0n,
    offsetCycles: 0n,
    absolute: unixEpoch,
    originIsUnixEpoch: unixEpoch
  };
  readOffset(p, clock);
  const precision = p.optInt('precision');
  if (precision !== undefined) {
    if (precision < 0n) p.fail('property "precision" must be >= 0', 'precision');
    clock.precision = precision;
  }
  const accuracy = p.optInt('accuracy');
  if (accuracy !== undefined && accuracy < 0n) p.fail('property "accuracy" must be >= 0', 'accuracy');
  const uuid = uuidFromBytes(p, 'uuid') ?? p.optStr('uid');
  if (uuid !== undefined) clock.uuid = uuid;
  const description = p.optStr('description');
  if (description !== undefined) clock.description = description;
  return { id, clock };
}
