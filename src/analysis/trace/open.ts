/**
 * `openExperiment`: opens trace paths of any registered format (detected by content) as one `Experiment`.
 * Paths of the same format are opened together by that format; several formats are combined and merged by time.
 */
import { findFormat, traceFormats } from '../formats';
import type { TraceFormat } from '../formats';
import { nodeFileSystem } from '../io/byte-source';
import type { FileSystemAccess } from '../io/byte-source';
import { CombinedExperiment } from './combine';
import type { Experiment } from './types';

export function openExperiment(paths: string[], fsa: FileSystemAccess = nodeFileSystem): Experiment {
  if (paths.length === 0) throw new Error('no trace path given');
  const groups = new Map<TraceFormat, string[]>();
  for (const p of paths) {
    if (!fsa.exists(p)) throw new Error(`${p}: no such file or folder`);
    const format = findFormat(p, fsa);
    if (!format) {
      const known = traceFormats()
        .map(f => f.description)
        .join('; ');
      throw new Error(`${p}: not a trace of a known format (${known})`);
    }
    const g = groups.get(format);
    if (g) g.push(p);
    else groups.set(format, [p]);
  }
  const parts: Experiment[] = [];
  try {
    for (const [format, ps] of groups) parts.push(format.open(ps, fsa));
  } catch (e) {
    for (const x of parts) x.close();
    throw e;
  }
  return parts.length === 1 ? parts[0] : new CombinedExperiment(parts);
}
