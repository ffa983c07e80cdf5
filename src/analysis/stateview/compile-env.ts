/**
 * What compiling a spec needs beside the expression at hand: the spec's defines, locations and mappings, the
 * field accessor, the state system, the pattern's tests (while compiling a pattern) and a place to report errors.
 *
 * Scope: shared compile state and the `SpecError` every compile step throws, naming where in the spec it failed.
 */
import type { FieldAccess } from './event-access';
import type { Ctx } from './event-access';
import type { CondSpec, PathSpec, StateViewSpec, ValueSpec } from './spec-types';
import type { StateSystem } from './state-system';
import type { Value } from './values';

export type ValueFn = (c: Ctx) => Value;
export type CondFn = (c: Ctx) => boolean;
/** Quark, ROOT (-1) for an empty path, or INVALID. */
export type PathFn = (c: Ctx) => number;
export type ChangeFn = (c: Ctx) => void;

export const INVALID = -2;

export class SpecError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string
  ) {
    super(`${where}: ${reason}`);
    this.name = 'SpecError';
  }
}

/** A state change queued for a later time (`at` / futureTime). */
export interface FutureChange {
  time: bigint;
  apply(t: bigint): void;
}

export class CompileEnv {
  /** Named tests of the pattern being compiled (compiled lazily; a cycle is an error). */
  private tests: Map<string, CondSpec> = new Map();
  private readonly testFns = new Map<string, CondFn>();
  private readonly building = new Set<string>();
  readonly mappingFns = new Map<string, [ValueFn, ValueFn][]>();

  constructor(
    readonly spec: StateViewSpec,
    readonly fields: FieldAccess,
    readonly ss: StateSystem,
    /** Queues a future change (set by the engine). */
    readonly schedule: (f: FutureChange) => void,
    /** Compiles conditions (injected to break the module cycle). */
    private readonly condCompiler: (c: CondSpec, env: CompileEnv, where: string) => CondFn
  ) {}

  /** `$NAME` → the define's value; other strings unchanged. */
  define(s: string): string {
    if (!s.startsWith('$')) return s;
    const d = this.spec.defines?.[s.slice(1)];
    return d === undefined ? s : String(d);
  }

  location(name: string, where: string): PathSpec {
    const loc = this.spec.locations?.[name];
    if (loc === undefined) throw new SpecError(where, `location '${name}' is not defined`);
    return loc;
  }

  mapping(id: string, where: string): [ValueSpec, ValueSpec][] {
    const m = this.spec.mappings?.[id];
    if (m === undefined) throw new SpecError(where, `mapping '${id}' is not defined`);
    return m;
  }

  /** Makes `tests` the named tests in scope (one pattern's). */
  useTests(tests: Record<string, CondSpec>): void {
    this.tests = new Map(Object.entries(tests));
    this.testFns.clear();
  }

  test(name: string, where: string): CondFn {
    if (this.building.has(name)) throw new SpecError(where, `test '${name}' refers to itself`);
    const done = this.testFns.get(name);
    if (done) return done;
    const spec = this.tests.get(name);
    if (spec === undefined) throw new SpecError(where, `test '${name}' is not defined`);
    this.building.add(name);
    try {
      const fn = this.condCompiler(spec, this, `test '${name}'`);
      this.testFns.set(name, fn);
      return fn;
    } finally {
      this.building.delete(name);
    }
  }
}
