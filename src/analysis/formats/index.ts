/**
 * Format registry: each trace format is `{ id, description, sniff(path, fsa), open(paths, fsa) }`. `sniff` looks
 * at content (never at the file name alone); `open` opens paths of that format as one `Experiment`.
 * `findFormat` returns the first format whose sniff accepts a path; add new formats with `registerFormat` (or to
 * the list below).
 */
import type { FileSystemAccess } from '../io/byte-source';
import type { Experiment } from '../trace/types';
import { ctfFormat } from './ctf';
import { ftraceFormat } from './ftrace';
import { gcloudTraceFormat } from './gcloud-trace';
import { jsonPointsFormat } from './json-points';
import { traceEventFormat } from './trace-event';
import { xmlStubFormat } from './xml-stub';

export interface TraceFormat {
  readonly id: string;
  readonly description: string;
  sniff(path: string, fsa: FileSystemAccess): boolean;
  open(paths: readonly string[], fsa: FileSystemAccess): Experiment;
}

const registry: TraceFormat[] = [
  ctfFormat,
  xmlStubFormat,
  ftraceFormat,
  traceEventFormat,
  gcloudTraceFormat,
  jsonPointsFormat
];

export function registerFormat(format: TraceFormat): void {
  if (!registry.some(f => f.id === format.id)) registry.push(format);
}

export function traceFormats(): readonly TraceFormat[] {
  return registry;
}

export function findFormat(path: string, fsa: FileSystemAccess): TraceFormat | undefined {
  return registry.find(f => f.sniff(path, fsa));
}
