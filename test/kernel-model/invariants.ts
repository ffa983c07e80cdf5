/**
 * Invariant checks (in model time: ns offsets from the model's base) of a kernel model against itself and against the raw sched_switch events of its trace:
 * - thread intervals are non-empty, never overlap, and tile each thread lifetime (processes row) exactly;
 * - CPU intervals are non-empty, contiguous and never overlap;
 * - a thread is in a running state exactly when it has a CPU, and then it is that CPU's current thread (so at most
 *   one thread runs on a CPU at any instant);
 * - each sched_switch agrees with the model: right after it the CPU's current thread is `next`, running there, and
 *   `prev` is no longer running there; right before it the CPU's current thread was `prev` or unknown (or idle
 *   on perf traces, whose idle exits can be invisible — counted apart).
 */
import { detectLayout, Kind } from '../../src/analysis/kernel/layout';
import type { KernelModel } from '../../src/analysis/kernel/model';
import { isRunning } from '../../src/analysis/kernel/state-values';
import type { Experiment } from '../../src/analysis/trace/types';

export interface InvariantReport {
  threadIntervals: number;
  cpuIntervals: number;
  switches: number;
  problems: string[];
  /** sched_switches whose CPU the model believed idle just before (invisible idle exits). */
  idleBefore: number;
  /**
   * sched_switches whose CPU the model believed ran another thread just before (a missed switch): allowed only
   * when the event itself names its current thread (perf), from which the model corrects itself.
   */
  corrected: number;
}

type Index = Map<string, number[]>;

function group(n: number, key: (r: number) => string): Index {
  const by: Index = new Map();
  for (let r = 0; r < n; r++) {
    const k = key(r);
    const l = by.get(k);
    if (l) l.push(r);
    else by.set(k, [r]);
  }
  return by;
}

