/**
 * Compiles attribute paths into closures returning a quark: each element moves from the current attribute to a
 * child named by a constant, an event field, a built-in, a queried value or a computed value; locations expand in
 * place; `{ scenario: true }` jumps to the running scenario's attribute and `{ pool: true }` borrows a pooled child.
 *
 * Scope: missing attributes are created while resolving (Trace Compass does the same); a null name makes the path
 * invalid (`INVALID`), and callers skip the change or read null.
 */
import { compileValue } from './compile-value';
import { INVALID, SpecError } from './compile-env';
import type { CompileEnv, PathFn } from './compile-env';
import type { Ctx } from './event-access';
import { pathElements, TemplateError } from './path-template';
import type { PathElement, PathSpec } from './spec-types';
import { ROOT } from './state-system';
import { nameOf } from './values';
import type { Value } from './values';

type Step = (c: Ctx, q: number) => number;

function elementWhere(where: string, k: number): string {
  return `${where}[${k}]`;
}

function flatten(spec: PathSpec, env: CompileEnv, where: string, seen: Set<string>): PathElement[] {
  let els: PathElement[];
  try {
    els = pathElements(spec);
  } catch (e) {
    if (e instanceof TemplateError) throw new SpecError(where, e.message);
    throw e;
  }
  const out: PathElement[] = [];
  els.forEach((el, k) => {
    if (typeof el === 'object' && el !== null && 'location' in el) {
      const w = elementWhere(where, k);
      if (seen.has(el.location)) throw new SpecError(w, `location '${el.location}' refers to itself`);
      const inner = new Set(seen).add(el.location);
      out.push(...flatten(env.location(el.location, w), env, `location '${el.location}'`, inner));
    } else out.push(el);
  });
  return out;
}

function named(env: CompileEnv, value: (c: Ctx) => Value, create: boolean): Step {
  const ss = env.ss;
  return (c, q) => {
    const name = nameOf(value(c));
    if (name === undefined) return INVALID;
    if (create) return ss.child(q, name);
    const k = ss.find(q, name);
    return k < 0 ? INVALID : k;
  };
}

function step(el: PathElement, env: CompileEnv, where: string, create: boolean): Step {
  const ss = env.ss;
  if (typeof el === 'string') {
    const name = env.define(el);
    if (create) return (_c, q) => ss.child(q, name);
    return (_c, q) => {
      const k = ss.find(q, name);
      return k < 0 ? INVALID : k;
    };
  }
  if (el === null || typeof el !== 'object') {
    throw new SpecError(where, 'a path element must be a string or an object');
  }
  if ('field' in el) {
    return named(env, env.fields.eventFieldReader(el.field), create);
  }
  if ('builtin' in el) {
    return named(env, env.fields.builtinReader(el.builtin), create);
  }
  if ('query' in el) {
    const inner = compilePath(el.query, env, `${where}.query`, false);
    return named(
      env,
      c => {
        const q = inner(c);
        return q < 0 ? null : ss.ongoing(q);
      },
      create
    );
  }
  if ('value' in el) return named(env, compileValue(el.value, env, `${where}.value`), create);
  if ('pool' in el) return (c, q) => (c.scenario ? c.scenario.pool(q) : INVALID);
  if ('scenario' in el) return c => (c.scenario ? c.scenario.quark : INVALID);
  if ('self' in el) return (_c, q) => q;
  throw new SpecError(where, `unknown path element ${JSON.stringify(el)}`);
}

/**
 * A closure resolving `spec` from the root (ROOT for an empty path, INVALID when an element is null). A path that
 * is only read (`write` false) creates no attribute unless the spec asks for it (`createOnRead`, as Trace Compass
 * does); a missing attribute then makes it INVALID.
 */
export function compilePath(spec: PathSpec, env: CompileEnv, where: string, write = true): PathFn {
  const create = write || env.spec.createOnRead === true;
  const els = flatten(spec, env, where, new Set());
  // A leading run of literal names resolves to the same quark every time: cache it once it exists.
  let n = 0;
  while (n < els.length && typeof els[n] === 'string') n++;
  const prefix = els.slice(0, n).map(e => env.define(e as string));
  const steps = els.slice(n).map((el, k) => step(el, env, elementWhere(where, n + k), create));
  let base = INVALID;
  const start = (): number => {
    if (base === INVALID) {
      let q = ROOT;
      for (const name of prefix) {
        q = create ? env.ss.child(q, name) : env.ss.find(q, name);
        if (q < 0) return INVALID;
      }
      base = q;
    }
    return base;
  };
  if (steps.length === 0) return start;
  if (steps.length === 1) {
    const s0 = steps[0];
    return c => {
      const q = start();
      return q === INVALID ? INVALID : s0(c, q);
    };
  }
  return c => {
    let q = start();
    if (q === INVALID) return INVALID;
    for (const s of steps) {
      q = s(c, q);
      if (q === INVALID) return INVALID;
    }
    return q;
  };
}
