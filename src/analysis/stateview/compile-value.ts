/**
 * Compiles value specs into closures: constants (with `$define` substitution), event fields, built-ins, queries of
 * the current state, stack tops, string templates and script expressions, then the `map` and `as` modifiers.
 *
 * Scope: values only; conditions and changes use these closures.
 */
import { compilePath } from './compile-path';
import { SpecError } from './compile-env';
import type { CompileEnv, ValueFn } from './compile-env';
import { parseTemplate, TemplateError } from './path-template';
import { compileScript, ScriptError } from './script';
import type { ScriptValue } from './script';
import type { ValueSpec } from './spec-types';
import {
  compareValues,
  constantValue,
  Dbl,
  forceType,
  intValue,
  isNumeric,
  numberValue,
  valueString
} from './values';
import type { ForcedType, Value } from './values';

function parseInteger(text: string | number, type: 'int' | 'long', where: string): Value {
  const s = String(text).trim();
  if (!/^[-+]?\d+$/.test(s)) throw new SpecError(where, `${type} value '${text}' is not an integer`);
  const b = BigInt(s);
  if (type === 'int' && (b < -2147483648n || b > 2147483647n)) {
    throw new SpecError(where, `int value '${text}' is out of range`);
  }
  return intValue(b);
}

function constant(v: Value): ValueFn {
  return () => v;
}

function fromScript(v: ScriptValue): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return numberValue(v);
  if (typeof v === 'bigint') return intValue(v);
  return v;
}

function toScript(v: Value): ScriptValue {
  return v instanceof Dbl ? v.v : v;
}

function templateFn(text: string, env: CompileEnv, where: string): ValueFn {
  let parts;
  try {
    parts = parseTemplate(text);
  } catch (e) {
    if (e instanceof TemplateError) throw new SpecError(where, e.message);
    throw e;
  }
  const fns = parts.map(p =>
    typeof p === 'string'
      ? constant(p)
      : 'field' in p
        ? env.fields.eventFieldReader(p.field)
        : env.fields.builtinReader(p.builtin)
  );
  return c => fns.map(f => valueString(f(c))).join('');
}

function scriptFn(src: string, vars: Record<string, ValueSpec>, env: CompileEnv, where: string): ValueFn {
  let run;
  try {
    run = compileScript(src);
  } catch (e) {
    if (e instanceof ScriptError) throw new SpecError(where, e.message);
    throw e;
  }
  const names = Object.keys(vars);
  const fns = names.map(n => compileValue(vars[n], env, `${where}.vars.${n}`));
  return c => {
    const vals = fns.map(f => toScript(f(c)));
    return fromScript(
      run(name => {
        const k = names.indexOf(name);
        if (k < 0) throw new Error(`unknown variable ${name}`);
        return vals[k];
      })
    );
  };
}

/** Values a mapping key matches: numbers with numbers, anything else by string form; null never matches. */
function keyMatches(key: Value, v: Value): boolean {
  if (key === null || v === null) return false;
  if (isNumeric(key) !== isNumeric(v)) return false;
  return compareValues(key, v) === 0;
}

function base(
  spec: Exclude<ValueSpec, null | number | string | boolean>,
  env: CompileEnv,
  where: string
): ValueFn {
  const ss = env.ss;
  if ('int' in spec) return constant(parseInteger(env.define(String(spec.int)), 'int', where));
  if ('long' in spec) return constant(parseInteger(env.define(String(spec.long)), 'long', where));
  if ('double' in spec) {
    const d = Number(env.define(String(spec.double)));
    if (Number.isNaN(d)) throw new SpecError(where, `double value '${spec.double}' is not a number`);
    return constant(new Dbl(d));
  }
  if ('string' in spec) return constant(env.define(spec.string));
  if ('null' in spec) return constant(null);
  if ('field' in spec) {
    return env.fields.eventFieldReader(spec.field);
  }
  if ('builtin' in spec) {
    return env.fields.builtinReader(spec.builtin);
  }
  if ('query' in spec) {
    const p = compilePath(spec.query, env, `${where}.query`, false);
    return c => {
      const q = p(c);
      return q < 0 ? null : ss.ongoing(q);
    };
  }
  if ('peek' in spec) {
    const p = compilePath(spec.peek, env, `${where}.peek`, false);
    return c => {
      const q = p(c);
      return q < 0 ? null : ss.peek(q);
    };
  }
  if ('template' in spec) return templateFn(spec.template, env, where);
  if ('script' in spec) return scriptFn(spec.script, spec.vars ?? {}, env, where);
  throw new SpecError(where, `unknown value ${JSON.stringify(spec)}`);
}

const FORCED: readonly ForcedType[] = ['int', 'long', 'double', 'string'];

/** A closure computing `spec` for the current event. */
export function compileValue(spec: ValueSpec, env: CompileEnv, where: string): ValueFn {
  if (spec === null || typeof spec !== 'object') {
    if (spec === undefined) throw new SpecError(where, 'missing value');
    return constant(constantValue(typeof spec === 'string' ? env.define(spec) : spec));
  }
  let fn = base(spec, env, where);
  if (spec.map !== undefined) {
    const entries = env
      .mapping(spec.map, where)
      .map(([k, v], j) => [
        compileValue(k, env, `mapping '${spec.map}'[${j}][0]`),
        compileValue(v, env, `mapping '${spec.map}'[${j}][1]`)
      ]);
    const inner = fn;
    fn = c => {
      const v = inner(c);
      for (const [k, r] of entries) if (keyMatches(k(c), v)) return r(c);
      return null;
    };
  }
  if (spec.as !== undefined) {
    const as = spec.as;
    if (!FORCED.includes(as)) throw new SpecError(where, `'as' must be one of ${FORCED.join(', ')}`);
    const inner = fn;
    fn = c => forceType(inner(c), as);
  }
  return fn;
}
