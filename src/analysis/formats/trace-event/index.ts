/**
 * Chrome / Perfetto trace-event JSON (JSON object form `{"traceEvents": [...]}` and array form `[...]`): content
 * sniffing, opening as an `Experiment` (one trace per file, host = file name, one class per event name), and the
 * format-specific analyses: flows (arrows) and counters. Call stacks of B / E / X events come from
 * `analysis/callstack` like every other format's.
 */
import { nodeFileSystem } from '../../io/byte-source';
import type { FileSystemAccess } from '../../io/byte-source';
import { SourceExperiment } from '../../trace/experiment';
import type { Experiment } from '../../trace/types';
import { sniffTraceEvent } from './sniff';
import { TRACE_EVENT_FORMAT_ID, TraceEventSource } from './trace-event-source';

export { TRACE_EVENT_FORMAT_ID, TraceEventSource, parseRecord } from './trace-event-source';
export { sniffTraceEvent, sniffTraceEventBytes } from './sniff';
export { parseLenientJson, JsonNumber, JsonSyntaxError } from './lenient-json';
export type { JsonValue } from './lenient-json';
export { toRecord, microsToNs, UNNAMED } from './event-record';
export type { EventRecord } from './event-record';
export { scanTraceEvents } from './json-scan';
export { traceEventFlows, flowsTable } from './flows';
export type { Flow } from './flows';
export { traceEventCounters, countersTable } from './counters';
export type { CounterSample } from './counters';
export { threadNames } from './names';

export function openTraceEvent(paths: readonly string[], fsa: FileSystemAccess = nodeFileSystem): Experiment {
  const sources: TraceEventSource[] = [];
  try {
    for (const p of paths) sources.push(new TraceEventSource(p, fsa));
  } catch (e) {
    for (const s of sources) s.close();
    throw e;
  }
  return new SourceExperiment(sources);
}

export const traceEventFormat = {
  id: TRACE_EVENT_FORMAT_ID,
  description: 'Chrome / Perfetto trace-event JSON',
  sniff(p: string, fsa: FileSystemAccess = nodeFileSystem): boolean {
    return sniffTraceEvent(p, fsa);
  },
  open(paths: readonly string[], fsa: FileSystemAccess = nodeFileSystem): Experiment {
    return openTraceEvent(paths, fsa);
  }
};
