/**
 * Compiles a pattern (finite-state machines) into runtime structures: transitions with event matchers and
 * conditions, named tests and actions (an action is a list of state changes, segments and other actions),
 * states with entry/exit actions, and the FSM options (multiple, consuming, preconditions, initial state).
 *
 * Scope: checks references (undefined tests, actions, states are errors) and resolves the initial state.
 */
import { compileChanges } from './compile-change';
import { compileCond } from './compile-cond';
import { SpecError } from './compile-env';
import type { CompileEnv, CondFn } from './compile-env';
import type { Ctx } from './event-access';
import { ClassMatcher } from './glob';
import { compileSegment } from './segments';
import type { Segment } from './segments';
import type { ActionItem, FsmSpec, PatternSpec, TransitionSpec } from './spec-types';

export type ActionFn = (c: Ctx) => void;

export interface CTransition {
  readonly events: ClassMatcher;
  readonly cond: CondFn | undefined;
  readonly target: string;
  readonly action: ActionFn | undefined;
}

export interface CState {
  readonly id: string;
  readonly transitions: CTransition[];
  readonly onEntry: ActionFn | undefined;
  readonly onExit: ActionFn | undefined;
  readonly final: boolean;
}

export interface CFsm {
  readonly id: string;
  readonly multiple: boolean;
  readonly consuming: boolean;
  readonly preconditions: CTransition[];
  /** The state a new scenario is in (PSEUDO when `initialTransitions` are given). */
  readonly initial: string;
  readonly states: Map<string, CState>;
}

export interface CPattern {
  readonly id: string;
  readonly fsms: CFsm[];
  /** FSMs started at the first event. */
  readonly initial: CFsm[];
}

/** The state of a scenario that has not taken its first `initialTransitions` transition yet. */
export const PSEUDO = '';

function sequence(fns: ActionFn[]): ActionFn | undefined {
  if (fns.length === 0) return undefined;
  if (fns.length === 1) return fns[0];
  return c => {
    for (const f of fns) f(c);
  };
}

class PatternCompiler {
  private readonly actions = new Map<string, ActionFn>();
  private readonly building = new Set<string>();

  constructor(
    private readonly spec: PatternSpec,
    private readonly env: CompileEnv,
    private readonly segments: Segment[]
  ) {}

  action(name: string, where: string): ActionFn {
    const done = this.actions.get(name);
    if (done) return done;
    const items = this.spec.actions?.[name];
    if (items === undefined) throw new SpecError(where, `action '${name}' is not defined`);
    if (this.building.has(name)) throw new SpecError(where, `action '${name}' includes itself`);
    this.building.add(name);
    const fn = this.items(items, `action '${name}'`) ?? (() => undefined);
    this.building.delete(name);
    this.actions.set(name, fn);
    return fn;
  }

  items(items: readonly (string | ActionItem)[], where: string): ActionFn | undefined {
    return sequence(
      items.map((it, k) => {
        const w = `${where}[${k}]`;
        if (typeof it === 'string') return this.action(it, w);
        if ('action' in it) return this.action(it.action, w);
        if ('segment' in it) return compileSegment(it.segment, this.spec.id, this.env, w, this.segments);
        return compileChanges([it], this.env, w);
      })
    );
  }

  transition(t: TransitionSpec, states: ReadonlySet<string> | undefined, where: string): CTransition {
    if (states !== undefined && !states.has(t.target)) {
      throw new SpecError(where, `target state '${t.target}' is not defined`);
    }
    const events = new ClassMatcher(t.event ? t.event.split('|') : [], this.env.fields.exp);
    let cond: CondFn | undefined;
    if (Array.isArray(t.cond)) {
      const fs = t.cond.map(name => this.env.test(name, where));
      cond = fs.length === 0 ? undefined : fs.length === 1 ? fs[0] : c => fs.every(f => f(c));
    } else if (t.cond !== undefined) cond = compileCond(t.cond, this.env, `${where}.cond`);
    return { events, cond, target: t.target, action: this.items(t.actions ?? [], `${where}.actions`) };
  }

  fsm(f: FsmSpec, where: string): CFsm {
    const ids = Object.keys(f.states ?? {});
    const finals = new Set(f.final ?? []);
    const all = new Set([...ids, ...finals]);
    const states = new Map<string, CState>();
    const named = (list: string[] | undefined, w: string): ActionFn | undefined =>
      sequence((list ?? []).map((a, k) => this.action(a, `${w}[${k}]`)));
    for (const id of all) {
      const s = f.states?.[id] ?? {};
      const w = `${where}.states.${id}`;
      const transitions = (s.transitions ?? []).map((t, k) =>
        this.transition(t, all, `${w}.transitions[${k}]`)
      );
      const final = finals.has(id) || transitions.length === 0;
      states.set(id, {
        id,
        transitions,
        onEntry: named(s.onEntry, `${w}.onEntry`),
        onExit: named(s.onExit, `${w}.onExit`),
        final
      });
    }
    let initial = f.initial ?? ids[0];
    if (f.initialTransitions !== undefined) {
      const transitions = f.initialTransitions.map((t, k) =>
        this.transition(t, all, `${where}.initialTransitions[${k}]`)
      );
      states.set(PSEUDO, { id: PSEUDO, transitions, onEntry: undefined, onExit: undefined, final: false });
      initial = PSEUDO;
    } else if (initial === undefined || !all.has(initial)) {
      throw new SpecError(
        where,
        initial === undefined ? 'the FSM has no state' : `initial state '${initial}' is not defined`
      );
    }
    const preconditions = (f.preconditions ?? []).map((t, k) =>
      this.transition({ ...t, target: t.target ?? '' }, undefined, `${where}.preconditions[${k}]`)
    );
    return {
      id: f.id,
      multiple: f.multiple !== false,
      consuming: f.consuming !== false,
      preconditions,
      initial,
      states
    };
  }
}

export function compilePattern(
  spec: PatternSpec,
  env: CompileEnv,
  where: string,
  segments: Segment[]
): CPattern {
  if (!Array.isArray(spec.fsms) || spec.fsms.length === 0) throw new SpecError(where, 'a pattern needs fsms');
  env.useTests(spec.tests ?? {});
  const pc = new PatternCompiler(spec, env, segments);
  const fsms = spec.fsms.map((f, k) => pc.fsm(f, `${where}.fsms[${k}] '${f.id}'`));
  const initial = (spec.initial ?? fsms.map(f => f.id)).map(id => {
    const f = fsms.find(x => x.id === id);
    if (f === undefined) throw new SpecError(`${where}.initial`, `FSM '${id}' is not defined`);
    return f;
  });
  return { id: spec.id, fsms, initial };
}