/** Row of `rows` (sorted, non-overlapping intervals) containing t, or -1. */
function find(
  rows: readonly number[] | undefined,
  start: (r: number) => number,
  end: (r: number) => number,
  t: number
): number {
  if (!rows) return -1;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (end(rows[mid]) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo < rows.length && start(rows[lo]) <= t ? rows[lo] : -1;
}

function checkTiling(
  rows: readonly number[],
  start: (r: number) => number,
  end: (r: number) => number,
  what: string,
  p: string[]
): void {
  for (let k = 0; k < rows.length; k++) {
    if (start(rows[k]) >= end(rows[k])) p.push(`${what}: empty or negative interval at ${start(rows[k])}`);
    if (k > 0 && start(rows[k]) < end(rows[k - 1])) p.push(`${what}: overlap at ${start(rows[k])}`);
  }
}

export function checkInvariants(exp: Experiment, model: KernelModel): InvariantReport {
  const problems: string[] = [];
  const th = model.out.threads;
  const cp = model.out.cpus;
  const tStart = (r: number) => th.start.get(r);
  const tEnd = (r: number) => th.end.get(r);
  const cStart = (r: number) => cp.start.get(r);
  const cEnd = (r: number) => cp.end.get(r);
  const byThread = group(th.length, r => `${th.host.get(r)}:${th.tid.get(r)}`);
  const byCpu = group(cp.length, r => `${cp.host.get(r)}:${cp.cpu.get(r)}`);
  for (const [k, rows] of byThread) checkTiling(rows, tStart, tEnd, `thread ${k}`, problems);
  for (const [k, rows] of byCpu) {
    checkTiling(rows, cStart, cEnd, `cpu ${k}`, problems);
    for (let j = 1; j < rows.length; j++) {
      if (cStart(rows[j]) !== cEnd(rows[j - 1])) problems.push(`cpu ${k}: gap at ${cEnd(rows[j - 1])}`);
    }
  }
  for (const h of model.hosts) {
    for (const p of h.processes) {
      const rows = (byThread.get(`${h.index}:${p.tid}`) ?? []).filter(
        r => tStart(r) >= p.start && tEnd(r) <= p.end
      );
      let covered = 0;
      for (const r of rows) covered += tEnd(r) - tStart(r);
      if (covered !== p.end - p.start) {
        problems.push(`thread ${h.name}:${p.tid}: lifetime [${p.start},${p.end}) covered ${covered}`);
      }
    }
  }
  for (let r = 0; r < th.length; r++) {
    const running = isRunning(th.state.get(r));
    const cpu = th.cpu.get(r);
    if (running !== cpu >= 0) {
      problems.push(`thread ${th.tid.get(r)} at ${tStart(r)}: running=${running} cpu=${cpu}`);
    }
    if (!running) continue;
    for (let t = tStart(r); ;) {
      const c = find(byCpu.get(`${th.host.get(r)}:${cpu}`), cStart, cEnd, t);
      if (c < 0 || cp.tid.get(c) !== th.tid.get(r)) {
        problems.push(
          `thread ${th.tid.get(r)} runs on cpu ${cpu} at ${t} but the current thread is ${c < 0 ? 'none' : cp.tid.get(c)}`
        );
        break;
      }
      if (cEnd(c) >= tEnd(r)) break;
      t = cEnd(c);
    }
  }
  const sw = checkSwitches(exp, model, byThread, byCpu, problems);
  return { threadIntervals: th.length, cpuIntervals: cp.length, problems, ...sw };
}

function checkSwitches(
  exp: Experiment,
  model: KernelModel,
  byThread: Index,
  byCpu: Index,
  problems: string[]
): { switches: number; idleBefore: number; corrected: number } {
  const th = model.out.threads;
  const cp = model.out.cpus;
  const hostOf = new Map(model.hosts.map(h => [h.name, h.index]));
  const classes = new Map<number, { host: number; prev: number; next: number; hint: number }>();
  for (const t of exp.traces) {
    const cls = exp.eventClasses.filter(c => c.traceIndex === t.index);
    const layout = detectLayout(cls.map(c => c.name));
    if (!layout) continue;
    const [prevF, , , nextF] = layout.fields[Kind.SWITCH];
    for (const c of cls) {
      if (layout.role(c.name)?.kind !== Kind.SWITCH) continue;
      const hint =
        layout.currentTid.length > 0 ? c.fieldIndex(layout.currentTid[layout.currentTid.length - 1]) : -1;
      classes.set(c.id, {
        host: hostOf.get(t.hostname)!,
        prev: c.fieldIndex(prevF),
        next: c.fieldIndex(nextF),
        hint
      });
    }
  }
  let switches = 0;
  let idleBefore = 0;
  let corrected = 0;
  const perfCpuField = new Map(exp.eventClasses.map(c => [c.id, c.fieldIndex('perf_cpu')]));
  for (const b of exp.batches({ classIds: new Set(classes.keys()) })) {
    for (let i = 0; i < b.length; i++) {
      const c = classes.get(b.classId[i])!;
      let cpu = b.cpu[i];
      if (cpu < 0) cpu = b.int(i, perfCpuField.get(b.classId[i]) ?? -1);
      const t = model.clock.toRel(b.ts[i]);
      const prev = b.int(i, c.prev);
      const next = b.int(i, c.next);
      switches++;
      const cpuRows = byCpu.get(`${c.host}:${cpu}`);
      const after = find(
        cpuRows,
        r => cp.start.get(r),
        r => cp.end.get(r),
        t
      );
      if (after < 0 || cp.tid.get(after) !== next) {
        problems.push(
          `switch at ${t} cpu ${cpu}: current after is ${after < 0 ? 'none' : cp.tid.get(after)}, not ${next}`
        );
      }
      const before = find(
        cpuRows,
        r => cp.start.get(r),
        r => cp.end.get(r),
        t - 1
      );
      const was = before < 0 ? -1 : cp.tid.get(before);
      if (was === 0 && prev !== 0) idleBefore++;
      else if (before >= 0 && was !== -1 && was !== prev) {
        if (c.hint >= 0 && b.int(i, c.hint) === prev) corrected++;
        else problems.push(`switch at ${t} cpu ${cpu}: current before is ${was}, not ${prev}`);
      }
      if (next > 0) {
        const r = find(
          byThread.get(`${c.host}:${next}`),
          x => th.start.get(x),
          x => th.end.get(x),
          t
        );
        if (r < 0 || !isRunning(th.state.get(r)) || th.cpu.get(r) !== cpu) {
          problems.push(`switch at ${t}: next ${next} not running on cpu ${cpu}`);
        }
      }
      if (prev > 0 && prev !== next) {
        const r = find(
          byThread.get(`${c.host}:${prev}`),
          x => th.start.get(x),
          x => th.end.get(x),
          t
        );
        if (r >= 0 && th.cpu.get(r) === cpu) {
          problems.push(`switch at ${t}: prev ${prev} still running on cpu ${cpu}`);
        }
      }
    }
  }
  return { switches, idleBefore, corrected };
}
