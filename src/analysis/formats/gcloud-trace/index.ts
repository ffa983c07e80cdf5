/**
 * Google Cloud Trace JSON (the v1 API's `{projectId, traceId, spans}` trace, or `{traces: [...]}`), the span
 * format catapult's trace viewer imports beside trace-event JSON: content sniffing and opening as an
 * `Experiment` whose records look like trace-event complete events (see `spans.ts`).
 */
import { nodeFileSystem } from '../../io/byte-source';
import type { FileSystemAccess } from '../../io/byte-source';
import { SourceExperiment } from '../../trace/experiment';
import type { Experiment } from '../../trace/types';
import { documentText, MemoryRecordSource } from '../memory-source';
import { JsonSyntaxError, parseLenientJson } from '../trace-event/lenient-json';
import { GcloudTraceError, gcloudRecords } from './spans';

export { rfc3339ToNs, gcloudRecords, GcloudTraceError } from './spans';

export const GCLOUD_TRACE_FORMAT_ID = 'gcloud-trace';
const PREFIX = 1 << 16;

/** True when the text starts a JSON object with a `spans` (or `traces`) array of spans with RFC 3339 times. */
export function sniffGcloudText(prefix: string): boolean {
  if (!/^\s*\{/.test(prefix) || /"traceEvents"\s*:/.test(prefix)) return false;
  return /"(spans|traces)"\s*:\s*\[/.test(prefix) && /"startTime"\s*:\s*"\d{4}-\d\d-\d\dT/.test(prefix);
}

function sniff(p: string, fsa: FileSystemAccess): boolean {
  if (!fsa.exists(p) || fsa.isDirectory(p)) return false;
  const src = fsa.open(p);
  try {
    return sniffGcloudText(documentText(src.read(0, PREFIX)));
  } finally {
    src.close();
  }
}

function openOne(p: string, fsa: FileSystemAccess): MemoryRecordSource {
  let doc;
  try {
    doc = parseLenientJson(documentText(fsa.readAll(p)));
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new GcloudTraceError(p, e.message);
    throw e;
  }
  const env: Record<string, string | bigint> = {};
  const records = gcloudRecords(p, doc, env);
  return new MemoryRecordSource(records, {
    file: p,
    format: GCLOUD_TRACE_FORMAT_ID,
    tracer: 'gcloud-trace',
    env
  });
}

export function openGcloudTrace(
  paths: readonly string[],
  fsa: FileSystemAccess = nodeFileSystem
): Experiment {
  return new SourceExperiment(paths.map(p => openOne(p, fsa)));
}

export const gcloudTraceFormat = {
  id: GCLOUD_TRACE_FORMAT_ID,
  description: 'Google Cloud Trace JSON (spans)',
  sniff(p: string, fsa: FileSystemAccess = nodeFileSystem): boolean {
    return sniff(p, fsa);
  },
  open(paths: readonly string[], fsa: FileSystemAccess = nodeFileSystem): Experiment {
    return openGcloudTrace(paths, fsa);
  }
};
