/**
 * Runs compiled patterns: scenarios of each FSM (at most one pending — not started — plus active ones), offered
 * every event in creation order; a scenario takes the first transition whose event and condition match, running
 * the source's exit actions, the transition's actions and the target's entry actions; it ends in a final state.
 *
 * Scope: Trace Compass's runtime rules (multiple, consuming, preconditions, initial FSMs), attribute pools owned by
 * scenarios (released when they end) and the scenario bookkeeping attributes `scenarios/<fsm>/<n>/{status,state,
 * startTime}` (removed when the scenario ends).
 */
import type { Ctx, ScenarioRef } from './event-access';
import type { CFsm, CPattern, CState, CTransition } from './fsm-compile';
import { PSEUDO } from './fsm-compile';
import { ROOT } from './state-system';
import type { StateSystem } from './state-system';

/** Lowest-free-index children of a parent attribute, shared by the scenarios of one analysis. */
export class AttributePools {
  private readonly used = new Map<number, boolean[]>();

  constructor(private readonly ss: StateSystem) {}

  take(parent: number): number {
    let slots = this.used.get(parent);
    if (slots === undefined) this.used.set(parent, (slots = []));
    let k = slots.indexOf(false);
    if (k < 0) k = slots.length;
    slots[k] = true;
    return this.ss.child(parent, String(k));
  }

  release(t: bigint, quark: number): void {
    const slots = this.used.get(this.ss.parent(quark));
    if (slots) slots[Number(this.ss.name(quark))] = false;
    this.ss.remove(t, quark);
  }
}

class Scenario implements ScenarioRef {
  state: string;
  pending = true;
  startTime: bigint | undefined;
  private readonly enteredAt = new Map<string, bigint>();
  private readonly owned = new Map<number, number>();

  constructor(
    readonly quark: number,
    initial: string,
    t: bigint,
    private readonly pools: AttributePools
  ) {
    this.state = initial;
    this.enteredAt.set(initial, t);
  }

  entered(state: string): bigint | undefined {
    return this.enteredAt.get(state);
  }

  enter(state: string, t: bigint): void {
    this.state = state;
    this.enteredAt.set(state, t);
  }

  pool(parent: number): number {
    let q = this.owned.get(parent);
    if (q === undefined) {
      q = this.pools.take(parent);
      this.owned.set(parent, q);
    }
    return q;
  }

  releasePools(t: bigint): void {
    for (const q of this.owned.values()) this.pools.release(t, q);
    this.owned.clear();
  }
}

function matches(t: CTransition, c: Ctx): boolean {
  return t.events.matches(c.classId) && (t.cond === undefined || t.cond(c));
}

class FsmRunner {
  private pending: Scenario | undefined;
  private readonly active: Scenario[] = [];
  private created = false;
  private readonly base: number;

  constructor(
    private readonly fsm: CFsm,
    private readonly ss: StateSystem,
    private readonly pools: AttributePools
  ) {
    this.base = ss.child(ss.child(ROOT, 'scenarios'), fsm.id);
  }

  private create(c: Ctx): Scenario {
    const s = new Scenario(this.pools.take(this.base), this.fsm.initial, c.ts, this.pools);
    this.ss.modify(c.ts, this.ss.child(s.quark, 'status'), 'pending');
    this.created = true;
    return s;
  }

  handle(c: Ctx): void {
    if (this.pending === undefined && (this.fsm.multiple || !this.created)) this.pending = this.create(c);
    const pre = this.fsm.preconditions;
    if (pre.length > 0 && !pre.some(p => matches(p, c))) return;
    const order = this.pending ? [...this.active, this.pending] : [...this.active];
    for (const s of order) {
      c.scenario = s;
      const state = this.fsm.states.get(s.state);
      const tr = state?.transitions.find(t => matches(t, c));
      if (state && tr) {
        this.take(s, state, tr, c);
        if (this.fsm.consuming) break;
      }
    }
    c.scenario = undefined;
  }

  private take(s: Scenario, from: CState, tr: CTransition, c: Ctx): void {
    const ss = this.ss;
    if (s.pending) {
      s.pending = false;
      s.startTime = c.ts;
      if (this.pending === s) this.pending = undefined;
      this.active.push(s);
      ss.modify(c.ts, ss.child(s.quark, 'status'), 'in_progress');
      ss.modify(c.ts, ss.child(s.quark, 'startTime'), c.ts <= 9007199254740991n ? Number(c.ts) : c.ts);
    }
    if (from.id !== PSEUDO) from.onExit?.(c);
    tr.action?.(c);
    const to = this.fsm.states.get(tr.target)!;
    s.enter(to.id, c.ts);
    ss.modify(c.ts, ss.child(s.quark, 'state'), to.id);
    to.onEntry?.(c);
    if (to.final) {
      this.active.splice(this.active.indexOf(s), 1);
      s.releasePools(c.ts);
      this.pools.release(c.ts, s.quark);
    }
  }
}

/** The FSMs of one pattern, started at the first event. */
export class PatternRunner {
  private readonly runners: FsmRunner[];

  constructor(pattern: CPattern, ss: StateSystem, pools: AttributePools) {
    this.runners = pattern.initial.map(f => new FsmRunner(f, ss, pools));
  }

  handle(c: Ctx): void {
    for (const r of this.runners) r.handle(c);
  }
}
