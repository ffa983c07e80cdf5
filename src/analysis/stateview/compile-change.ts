/**
 * Compiles state changes: set (optionally retroactive `update`), add (increment), stack push / pop / popAll,
 * subtree removal and if/then/else; a change with `at` is resolved now and queued for that later time (applied now
 * when `at` is the event time, dropped when earlier), as Trace Compass's futureTime.
 *
 * Scope: closures over the state system; an invalid path skips the change.
 */
import { compileCond } from './compile-cond';
import { compilePath } from './compile-path';
import { compileValue } from './compile-value';
import { SpecError } from './compile-env';
import type { ChangeFn, CompileEnv, ValueFn } from './compile-env';
import type { ChangeSpec } from './spec-types';
import { addValues, negate, toTime } from './values';
import type { Value } from './values';

/** What a change does to attribute `q` at time `t` with the value `x` resolved at the event. */
type Op = (t: bigint, q: number, x: Value) => void;

function operation(
  spec: Extract<ChangeSpec, { path: unknown }>,
  env: CompileEnv,
  where: string
): { op: Op; value?: ValueFn } {
  const ss = env.ss;
  const val = (key: string, v: unknown): ValueFn => compileValue(v as never, env, `${where}.${key}`);
  const add: Op = (t, q, x) => {
    const r = addValues(ss.ongoing(q), x);
    if (r !== undefined) ss.modify(t, q, r);
  };
  if ('set' in spec) {
    const op: Op = spec.update === true ? (_t, q, x) => ss.update(q, x) : (t, q, x) => ss.modify(t, q, x);
    return { op, value: val('set', spec.set) };
  }
  if ('add' in spec) return { op: add, value: val('add', spec.add) };
  if ('sub' in spec) {
    const v = val('sub', spec.sub);
    return { op: add, value: c => negate(v(c)) };
  }
  if ('push' in spec) return { op: (t, q, x) => ss.push(t, q, x), value: val('push', spec.push) };
  if ('pop' in spec) return { op: (t, q) => void ss.pop(t, q) };
  if ('popAll' in spec) return { op: (t, q) => ss.popAll(t, q) };
  if ('remove' in spec) return { op: (t, q) => ss.remove(t, q) };
  throw new SpecError(where, 'a change needs one of set, add, sub, push, pop, popAll, remove (or if/then)');
}

function compileOne(spec: ChangeSpec, env: CompileEnv, where: string): ChangeFn {
  if (spec === null || typeof spec !== 'object') throw new SpecError(where, 'a change must be an object');
  if ('if' in spec) {
    const cond = compileCond(spec.if, env, `${where}.if`);
    const yes = compileChanges(spec.then ?? [], env, `${where}.then`);
    const no = compileChanges(spec.else ?? [], env, `${where}.else`);
    return c => (cond(c) ? yes(c) : no(c));
  }
  if (!('path' in spec)) throw new SpecError(where, "a change needs a 'path' (or 'if')");
  const path = compilePath(spec.path, env, `${where}.path`);
  const { op, value } = operation(spec, env, where);
  if (spec.at === undefined) {
    if (value === undefined) {
      return c => {
        const q = path(c);
        if (q >= 0) op(c.ts, q, null);
      };
    }
    return c => {
      const q = path(c);
      if (q >= 0) op(c.ts, q, value(c));
    };
  }
  const at = compileValue(spec.at, env, `${where}.at`);
  return c => {
    const q = path(c);
    if (q < 0) return;
    const x = value === undefined ? null : value(c);
    const t = toTime(at(c));
    if (t === undefined || t < c.ts) return;
    if (t === c.ts) op(t, q, x);
    else env.schedule({ time: t, apply: tt => op(tt, q, x) });
  };
}

/** One closure running the changes in order. */
export function compileChanges(list: readonly ChangeSpec[], env: CompileEnv, where: string): ChangeFn {
  if (!Array.isArray(list)) throw new SpecError(where, 'changes must be a list');
  const fns = list.map((s, k) => compileOne(s, env, `${where}[${k}]`));
  if (fns.length === 1) return fns[0];
  return c => {
    for (const f of fns) f(c);
  };
}
