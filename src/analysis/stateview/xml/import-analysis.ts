/**
 * Imports Trace Compass analyses into native specs: a `stateProvider` becomes handlers; a `pattern` becomes a
 * pattern (tests, actions, FSMs with preconditions, initial states, transitions, segments). Shared definitions
 * (definedValue, location, mappingGroup) become defines, locations and mappings.
 *
 * Scope: reference checks Trace Compass's compiler makes (undefined tests, actions, target states). Stored fields
 * are ignored: at the Trace Compass commit this follows, they have no effect.
 */
import type {
  ActionItem,
  FsmSpec,
  HandlerSpec,
  PatternSpec,
  SegmentSpec,
  StateSpec,
  StateViewSpec,
  TransitionSpec,
  ValueSpec
} from '../spec-types';
import { childrenNamed, firstChild } from './dom';
import type { XmlElement } from './dom';
import { Importer } from './import-values';

export interface AnalysisHead {
  label?: string;
  traceTypes: string[];
}

export function readHead(el: XmlElement): AnalysisHead {
  const head = firstChild(el, 'head');
  const label = head && firstChild(head, 'label')?.attrs.get('value');
  const traceTypes = head ? childrenNamed(head, 'traceType').map(t => t.attrs.get('id')!) : [];
  return { ...(label !== undefined ? { label } : {}), traceTypes };
}

/** Defines, locations and mappings of an analysis element, and an importer that knows them. */
function definitions(el: XmlElement, file: string): { spec: StateViewSpec; imp: Importer } {
  const defines = new Map<string, string>();
  for (const d of childrenNamed(el, 'definedValue')) defines.set(d.attrs.get('name')!, d.attrs.get('value')!);
  const locEls = childrenNamed(el, 'location');
  const mapEls = childrenNamed(el, 'mappingGroup');
  const imp = new Importer(
    file,
    defines,
    new Set(locEls.map(l => l.attrs.get('id')!)),
    new Set(mapEls.map(m => m.attrs.get('id')!))
  );
  const spec: StateViewSpec = { id: el.attrs.get('id')!, createOnRead: true };
  const label = readHead(el).label;
  if (label !== undefined) spec.label = label;
  if (defines.size > 0) spec.defines = Object.fromEntries(defines);
  if (locEls.length > 0) {
    spec.locations = Object.fromEntries(
      locEls.map(l => [l.attrs.get('id')!, imp.path(childrenNamed(l, 'stateAttribute'))])
    );
  }
  if (mapEls.length > 0) {
    spec.mappings = Object.fromEntries(
      mapEls.map(m => [
        m.attrs.get('id')!,
        childrenNamed(m, 'entry').map(e => {
          const [k, v] = childrenNamed(e, 'stateValue');
          return [imp.value(k), imp.value(v)] as [ValueSpec, ValueSpec];
        })
      ])
    );
  }
  return { spec, imp };
}

export function importStateProvider(el: XmlElement, file: string): StateViewSpec {
  const { spec, imp } = definitions(el, file);
  spec.handlers = childrenNamed(el, 'eventHandler').map((h): HandlerSpec => ({
    event: h.attrs.get('eventName')!,
    changes: childrenNamed(h, 'stateChange').map(sc => imp.change(sc))
  }));
  return spec;
}

const split = (s: string | undefined): string[] => (s ?? '').split(':').filter(x => x !== '');

class PatternImporter {
  readonly tests = new Set<string>();
  readonly actions: Record<string, ActionItem[]> = {};

  constructor(private readonly imp: Importer) {}

  segment(el: XmlElement): SegmentSpec {
    const type = firstChild(el, 'segType')!;
    const nameEl = firstChild(type, 'segName');
    const name: ValueSpec = nameEl
      ? this.imp.value(firstChild(nameEl, 'stateValue')!)
      : { string: type.attrs.get('segName') ?? '' };
    const seg: SegmentSpec = { name };
    const time = firstChild(el, 'segTime');
    for (const k of ['begin', 'end', 'duration'] as const) {
      const t = time && firstChild(time, k);
      if (t) seg[k] = this.imp.value(t);
    }
    const content = firstChild(el, 'segContent');
    if (content) {
      seg.fields = {};
      for (const f of childrenNamed(content, 'segField')) {
        const type = f.attrs.get('type') as 'null' | 'int' | 'long' | 'string';
        const child = firstChild(f, 'stateValue');
        const raw: ValueSpec = child ? this.imp.value(child) : { string: this.imp.attr(f, 'value') ?? '' };
        const obj = raw === null || typeof raw !== 'object' ? { string: String(raw) } : raw;
        seg.fields[f.attrs.get('name')!] = type === 'null' ? null : { ...obj, as: type };
      }
    }
    return seg;
  }

