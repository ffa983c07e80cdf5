/**
 * Event-name patterns: `*` matches any run of characters and the whole name must match (`sys_*`, `*`,
 * `mpi_demo:compute_*`); transitions also accept alternatives separated by `|`.
 *
 * Scope: compiling patterns and caching their verdict per event class.
 */
import type { Experiment } from '../trace/types';

function globSource(glob: string): string {
  return glob
    .split('*')
    .map(p => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
}

/** A matcher for one or more patterns (any may match); an empty list or an empty pattern matches everything. */
export function globMatcher(patterns: readonly string[]): (name: string) => boolean {
  const ps = patterns.map(p => p.trim());
  if (ps.length === 0 || ps.some(p => p === '' || p === '*')) return () => true;
  const re = new RegExp(`^(?:${ps.map(globSource).join('|')})$`);
  return name => re.test(name);
}

/** True when the patterns match every name (no class filtering possible). */
export function matchesAll(patterns: readonly string[]): boolean {
  return patterns.length === 0 || patterns.some(p => p.trim() === '' || p.trim() === '*');
}

/** A matcher's verdict per event class of an experiment, computed on first use. */
export class ClassMatcher {
  private readonly verdict: Int8Array;
  private readonly test: (name: string) => boolean;

  constructor(
    readonly patterns: readonly string[],
    private readonly exp: Experiment
  ) {
    this.test = globMatcher(patterns);
    this.verdict = new Int8Array(exp.eventClasses.length).fill(-1);
  }

  get all(): boolean {
    return matchesAll(this.patterns);
  }

  matches(classId: number): boolean {
    let v = this.verdict[classId];
    if (v < 0) {
      v = this.test(this.exp.eventClasses[classId].name) ? 1 : 0;
      this.verdict[classId] = v;
    }
    return v === 1;
  }
}
