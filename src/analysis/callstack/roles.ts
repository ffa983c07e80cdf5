/**
 * Which events open and close call-stack frames, per event class:
 * - LTTng-UST `lttng_ust_cyg_profile:func_entry/func_exit` (`addr`, exits matched by address) and
 *   `lttng_ust_cyg_profile_fast:func_entry/func_exit` (exits carry no address: they close the innermost frame);
 *   thread = `vtid` (else `tid`), process = `vpid` (else `pid`), name = `procname`;
 * - ftrace `ftrace:funcgraph_entry/funcgraph_exit` (`func` address or name; exits may carry `calltime`/`rettime`
 *   in ns, or a `duration`; an entry with a `duration` value is a leaf call, complete in itself), thread
 *   `common_pid`, name `common_comm`;
 * - Chrome trace-event JSON (`format` 'trace-event'), and Google Cloud Trace spans read as trace-event complete
 *   events ('gcloud-trace'): the `ph` field says B (begin), E (end), X (complete, `dur`) of the event named by the
 *   class; thread = `tid`, process = `pid`.
 */
import type { EventClassInfo, Experiment } from '../trace/types';

export type RoleKind = 'entry' | 'exit' | 'complete' | 'phase';

export interface ClassRole {
  readonly kind: RoleKind;
  /** Field indexes, -1 when absent. */
  readonly addr: number;
  /** Name field (string) when frames are named by the event rather than by an address. */
  readonly name: number;
  /** Fixed frame name (trace-event: the class name). */
  readonly fixedName: string | undefined;
  /** Exits match the frame with the same address (else they close the innermost frame). */
  readonly matchAddress: boolean;
  readonly tid: number;
  readonly pid: number;
  readonly comm: number;
  /** Duration field in ns (complete events, funcgraph exits in the text form). */
  readonly dur: number;
  readonly callTime: number;
  readonly retTime: number;
  readonly phase: number;
  /** Explicit call depth (ftrace function_graph). */
  readonly depth: number;
}

function field(cls: EventClassInfo, ...names: string[]): number {
  for (const n of names) {
    const k = cls.fieldIndex(n);
    if (k >= 0) return k;
  }
  return -1;
}

function base(cls: EventClassInfo, kind: RoleKind): ClassRole {
  return {
    kind,
    addr: -1,
    name: -1,
    fixedName: undefined,
    matchAddress: false,
    tid: field(cls, 'vtid', 'tid', 'common_pid'),
    pid: field(cls, 'vpid', 'pid', 'common_tgid'),
    comm: field(cls, 'procname', 'common_comm'),
    dur: -1,
    callTime: -1,
    retTime: -1,
    phase: -1,
    depth: -1
  };
}

function cygRole(cls: EventClassInfo, fast: boolean, entry: boolean): ClassRole {
  const addr = cls.fieldIndex('addr');
  return { ...base(cls, entry ? 'entry' : 'exit'), addr, matchAddress: !fast && addr >= 0 };
}

function funcgraphRole(cls: EventClassInfo, entry: boolean): ClassRole {
  const f = cls.fieldIndex('func');
  const isName = f >= 0 && cls.fields[f].type === 'string';
  return {
    ...base(cls, entry ? 'entry' : 'exit'),
    addr: isName ? -1 : f,
    name: isName ? f : -1,
    matchAddress: f >= 0,
    dur: cls.fieldIndex('duration'),
    callTime: cls.fieldIndex('calltime'),
    retTime: cls.fieldIndex('rettime'),
    depth: cls.fieldIndex('depth')
  };
}

/** The role of one class of a trace of format `format`, or undefined when it plays none. */
export function classRole(cls: EventClassInfo, format: string): ClassRole | undefined {
  switch (cls.name) {
    case 'lttng_ust_cyg_profile:func_entry':
      return cygRole(cls, false, true);
    case 'lttng_ust_cyg_profile:func_exit':
      return cygRole(cls, false, false);
    case 'lttng_ust_cyg_profile_fast:func_entry':
      return cygRole(cls, true, true);
    case 'lttng_ust_cyg_profile_fast:func_exit':
      return cygRole(cls, true, false);
    case 'ftrace:funcgraph_entry':
      return funcgraphRole(cls, true);
    case 'ftrace:funcgraph_exit':
      return funcgraphRole(cls, false);
  }
  if (format === 'trace-event' || format === 'gcloud-trace') {
    const phase = cls.fieldIndex('ph');
    if (phase < 0) return undefined;
    return { ...base(cls, 'phase'), fixedName: cls.name, phase, dur: cls.fieldIndex('dur') };
  }
  return undefined;
}

/** Roles of all classes of an experiment, indexed by class id. */
export function classRoles(exp: Experiment): (ClassRole | undefined)[] {
  return exp.eventClasses.map(c => classRole(c, exp.traces[c.traceIndex]?.format ?? ''));
}
