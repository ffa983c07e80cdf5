/**
 * Compiles conditions: and / or / not, comparisons of two values (an event field or the current value at a path
 * against a value, or any two values), named pattern tests, and the pattern-only time conditions (event time in a
 * range, time elapsed since the scenario entered a state).
 *
 * Scope: closures returning booleans; operators and units are checked at compile time.
 */
import { compileValue } from './compile-value';
import { compilePath } from './compile-path';
import { SpecError } from './compile-env';
import type { CompileEnv, CondFn, ValueFn } from './compile-env';
import type { CondSpec, TimeUnit } from './spec-types';
import { applyOperator, OPERATORS } from './values';
import type { Operator } from './values';

const UNITS: Record<TimeUnit, bigint> = { ns: 1n, us: 1000n, ms: 1000000n, s: 1000000000n };

function operator(op: string | undefined, where: string): Operator {
  const o = (op ?? 'eq') as Operator;
  if (!OPERATORS.includes(o)) {
    throw new SpecError(where, `operator '${op}' is not one of ${OPERATORS.join(', ')}`);
  }
  return o;
}

function unit(u: string | undefined, where: string): bigint {
  const m = UNITS[(u ?? 'ns') as TimeUnit];
  if (m === undefined) {
    throw new SpecError(where, `unit '${u}' is not one of ${Object.keys(UNITS).join(', ')}`);
  }
  return m;
}

function integer(v: number | string, where: string): bigint {
  const s = String(v).trim();
  if (!/^-?\d+$/.test(s)) throw new SpecError(where, `'${v}' is not an integer`);
  return BigInt(s);
}

function comparison(left: ValueFn, op: Operator, right: ValueFn): CondFn {
  return c => applyOperator(op, left(c), right(c));
}

function timeCond(spec: Extract<CondSpec, { timeRange: unknown }>, where: string): CondFn {
  const r = spec.timeRange;
  const m = unit(r.unit, where);
  const b = integer(r.begin, where) * m;
  const e = integer(r.end, where) * m;
  const out = r.out === true;
  return c => (c.ts >= b && c.ts <= e) !== out;
}

function elapsedCond(spec: Extract<CondSpec, { elapsed: unknown }>, where: string): CondFn {
  const el = spec.elapsed;
  const m = unit(el.unit, where);
  const v = integer(el.value, where) * m;
  const op = el.op;
  if (op !== 'lt' && op !== 'eq' && op !== 'gt') {
    throw new SpecError(where, `elapsed op must be lt, eq or gt`);
  }
  const since = el.since;
  return c => {
    const t0 = c.scenario?.entered(since);
    if (t0 === undefined) return false;
    const d = c.ts - t0;
    return op === 'lt' ? d < v : op === 'gt' ? d > v : d === v;
  };
}

export function compileCond(spec: CondSpec, env: CompileEnv, where: string): CondFn {
  if (spec === null || typeof spec !== 'object') throw new SpecError(where, 'a condition must be an object');
  if ('and' in spec) {
    const fs = spec.and.map((s, k) => compileCond(s, env, `${where}.and[${k}]`));
    return c => fs.every(f => f(c));
  }
  if ('or' in spec) {
    const fs = spec.or.map((s, k) => compileCond(s, env, `${where}.or[${k}]`));
    return c => fs.some(f => f(c));
  }
  if ('not' in spec) {
    const f = compileCond(spec.not, env, `${where}.not`);
    return c => !f(c);
  }
  if ('test' in spec) return env.test(spec.test, where);
  if ('timeRange' in spec) return timeCond(spec, where);
  if ('elapsed' in spec) return elapsedCond(spec, where);
  if ('left' in spec) {
    const op = operator(spec.op, where);
    return comparison(
      compileValue(spec.left, env, `${where}.left`),
      op,
      compileValue(spec.right, env, `${where}.right`)
    );
  }
  if ('field' in spec) {
    const op = operator(spec.op, where);
    return comparison(
      env.fields.eventFieldReader(spec.field),
      op,
      compileValue(spec.value, env, `${where}.value`)
    );
  }
  if ('path' in spec) {
    const op = operator(spec.op, where);
    const p = compilePath(spec.path, env, `${where}.path`, false);
    const left: ValueFn = c => {
      const q = p(c);
      return q < 0 ? null : env.ss.ongoing(q);
    };
    return comparison(left, op, compileValue(spec.value, env, `${where}.value`));
  }
  throw new SpecError(where, `unknown condition ${JSON.stringify(spec)}`);
}
