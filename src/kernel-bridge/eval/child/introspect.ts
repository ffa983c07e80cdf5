/**
 * Completion and inspection from the live global scope, without running user code: only dotted names are
 * looked up (`a.b.c`, property reads), never calls or arbitrary expressions.
 */
import { inspect } from 'node:util';
import type { ICompletion, IInspection } from '../../handler/evaluator';
import { docOf } from '../../api/doc';

const KEYWORDS = (
  'await break case catch class const continue debugger default delete do else enum export extends false ' +
  'finally for function if import in instanceof interface let new null return static super switch this throw ' +
  'true try type typeof undefined var void while with yield async of as keyof readonly declare namespace'
).split(' ');

const IDENT = /[A-Za-z_$][\w$]*/;
const MEMBER_BEFORE = new RegExp(
  `(${IDENT.source}(?:\\s*\\??\\.\\s*${IDENT.source})*)\\s*\\??\\.\\s*(${IDENT.source})?$`
);

/** Value of a dotted path on the global object, or `{ found: false }`. Getters may run. */
export function lookup(path: string, root: object = globalThis): { found: boolean; value?: unknown } {
  let v: unknown = root;
  for (const name of path.split('.').map(s => s.trim().replace(/^\?/, ''))) {
    if (v === null || v === undefined) return { found: false };
    const o = Object(v) as Record<string, unknown>;
    if (!(name in o)) return { found: false };
    try {
      v = o[name];
    } catch {
      return { found: false };
    }
  }
  return { found: true, value: v };
}

/** Property names along the prototype chain (index keys of arrays, strings and typed arrays skipped). */
export function propertyNames(v: unknown): string[] {
  const names = new Set<string>();
  for (let o: unknown = Object(v); o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    const skipOwn = Array.isArray(o) || ArrayBuffer.isView(o) || o instanceof String;
    if (!skipOwn) for (const k of Object.getOwnPropertyNames(o)) names.add(k);
  }
  return [...names].filter(n => /^[A-Za-z_$][\w$]*$/.test(n));
}

/** Completions at `cursor` (UTF-16 index). */
export function complete(code: string, cursor: number, root: object = globalThis): ICompletion {
  const before = code.slice(0, cursor);
  const member = MEMBER_BEFORE.exec(before);
  let prefix: string;
  let candidates: string[];
  if (member) {
    prefix = member[2] ?? '';
    const target = lookup(member[1], root);
    candidates = target.found ? propertyNames(target.value) : [];
  } else {
    prefix = /[A-Za-z_$][\w$]*$/.exec(before)?.[0] ?? '';
    const inCode = code.match(/[A-Za-z_$][\w$]*/g) ?? [];
    candidates = [...propertyNames(root), ...KEYWORDS, ...inCode.filter(w => w !== prefix)];
  }
  const matches = [...new Set(candidates)]
    .filter(n => n.startsWith(prefix) && !n.startsWith('__tl'))
    .sort((a, b) => a.localeCompare(b));
  return { matches, cursorStart: cursor - prefix.length, cursorEnd: cursor };
}

/** The dotted name around `cursor` (or just before a `(` at the cursor). */
export function nameAt(code: string, cursor: number): string {
  let end = cursor;
  while (end < code.length && /[\w$]/.test(code[end])) end++;
  let probe = code.slice(0, end);
  if (end === cursor) probe = probe.replace(/\(\s*$/, '');
  const m = /[A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*$/.exec(probe);
  return m ? m[0].replace(/\s+/g, '') : '';
}

/** Inspection text for the name at `cursor`: type, help text, signature and value (source at detail 1). */
export function inspectAt(
  code: string,
  cursor: number,
  detail: number,
  root: object = globalThis
): IInspection {
  const name = nameAt(code, cursor);
  const hit = name ? lookup(name, root) : { found: false };
  if (!hit.found) return { found: false, data: {} };
  const v = hit.value;
  const lines = [`${name}: ${typeName(v)}`];
  const doc = docOf(v);
  if (doc) lines.push('', doc);
  if (typeof v === 'function') {
    const src = Function.prototype.toString.call(v);
    lines.push('', detail > 0 ? src : signature(src));
  } else {
    lines.push('', inspect(v, { depth: detail > 0 ? 3 : 1, maxArrayLength: 20, breakLength: 100 }));
  }
  return { found: true, data: { 'text/plain': lines.join('\n') } };
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'function') {
    return /^class\b/.test(Function.prototype.toString.call(v)) ? 'class' : 'function';
  }
  if (typeof v === 'object') return (v.constructor as { name?: string } | undefined)?.name ?? 'object';
  return typeof v;
}

/** First line of a function's source up to its body. */
function signature(src: string): string {
  const first = src.split('\n')[0];
  const body = first.search(/\{|=>/);
  return (body > 0 ? first.slice(0, body) : first).trim();
}
