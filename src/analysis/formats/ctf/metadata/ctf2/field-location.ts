/**
 * CTF 2 field locations -> IR `FieldLocation`.
 *
 * CTF2-SPEC-2.0 form: `{ "origin"?: "packet-header" | ... | "event-record-payload", "path": [string | null, ...] }`
 * (no origin: relative to the structure containing the dependent field; `null` = parent structure).
 * Draft form (babeltrace2/LTTng pre-2.0, Trace Compass `CTF2-7.0-*`): a JSON array whose first element is the
 * origin, e.g. `["event-record-payload", "tag"]`.
 */

import type { FieldLocation, Scope } from '../../ir';
import type { JsonValue } from './json-parse';
import { isJsonObject } from './json-parse';
import { Ctf2Error, jsonTypeName, Props } from './json-access';

export const ORIGIN_TO_SCOPE: Record<string, Scope> = {
  'packet-header': 'packet.header',
  'packet-context': 'packet.context',
  'event-record-header': 'event.header',
  'event-record-common-context': 'event.common_context',
  'event-record-specific-context': 'event.specific_context',
  'event-record-payload': 'event.payload'
};

/** Scopes in decoding order (a location may only point to its own scope or an earlier one). */
export const SCOPE_ORDER: readonly Scope[] = [
  'packet.header',
  'packet.context',
  'event.header',
  'event.common_context',
  'event.specific_context',
  'event.payload'
];

function originScope(origin: JsonValue, where: string): Scope {
  const scope = typeof origin === 'string' ? ORIGIN_TO_SCOPE[origin] : undefined;
  if (scope === undefined) {
    const got = typeof origin === 'string' ? `"${origin}"` : jsonTypeName(origin);
    throw new Ctf2Error(
      `bad location: origin must be one of ${Object.keys(ORIGIN_TO_SCOPE).join(', ')}, got ${got}`,
      where
    );
  }
  return scope;
}

function checkPath(path: JsonValue[], where: string, allowNull: boolean): (string | null)[] {
  if (path.length === 0) throw new Ctf2Error('bad location: empty path', where);
  for (const e of path) {
    if (typeof e === 'string' || (allowNull && e === null)) continue;
    throw new Ctf2Error(`bad location: path elements must be strings, got ${jsonTypeName(e)}`, where);
  }
  if (path[path.length - 1] === null) {
    throw new Ctf2Error('bad location: the last path element is null', where);
  }
  return path as (string | null)[];
}

/** Parses a field location value found at `where`. */
export function parseFieldLocation(v: JsonValue | undefined, where: string): FieldLocation {
  if (Array.isArray(v)) {
    if (v.length < 2) throw new Ctf2Error('bad location: expected [origin, member, ...]', where);
    const origin = originScope(v[0], where);
    return { origin, path: checkPath(v.slice(1), where, false) };
  }
  if (!isJsonObject(v)) {
    throw new Ctf2Error(`bad location: expected an object, got ${jsonTypeName(v)}`, where);
  }
  const p = new Props(v, where);
  const path = checkPath(p.arr('path'), p.at('path'), true);
  const origin = p.raw('origin');
  if (origin === undefined) return { path };
  return { origin: originScope(origin, p.at('origin')), path };
}
