/**
 * ftrace text traces (`/sys/kernel/tracing/trace` output and `trace-cmd report` output): content sniffing and
 * opening as an `Experiment` (one trace per file, host = file name). Kernel events are named `system:event` with
 * the tracepoints' field names, so the kernel model reads them with its perf layout (see `systems.ts`).
 */
import { nodeFileSystem } from '../../io/byte-source';
import type { FileSystemAccess } from '../../io/byte-source';
import { SourceExperiment } from '../../trace/experiment';
import type { Experiment } from '../../trace/types';
import { FTRACE_FORMAT_ID, FtraceSource } from './ftrace-source';
import { sniffFtrace } from './sniff';

export { FTRACE_FORMAT_ID, FtraceSource } from './ftrace-source';
export { parseLine, timestampNs } from './line';
export type { LineHeader, LineKind } from './line';
export { parseBody, keyValues, prevState } from './body';
export type { ParsedField } from './body';
export { qualifiedName } from './systems';
export { sniffFtrace, sniffFtraceText } from './sniff';

export function openFtrace(paths: readonly string[], fsa: FileSystemAccess = nodeFileSystem): Experiment {
  const sources: FtraceSource[] = [];
  try {
    for (const p of paths) sources.push(new FtraceSource(p, fsa));
  } catch (e) {
    for (const s of sources) s.close();
    throw e;
  }
  return new SourceExperiment(sources);
}

export const ftraceFormat = {
  id: FTRACE_FORMAT_ID,
  description: 'ftrace text (tracefs `trace` file, trace-cmd report)',
  sniff(p: string, fsa: FileSystemAccess = nodeFileSystem): boolean {
    return sniffFtrace(p, fsa);
  },
  open(paths: readonly string[], fsa: FileSystemAccess = nodeFileSystem): Experiment {
    return openFtrace(paths, fsa);
  }
};
