/**
 * The declarative state-view language: a plain JSON/TS object that says which events change which attributes of a
 * state system, which finite-state machines (patterns) turn event sequences into segments, and how attributes map
 * to time-graph rows and XY series. Trace Compass XML analyses are imported into this same form (`loadTcXml`).
 *
 * Scope: types only (the reference for notebook users). Compilation: `compile-*.ts`; execution: `engine.ts`.
 *
 * Paths (`PathSpec`) are either a string template or an array of elements. In a template, `/` separates
 * attribute names and each name may contain `{field}` (an event field's value), `{$event}`, `{$tid}`, `{$pid}`,
 * `{$cpu}`, `{$host}`, `{$procname}` (built-ins), and a whole element `{@loc}` expands the location `loc`.
 * Example: `'Ranks/{rank}/Status'`, `'Threads/{$tid}/Memory'`.
 */

/** Built-in event properties. `tid`/`pid`/`procname` come from the usual context fields (vtid, tid, perf_tid…). */
export type Builtin = 'event' | 'tid' | 'pid' | 'cpu' | 'host' | 'procname' | 'timestamp';

export type PathSpec = string | PathElement[];

/** One element of an attribute path. A plain string in an array is a literal name (no template expansion). */
export type PathElement =
  | string
  | { field: string }
  | { builtin: Builtin }
  | { location: string }
  /** The name is the current value of the attribute at this (absolute) path. */
  | { query: PathSpec }
  /** The name is a computed value. */
  | { value: ValueSpec }
  /** An attribute borrowed from a pool under the current path, owned by the running scenario (patterns). */
  | { pool: true }
  /** The running scenario's own attribute (patterns; Trace Compass `#CurrentScenario`). */
  | { scenario: true }
  /** Stays at the current attribute (Trace Compass `null` and `self` elements). */
  | { self: true };

export type ForcedType = 'int' | 'long' | 'double' | 'string';

/** Modifiers any object value may carry: a mapping (by `mappings` id; no match gives null), then a forced type. */
export interface ValueModifiers {
  map?: string;
  as?: ForcedType;
}

/**
 * A value. Plain JS constants are constants (integers stay integers, other numbers are doubles, strings are
 * strings, `null` is null); objects compute values from the event or the state.
 */
export type ValueSpec =
  | null
  | number
  | string
  | boolean
  | (ValueModifiers &
      (
        | { int: number | string }
        | { long: number | string }
        | { double: number | string }
        | { string: string }
        | { null: true }
        | { field: string }
        | { builtin: Builtin }
        /** Current value at an absolute path (null if missing). */
        | { query: PathSpec }
        /** Top of the stack at an absolute path. */
        | { peek: PathSpec }
        /** A string with `{field}` / `{$builtin}` substitutions. */
        | { template: string }
        /** A small JavaScript-like expression over named values (Trace Compass script values). */
        | { script: string; vars?: Record<string, ValueSpec> }
      ));

export type Operator = 'eq' | 'ne' | 'ge' | 'gt' | 'le' | 'lt';
export type TimeUnit = 'ns' | 'us' | 'ms' | 's';

export type CondSpec =
  | { and: CondSpec[] }
  | { or: CondSpec[] }
  | { not: CondSpec }
  /** Compares two values (default operator `eq`; numbers numerically, anything else by string form). */
  | { left: ValueSpec; op?: Operator; right: ValueSpec }
  /** Shorthand: an event field compared with a value. */
  | { field: string; op?: Operator; value: ValueSpec }
  /** Shorthand: the current value at a path compared with a value. */
  | { path: PathSpec; op?: Operator; value: ValueSpec }
  /** A named test of the enclosing pattern. */
  | { test: string }
  /** Patterns: the event time is inside (or, with `out`, outside) [begin, end] (both ends included). */
  | { timeRange: { begin: number | string; end: number | string; unit?: TimeUnit; out?: boolean } }
  /** Patterns: time since the scenario last entered state `since` compared with `value`. */
  | { elapsed: { since: string; op: 'lt' | 'eq' | 'gt'; value: number | string; unit?: TimeUnit } };

