/**
 * `loadTcXml(text, file)`: reads a Trace Compass XML analysis file — well-formedness, then the schema (an invalid
 * file is refused with a `TcXmlError` naming the element, line and rule), then each analysis is imported into a
 * native spec. As in Trace Compass, an analysis that does not compile (unknown location, undefined test…) is
 * dropped and reported in `errors`, and the others stay usable.
 *
 * Scope: stateProvider, pattern, callstack (its inner analyses; the callstack id names the single one), views.
 */
import type { StateViewSpec, TimeGraphViewSpec, XyViewSpec } from '../spec-types';
import { childrenNamed, parseXml, TcXmlError } from './dom';
import type { XmlElement } from './dom';
import { importPattern, importStateProvider, readHead } from './import-analysis';
import { importTimeGraphView, importXyView } from './import-view';
import type { ImportedView } from './import-view';
import { validateDocument } from './validate';
import type { ValidateOptions } from './validate';

export type { ImportedView } from './import-view';

export interface TcXmlAnalysis {
  id: string;
  kind: 'stateProvider' | 'pattern';
  label?: string;
  /** Trace types it applies to (empty: all). */
  traceTypes: string[];
  line: number;
  /** The native spec, with the file's views of this analysis attached. */
  spec: StateViewSpec;
}

export interface TcXmlDocument {
  file: string;
  analyses: TcXmlAnalysis[];
  views: ImportedView[];
  /** Analyses dropped because they do not compile. */
  errors: { id: string; line: number; message: string }[];
  warnings: string[];
}

export type LoadOptions = ValidateOptions;

function importAnalysis(el: XmlElement, file: string, doc: TcXmlDocument, alias?: string): void {
  const id = el.attrs.get('id')!;
  try {
    const spec = el.name === 'pattern' ? importPattern(el, file) : importStateProvider(el, file);
    const head = readHead(el);
    const a: TcXmlAnalysis = {
      id,
      kind: el.name === 'pattern' ? 'pattern' : 'stateProvider',
      ...(head.label !== undefined ? { label: head.label } : {}),
      traceTypes: head.traceTypes,
      line: el.line,
      spec
    };
    doc.analyses.push(a);
    if (alias !== undefined) doc.analyses.push({ ...a, id: alias, spec: { ...spec, id: alias } });
  } catch (e) {
    if (!(e instanceof TcXmlError)) throw e;
    doc.errors.push({ id, line: e.line, message: e.message });
  }
}

export function loadTcXml(text: string, file: string, opts: LoadOptions = {}): TcXmlDocument {
  const root = parseXml(text, file);
  validateDocument(root, file, opts);
  const doc: TcXmlDocument = { file, analyses: [], views: [], errors: [], warnings: [] };
  const warn = (m: string): void => void doc.warnings.push(`${file}: ${m}`);
  for (const el of root.children) {
    if (el.name === 'stateProvider' || el.name === 'pattern') importAnalysis(el, file, doc);
    else if (el.name === 'callstack') {
      const inner = [...childrenNamed(el, 'pattern'), ...childrenNamed(el, 'stateProvider')];
      inner.forEach(a => importAnalysis(a, file, doc, inner.length === 1 ? el.attrs.get('id') : undefined));
    } else if (el.name === 'timeGraphView') doc.views.push(importTimeGraphView(el, warn));
    else if (el.name === 'xyView') doc.views.push(importXyView(el, warn));
    else warn(`line ${el.line}: extension element <${el.name}> ignored`);
  }
  for (const a of doc.analyses) {
    const mine = doc.views.filter(v => v.analysisIds.includes(a.id));
    const tg = mine.filter(v => v.kind === 'timeGraph').map(v => v.spec as TimeGraphViewSpec);
    const xy = mine.filter(v => v.kind === 'xy').map(v => v.spec as XyViewSpec);
    if (tg.length > 0) a.spec.views = tg;
    if (xy.length > 0) a.spec.xyViews = xy;
  }
  return doc;
}

/** The spec of analysis `id` (or of the only analysis when `id` is omitted). */
export function tcAnalysis(doc: TcXmlDocument, id?: string): StateViewSpec {
  if (id === undefined) {
    if (doc.analyses.length === 1) return doc.analyses[0].spec;
    const ids = doc.analyses.map(a => a.id).join(', ');
    throw new Error(`${doc.file}: ${doc.analyses.length} analyses (${ids || 'none'}); choose one by id`);
  }
  const a = doc.analyses.find(x => x.id === id);
  if (a === undefined) {
    const err = doc.errors.find(x => x.id === id);
    if (err) throw new Error(`${doc.file}: analysis '${id}' does not compile: ${err.message}`);
    throw new Error(`${doc.file}: no analysis '${id}' (${doc.analyses.map(x => x.id).join(', ') || 'none'})`);
  }
  return a.spec;
}

/** Names of the extension elements an XSD declares in the `extra` substitution group (for `extraElements`). */
export function extensionElements(xsdText: string, file: string): string[] {
  const root = parseXml(xsdText, file);
  return root.children
    .filter(c => c.name.endsWith('element') && c.attrs.get('substitutionGroup') === 'extra')
    .map(c => c.attrs.get('name')!)
    .filter(n => n !== undefined);
}
