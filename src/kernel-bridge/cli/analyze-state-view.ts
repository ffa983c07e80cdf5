/**
 * The declarative state-view kinds of `tracelab analyze`: `state-view --spec FILE` (one row per state interval:
 * attribute, start, end, value, value_num; a pattern's own scenario attributes included) and `segments --spec FILE`
 * (name, start, end, then the segments' fields). FILE is a Trace Compass XML analysis file or a tracelab spec (a
 * JSON `StateViewSpec`, or a list of them); `--id` picks the analysis (default: the first). An invalid file stops
 * the command with a message naming the file, line, element and rule (or the spec path for JSON).
 *
 * Scope: reading the spec file and calling `src/analysis/stateview`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Table } from 'apache-arrow';
import { loadTcXml, runStateView, segments, SpecError, stateIntervals } from '../../analysis/stateview';
import type { StateViewResult, StateViewSpec } from '../../analysis/stateview';
import type { Experiment } from '../../analysis/trace/types';
import type { AnalyzeArgs, Analyzer } from './analyzers';
import { UsageError } from './context';

interface SpecArgs {
  spec?: string;
  id?: string;
}

function fromXml(text: string, file: string, id: string | undefined): StateViewSpec {
  const doc = loadTcXml(text, path.basename(file));
  if (id !== undefined) {
    const a = doc.analyses.find(x => x.id === id);
    if (a) return a.spec;
    const err = doc.errors.find(x => x.id === id);
    if (err) throw new Error(`analysis '${id}' does not compile: ${err.message}`);
    throw new Error(`${file}: no analysis '${id}' (${doc.analyses.map(x => x.id).join(', ') || 'none'})`);
  }
  if (doc.analyses.length > 0) return doc.analyses[0].spec;
  if (doc.errors.length > 0) throw new Error(`no analysis compiles: ${doc.errors[0].message}`);
  throw new Error(`${file}: no stateProvider or pattern in the file`);
}

function fromJson(text: string, file: string, id: string | undefined): StateViewSpec {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const list = (Array.isArray(parsed) ? parsed : [parsed]) as StateViewSpec[];
  if (list.length === 0 || list.some(s => s === null || typeof s !== 'object')) {
    throw new Error(`${file}: a spec is a JSON object (or a list of them)`);
  }
  if (id === undefined) return list[0];
  const s = list.find(x => x.id === id);
  if (!s) throw new Error(`${file}: no spec with id '${id}' (${list.map(x => x.id ?? '?').join(', ')})`);
  return s;
}

function run(exp: Experiment, a: AnalyzeArgs & SpecArgs): StateViewResult {
  if (a.spec === undefined) throw new UsageError('state-view and segments need --spec FILE', 'analyze');
  const file = a.spec;
  const text = fs.readFileSync(file, 'utf8');
  const isXml = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<');
  const spec = isXml ? fromXml(text, file, a.id) : fromJson(text, file, a.id);
  try {
    return runStateView(exp, spec, { start: a.start, end: a.end });
  } catch (e) {
    if (e instanceof SpecError) throw new Error(`${file}: ${e.message}`);
    throw e;
  }
}

export const STATE_VIEW_ANALYZERS: readonly Analyzer[] = [
  {
    name: 'state-view',
    summary:
      'declarative state view (--spec: Trace Compass XML or tracelab JSON): attribute, start, end, value',
    run: (exp, a): Table => stateIntervals(run(exp, a))
  },
  {
    name: 'segments',
    summary: 'segments of the --spec patterns: name, start, end, then their fields',
    run: (exp, a): Table => segments(run(exp, a))
  }
];
