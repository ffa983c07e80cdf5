/**
 * Test helpers for Trace Compass XML analyses: paths of the test files in the corpus, loading and running an
 * analysis on one of its stub traces, and compact interval listings (`start:value` per interval).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTcXml, runStateView, tcAnalysis } from '../../src/analysis/stateview';
import type { LoadOptions, StateViewResult, TcXmlDocument } from '../../src/analysis/stateview';
import { openExperiment } from '../../src/analysis/trace/open';

export const TC_TESTS = path.join(
  process.cwd(),
  '..',
  'shared',
  'traces',
  'tracecompass-xml',
  'tracecompass',
  'tmf',
  'org.eclipse.tracecompass.tmf.analysis.xml.core.tests'
);
export const XML_FILES = path.join(TC_TESTS, 'test_xml_files');
export const TRACES = path.join(TC_TESTS, 'test_traces');

export function loadFile(rel: string, opts?: LoadOptions): TcXmlDocument {
  const file = path.join(XML_FILES, rel);
  return loadTcXml(fs.readFileSync(file, 'utf8'), path.basename(file), opts);
}

export function runFile(rel: string, trace: string, id?: string): StateViewResult {
  const doc = loadFile(rel);
  return runStateView(openExperiment([path.join(TRACES, trace)]), tcAnalysis(doc, id));
}

/** `start:value` of each interval of attribute `p` (values in string form, `null` for null). */
export function states(r: StateViewResult, p: string): string[] {
  const q = r.ss.quark(p);
  if (q < 0) throw new Error(`no attribute ${p}`);
  return r.ss.intervals(q).map(i => `${i.start}:${i.value === null ? 'null' : String(i.value)}`);
}

/** The value of attribute `p` at time `t`. */
export function at(r: StateViewResult, p: string, t: number): string {
  const v = r.ss.valueAt(r.ss.quark(p), BigInt(t));
  return v === null ? 'null' : String(v);
}
