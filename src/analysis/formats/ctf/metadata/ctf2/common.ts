/**
 * Properties shared by every CTF 2 fragment and field class: `attributes` (kept, never interpreted) and
 * `extensions` (refused: tracelab supports no CTF 2 extension, and the spec says a consumer that does not
 * support a declared extension must not consume the trace).
 *
 * Also accepts the pre-2.0 draft spelling `user-attributes` (babeltrace2/barectf CTF 2 drafts, e.g. the
 * Trace Compass `CTF2-7.0-*` traces).
 */

import type { JsonValue } from './json-parse';
import { isJsonObject, objectKeys } from './json-parse';
import type { Props } from './json-access';

/** A plain copy of an attributes object; undefined when absent or empty. */
export function readAttributes(p: Props): Record<string, unknown> | undefined {
  const name = p.has('attributes') ? 'attributes' : p.has('user-attributes') ? 'user-attributes' : undefined;
  if (name === undefined) return undefined;
  const attrs = p.object(name);
  return objectKeys(attrs.obj).length === 0 ? undefined : (toPlain(attrs.obj) as Record<string, unknown>);
}

/** A JSON value as plain JS data (ordinary objects with keys in text order; big integers stay bigint). */
function toPlain(v: JsonValue): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (!isJsonObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of objectKeys(v)) out[k] = toPlain(v[k]);
  return out;
}

/** The `namespace/name` of every extension in an `extensions` object (checking its shape). */
function extensionNames(p: Props): string[] {
  const exts = p.optObject('extensions');
  if (!exts) return [];
  const names: string[] = [];
  for (const ns of objectKeys(exts.obj)) {
    const nsObj: JsonValue = exts.obj[ns];
    if (!isJsonObject(nsObj)) return exts.fail(`namespaced extensions "${ns}" must be an object`, ns);
    for (const name of objectKeys(nsObj)) names.push(`${ns}/${name}`);
  }
  return names;
}

/** Preamble: refuses any declared extension. */
export function checkDeclaredExtensions(p: Props): void {
  const names = extensionNames(p);
  if (names.length > 0) {
    p.fail(`unsupported extension${names.length > 1 ? 's' : ''} declared: ${names.join(', ')}`, 'extensions');
  }
}

/** Any other object: an extension here must have been declared in the preamble, which we refuse anyway. */
export function checkExtensions(p: Props): void {
  const names = extensionNames(p);
  if (names.length > 0) p.fail(`unsupported extension used: ${names.join(', ')}`, 'extensions');
}
