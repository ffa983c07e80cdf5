/**
 * `runStateView(exp, spec, opts)`: compiles a declarative spec and runs it over an experiment's events — queued
 * future changes due first, then every matching handler in spec order, then the patterns' FSMs — into a state
 * system and a list of segments.
 *
 * Scope: the event loop and class filtering (only classes some handler or transition can match are decoded, unless
 * a pattern listens to every event). The state system covers [first event or `start`, trace end or `end`].
 */
import type { Experiment } from '../trace/types';
import { compileChanges } from './compile-change';
import { compileCond } from './compile-cond';
import { CompileEnv, SpecError } from './compile-env';
import type { ChangeFn, CondFn } from './compile-env';
import { FieldAccess } from './event-access';
import type { Ctx } from './event-access';
import { compilePattern } from './fsm-compile';
import type { CPattern } from './fsm-compile';
import { AttributePools, PatternRunner } from './fsm-runtime';
import { FutureQueue } from './future-queue';
import { ClassMatcher } from './glob';
import type { Segment } from './segments';
import { sortSegments } from './segments';
import type { StateViewSpec } from './spec-types';
import { StateSystem } from './state-system';

export interface RunOptions {
  /** Inclusive time bounds (ns). */
  start?: bigint;
  end?: bigint;
  /** Only events of these traces (indices in `exp.traces`). */
  traces?: readonly number[];
  batchSize?: number;
}

export interface StateViewResult {
  readonly id: string;
  readonly spec: StateViewSpec;
  readonly ss: StateSystem;
  /** Sorted by start, end, name, fields. */
  readonly segments: readonly Segment[];
  readonly events: number;
}

interface Handler {
  matcher: ClassMatcher;
  when: CondFn | undefined;
  run: ChangeFn;
}

interface Program {
  handlers: Handler[];
  patterns: CPattern[];
  /** Classes to read, or undefined for all. */
  classes: Set<number> | undefined;
}

function compileProgram(spec: StateViewSpec, env: CompileEnv, exp: Experiment, segments: Segment[]): Program {
  if (spec === null || typeof spec !== 'object') throw new SpecError('spec', 'a spec must be an object');
  const handlers = (spec.handlers ?? []).map((h, k): Handler => {
    const w = `handlers[${k}]`;
    if (h.event === undefined) throw new SpecError(w, "a handler needs an 'event' name or pattern");
    const names = Array.isArray(h.event) ? h.event : [h.event];
    return {
      matcher: new ClassMatcher(names, exp),
      when: h.when === undefined ? undefined : compileCond(h.when, env, `${w}.when`),
      run: compileChanges(h.changes ?? [], env, `${w}.changes`)
    };
  });
  const patterns = (spec.patterns ?? []).map((p, k) =>
    compilePattern(p, env, `patterns[${k}] '${p.id}'`, segments)
  );
  const matchers: ClassMatcher[] = handlers.map(h => h.matcher);
  for (const p of patterns) {
    for (const f of p.initial) {
      matchers.push(...f.preconditions.map(t => t.events));
      for (const s of f.states.values()) matchers.push(...s.transitions.map(t => t.events));
    }
  }
  let classes: Set<number> | undefined;
  if (!matchers.some(m => m.all)) {
    classes = new Set();
    for (let id = 0; id < exp.eventClasses.length; id++) {
      if (matchers.some(m => m.matches(id))) classes.add(id);
    }
  }
  return { handlers, patterns, classes };
}

/** Handlers per class, in spec order. */
function handlerTable(program: Program, n: number): Handler[][] {
  return Array.from({ length: n }, (_, c) => program.handlers.filter(h => h.matcher.matches(c)));
}

export function runStateView(exp: Experiment, spec: StateViewSpec, opts: RunOptions = {}): StateViewResult {
  const ss = new StateSystem();
  const futures = new FutureQueue();
  const segments: Segment[] = [];
  const fields = new FieldAccess(exp);
  const env = new CompileEnv(spec, fields, ss, f => futures.push(f), compileCond);
  const program = compileProgram(spec, env, exp, segments);
  const range = exp.timeRange();
  let classes = program.classes;
  if (opts.traces !== undefined) {
    const keep = new Set(opts.traces);
    const all = classes ?? new Set(exp.eventClasses.map(c => c.id));
    classes = new Set([...all].filter(id => keep.has(exp.eventClasses[id].traceIndex)));
  }
  const runners = program.patterns.map(p => new PatternRunner(p, ss, new AttributePools(ss)));
  const handlersOf = handlerTable(program, exp.eventClasses.length);
  const wanted = new Uint8Array(exp.eventClasses.length).fill(classes === undefined ? 1 : 0);
  for (const id of classes ?? []) wanted[id] = 1;
  const first = opts.start ?? range?.start;
  if (first !== undefined) ss.begin(first);
  let events = 0;
  let last: bigint | undefined;
  const c: Ctx = { batch: undefined as never, i: 0, ts: 0n, classId: 0, ss, scenario: undefined };
  for (const batch of exp.batches({
    start: opts.start,
    end: opts.end,
    classIds: classes,
    batchSize: opts.batchSize
  })) {
    c.batch = batch;
    for (let i = 0; i < batch.length; i++) {
      const cls = batch.classId[i];
      if (wanted[cls] === 0) continue;
      const ts = batch.ts[i];
      ss.begin(ts);
      if (futures.size > 0) futures.drain(ts);
      c.i = i;
      c.ts = ts;
      c.classId = cls;
      const hs = handlersOf[cls];
      for (let k = 0; k < hs.length; k++) {
        const h = hs[k];
        if (h.when === undefined || h.when(c)) h.run(c);
      }
      for (let k = 0; k < runners.length; k++) runners[k].handle(c);
      events++;
      last = ts;
    }
  }
  futures.drain();
  const rangeEnd = range && opts.end !== undefined && opts.end < range.end ? opts.end : range?.end;
  let end = ss.start ?? last ?? 0n;
  for (const t of [last, rangeEnd, futures.lastApplied]) if (t !== undefined && t > end) end = t;
  ss.finish(end);
  return { id: spec.id ?? 'state-view', spec, ss, segments: sortSegments(segments), events };
}
