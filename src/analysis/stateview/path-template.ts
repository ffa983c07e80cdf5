/**
 * Attribute-path templates of the native language: `'Ranks/{rank}/Status'`, `'Threads/{$tid}/Memory'`,
 * `'{@CurrentThread}/Status'`, `'rank-{rank}'` — parsed into path elements once.
 *
 * Scope: syntax only. `{name}` = event field, `{$builtin}` = built-in, `{@loc}` (a whole element) = location.
 */
import type { Builtin, PathElement, PathSpec } from './spec-types';

const BUILTINS: readonly Builtin[] = ['event', 'tid', 'pid', 'cpu', 'host', 'procname', 'timestamp'];

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** A template part: literal text or a substitution. */
export type TemplatePart = string | { field: string } | { builtin: Builtin };

/** Splits `text` into literal parts and `{…}` substitutions (`{{` and `}}` are literal braces). */
export function parseTemplate(text: string): TemplatePart[] {
  const out: TemplatePart[] = [];
  let lit = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if ((c === '{' || c === '}') && text[i + 1] === c) {
      lit += c;
      i += 2;
      continue;
    }
    if (c === '}') throw new TemplateError(`unmatched '}' in "${text}"`);
    if (c !== '{') {
      lit += c;
      i++;
      continue;
    }
    const close = text.indexOf('}', i);
    if (close < 0) throw new TemplateError(`unterminated '{' in "${text}"`);
    const name = text.slice(i + 1, close).trim();
    if (name === '') throw new TemplateError(`empty '{}' in "${text}"`);
    if (lit) out.push(lit);
    lit = '';
    if (name.startsWith('$')) {
      const b = name.slice(1) as Builtin;
      if (!BUILTINS.includes(b)) {
        throw new TemplateError(
          `unknown built-in '{${name}}' in "${text}" (${BUILTINS.map(x => '$' + x).join(', ')})`
        );
      }
      out.push({ builtin: b });
    } else out.push({ field: name });
    i = close + 1;
  }
  if (lit || out.length === 0) out.push(lit);
  return out;
}

function element(seg: string): PathElement {
  const loc = /^\{@([^{}]+)\}$/.exec(seg);
  if (loc) return { location: loc[1].trim() };
  const parts = parseTemplate(seg);
  if (parts.length === 1) {
    const p = parts[0];
    return typeof p === 'string' ? p : p;
  }
  return { value: { template: seg } };
}

/** Path elements of a path spec (a template string is split on `/`; arrays are returned as they are). */
export function pathElements(spec: PathSpec): PathElement[] {
  if (Array.isArray(spec)) return spec;
  if (spec === '') return [];
  return spec.split('/').map(element);
}
