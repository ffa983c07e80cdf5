/**
 * Imports Trace Compass views: `timeGraphView` (entries → rows, nested; definedValues → legend with colours) and
 * `xyView` (one entry → series path, display attribute, absolute or delta).
 *
 * Scope: view state attributes of type self and constant (nested constants join with `/`); `name` gives the row
 * label from an attribute's value. Other view attribute types (location, query) are reported as warnings.
 */
import type { LegendEntry, RowSpec, TimeGraphViewSpec, XyViewSpec } from '../spec-types';
import { childrenNamed, firstChild } from './dom';
import type { XmlElement } from './dom';

export interface ImportedView {
  id: string;
  kind: 'timeGraph' | 'xy';
  label?: string;
  /** Analyses the view reads (head/analysis ids). */
  analysisIds: string[];
  line: number;
  spec: TimeGraphViewSpec | XyViewSpec;
}

function relative(el: XmlElement, warn: (m: string) => void): string {
  const type = el.attrs.get('type');
  let own: string;
  if (type === 'self') own = '.';
  else if (type === 'constant') own = el.attrs.get('value') ?? '.';
  else {
    warn(
      `line ${el.line}: <${el.name} type="${type}"> is not supported in views; using the entry's own attribute`
    );
    own = '.';
  }
  const nested = childrenNamed(el, 'stateAttribute').map(c => relative(c, warn));
  return [own, ...nested].filter(p => p !== '.').join('/') || '.';
}

function row(el: XmlElement, warn: (m: string) => void): RowSpec {
  const display = firstChild(el, 'display');
  const name = firstChild(el, 'name');
  const children = childrenNamed(el, 'entry').map(c => row(c, warn));
  const out: RowSpec = { path: el.attrs.get('path')!, display: display ? relative(display, warn) : null };
  if (name) out.nameFrom = relative(name, warn);
  if (children.length > 0) out.children = children;
  return out;
}

function head(el: XmlElement): { label?: string; analysisIds: string[] } {
  const h = firstChild(el, 'head');
  const label = h && firstChild(h, 'label')?.attrs.get('value');
  return {
    ...(label !== undefined ? { label } : {}),
    analysisIds: h ? childrenNamed(h, 'analysis').map(a => a.attrs.get('id')!) : []
  };
}

export function importTimeGraphView(el: XmlElement, warn: (m: string) => void): ImportedView {
  const h = head(el);
  const legend: LegendEntry[] = childrenNamed(el, 'definedValue').map(d => ({
    value: d.attrs.get('value')!,
    label: d.attrs.get('name')!,
    ...(d.attrs.has('color') ? { color: d.attrs.get('color')! } : {})
  }));
  const spec: TimeGraphViewSpec = {
    id: el.attrs.get('id')!,
    ...(h.label !== undefined ? { label: h.label } : {}),
    rows: childrenNamed(el, 'entry').map(e => row(e, warn)),
    ...(legend.length > 0 ? { legend } : {})
  };
  return { id: spec.id, kind: 'timeGraph', ...h, line: el.line, spec };
}

export function importXyView(el: XmlElement, warn: (m: string) => void): ImportedView {
  const h = head(el);
  const entry = firstChild(el, 'entry')!;
  const display = firstChild(entry, 'display');
  const name = firstChild(entry, 'name');
  const spec: XyViewSpec = {
    id: el.attrs.get('id')!,
    ...(h.label !== undefined ? { label: h.label } : {}),
    path: entry.attrs.get('path')!,
    display: display ? relative(display, warn) : '.',
    ...(name ? { nameFrom: relative(name, warn) } : {}),
    delta: entry.attrs.get('displayType') === 'delta'
  };
  return { id: spec.id, kind: 'xy', ...h, line: el.line, spec };
}