  /** Registers an action (and the named actions nested in it). */
  action(el: XmlElement): void {
    const items: ActionItem[] = [];
    for (const c of el.children) {
      if (c.name === 'stateChange') items.push(this.imp.change(c));
      else if (c.name === 'segment') items.push({ segment: this.segment(c) });
      else if (c.name === 'action') {
        this.action(c);
        items.push({ action: c.attrs.get('id')! });
      }
      // fsmScheduleAction: accepted, no effect (as in Trace Compass)
    }
    this.actions[el.attrs.get('id')!] = items;
  }

  private refs(el: XmlElement, list: string[], known: (id: string) => boolean, what: string): string[] {
    for (const id of list) if (!known(id)) this.imp.fail(el, `${what} '${id}' is not defined`);
    return list;
  }

  transition(t: XmlElement, states: ReadonlySet<string> | undefined): TransitionSpec {
    const target = t.attrs.get('target') ?? '';
    if (states !== undefined && !states.has(target)) {
      this.imp.fail(t, `target state '${target}' is not defined`);
    }
    const cond = this.refs(t, split(t.attrs.get('cond')), id => this.tests.has(id), 'test');
    const actions = this.refs(t, split(t.attrs.get('action')), id => id in this.actions, 'action');
    const out: TransitionSpec = { target };
    const ev = t.attrs.get('event');
    if (ev !== undefined && ev !== '') out.event = ev;
    if (cond.length > 0) out.cond = cond;
    if (actions.length > 0) out.actions = actions;
    return out;
  }

  /** All `state` elements under an FSM (nested states are flattened). */
  private statesOf(el: XmlElement): XmlElement[] {
    return childrenNamed(el, 'state').flatMap(s => [s, ...this.statesOf(s)]);
  }

  fsm(el: XmlElement): FsmSpec {
    const stateEls = this.statesOf(el);
    const finals = childrenNamed(el, 'final').map(f => f.attrs.get('id')!);
    const ids = new Set([...stateEls.map(s => s.attrs.get('id')!), ...finals]);
    const states: Record<string, StateSpec> = {};
    for (const s of stateEls) {
      const spec: StateSpec = {
        transitions: childrenNamed(s, 'transition').map(t => this.transition(t, ids))
      };
      for (const [tag, key] of [
        ['onentry', 'onEntry'],
        ['onexit', 'onExit']
      ] as const) {
        const h = firstChild(s, tag);
        if (h) spec[key] = this.refs(h, split(h.attrs.get('action')), id => id in this.actions, 'action');
      }
      states[s.attrs.get('id')!] = spec;
    }
    const fsm: FsmSpec = { id: el.attrs.get('id')!, states };
    if (finals.length > 0) fsm.final = finals;
    const bool = (n: string): boolean | undefined => {
      const v = el.attrs.get(n);
      return v === undefined ? undefined : v === 'true' || v === '1';
    };
    const multiple = bool('multiple');
    const consuming = bool('consuming');
    if (multiple !== undefined) fsm.multiple = multiple;
    if (consuming !== undefined) fsm.consuming = consuming;
    const pre = childrenNamed(el, 'precondition');
    if (pre.length > 0) fsm.preconditions = pre.map(p => this.transition(p, undefined));
    const initialState = firstChild(el, 'initialState');
    const initialEl = firstChild(el, 'initial');
    const initialAttr = el.attrs.get('initial');
    if (initialState) {
      fsm.initialTransitions = childrenNamed(initialState, 'transition').map(t => this.transition(t, ids));
    } else if (initialAttr !== undefined) fsm.initial = initialAttr;
    else if (initialEl) fsm.initial = firstChild(initialEl, 'transition')?.attrs.get('target');
    if (fsm.initial !== undefined && !ids.has(fsm.initial)) {
      this.imp.fail(el, `initial state '${fsm.initial}' is not defined`);
    }
    return fsm;
  }
}

export function importPattern(el: XmlElement, file: string): StateViewSpec {
  const { spec, imp } = definitions(el, file);
  const handler = firstChild(el, 'patternHandler')!;
  const pi = new PatternImporter(imp);
  const tests: PatternSpec['tests'] = {};
  for (const t of childrenNamed(handler, 'test')) pi.tests.add(t.attrs.get('id')!);
  for (const t of childrenNamed(handler, 'test')) {
    const cond = firstChild(t, 'if');
    tests[t.attrs.get('id')!] = cond ? imp.condition(cond) : { and: [] };
  }
  for (const a of childrenNamed(handler, 'action')) pi.action(a);
  const fsms = childrenNamed(handler, 'fsm').map(f => pi.fsm(f));
  const pattern: PatternSpec = { id: spec.id!, tests, actions: pi.actions, fsms };
  const initial = split(handler.attrs.get('initial'));
  for (const id of initial) {
    if (!fsms.some(f => f.id === id)) imp.fail(handler, `initial FSM '${id}' is not defined`);
  }
  if (initial.length > 0) pattern.initial = initial;
  spec.patterns = [pattern];
  return spec;
}