/** A state change; `at` queues it for a later time (Trace Compass futureTime). */
export type ChangeSpec =
  | { path: PathSpec; set: ValueSpec; update?: boolean; at?: ValueSpec }
  /** Adds to / subtracts from the current value (null counts as 0). */
  | { path: PathSpec; add: ValueSpec; at?: ValueSpec }
  | { path: PathSpec; sub: ValueSpec; at?: ValueSpec }
  | { path: PathSpec; push: ValueSpec; at?: ValueSpec }
  | { path: PathSpec; pop: true; at?: ValueSpec }
  | { path: PathSpec; popAll: true; at?: ValueSpec }
  /** Sets the attribute and all its descendants to null. */
  | { path: PathSpec; remove: true; at?: ValueSpec }
  | { if: CondSpec; then: ChangeSpec[]; else?: ChangeSpec[] };

export interface HandlerSpec {
  /** Event name or names; `*` is a wildcard and the whole name must match. */
  event: string | string[];
  when?: CondSpec;
  changes: ChangeSpec[];
}

/** Emits a segment `name, start, end` + fields. Default start: the scenario's start; default end: now. */
export interface SegmentSpec {
  name: ValueSpec;
  begin?: ValueSpec;
  end?: ValueSpec;
  duration?: ValueSpec;
  fields?: Record<string, ValueSpec>;
}

export type ActionItem = ChangeSpec | { segment: SegmentSpec } | { action: string };

export interface TransitionSpec {
  /** Event names separated by `|`, with `*` wildcards; absent or empty = any event. */
  event?: string;
  /** Named tests (all must hold) or an inline condition. */
  cond?: string[] | CondSpec;
  target: string;
  /** Named actions or inline action items, run in order. */
  actions?: (string | ActionItem)[];
}

export interface StateSpec {
  transitions?: TransitionSpec[];
  onEntry?: string[];
  onExit?: string[];
}

export interface FsmSpec {
  id: string;
  /** Start a new scenario whenever none is pending (default true). */
  multiple?: boolean;
  /** Once a scenario takes a transition, no other scenario of this FSM sees the event (default true). */
  consuming?: boolean;
  /** The FSM ignores an event unless one precondition (event/cond only) matches. */
  preconditions?: TransitionSpec[];
  /** Initial state id (default: the first state). */
  initial?: string;
  /** Transitions out of a pseudo-state before `initial` (Trace Compass initialState). */
  initialTransitions?: TransitionSpec[];
  states: Record<string, StateSpec>;
  /** Final state ids (states without transitions are final too). */
  final?: string[];
}

export interface PatternSpec {
  id: string;
  tests?: Record<string, CondSpec>;
  actions?: Record<string, ActionItem[]>;
  /** FSM ids started at the first event (default: all). */
  initial?: string[];
  fsms: FsmSpec[];
}

/** Legend entry: label and colour for a state value. */
export interface LegendEntry {
  value: string | number;
  label?: string;
  color?: string;
}

/** A time-graph row (or rows): `path` relative to the parent row's attribute; `*` matches every child. */
export interface RowSpec {
  path: string;
  /** Attribute drawn in the row, relative to the row's attribute (`.` = itself, the default); null: no states. */
  display?: string | null;
  /** Row label: a template over the matched path (`{name}` = attribute name, `{1}`… = wildcard matches). */
  label?: string;
  /** Label taken from the last non-null value of this attribute (relative to the row's attribute). */
  nameFrom?: string;
  children?: RowSpec[];
}

export interface TimeGraphViewSpec {
  id: string;
  label?: string;
  rows: RowSpec[];
  legend?: LegendEntry[];
}

export interface XyViewSpec {
  id: string;
  label?: string;
  /** Absolute path pattern of the series attributes (`*` wildcards). */
  path: string;
  /** Attribute holding the value, relative to each matched attribute (default `.`). */
  display?: string;
  /** Series name from the last non-null value of this attribute (relative; default: the attribute's name). */
  nameFrom?: string;
  /** Difference from the previous sample instead of the value. */
  delta?: boolean;
}

export interface StateViewSpec {
  id?: string;
  label?: string;
  /** Paths that are only read (queries, conditions) create missing attributes, as Trace Compass does (imported
   * XML analyses set it); by default a missing attribute reads as null and is not created. */
  createOnRead?: boolean;
  /** Symbolic constants: a string value `$NAME` anywhere in the spec is replaced by `defines.NAME`. */
  defines?: Record<string, string | number>;
  /** Named path prefixes, used as `{@name}` / `{ location: name }`. */
  locations?: Record<string, PathSpec>;
  /** Value mappings: `[key, replacement]` pairs; the first key equal to the value wins. */
  mappings?: Record<string, [ValueSpec, ValueSpec][]>;
  handlers?: HandlerSpec[];
  patterns?: PatternSpec[];
  views?: TimeGraphViewSpec[];
  xyViews?: XyViewSpec[];
}
