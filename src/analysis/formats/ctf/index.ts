/**
 * The CTF format (CTF 1.8 TSDL and CTF 2 JSON metadata, LTTng and perf producers): content sniffing, trace folder
 * discovery (a folder whose subfolders hold traces — an LTTng session — is one experiment), and opening.
 */
import * as path from 'node:path';
import type { FileSystemAccess } from '../../io/byte-source';
import { expectReads, nodeFileSystem } from '../../io/byte-source';
import { SourceExperiment } from '../../trace/experiment';
import type { Experiment } from '../../trace/types';
import { readTraceClass, metadataPath } from './metadata';
import { CtfTrace } from './reader/ctf-trace';

export const CTF_FORMAT_ID = 'ctf';
const MAX_DEPTH = 8;

/** Trace folders at or under `dir` (folders holding a `metadata` file), depth first, sorted. */
export function findCtfTraces(dir: string, fsa: FileSystemAccess, depth = 0): string[] {
  if (!fsa.isDirectory(dir)) return [];
  if (fsa.exists(metadataPath(fsa, dir)) && !fsa.isDirectory(metadataPath(fsa, dir))) return [dir];
  if (depth >= MAX_DEPTH) return [];
  const out: string[] = [];
  for (const name of fsa.list(dir)) {
    if (name.startsWith('.')) continue;
    out.push(...findCtfTraces(fsa.join(dir, name), fsa, depth + 1));
  }
  return out;
}

/** A path opened as CTF: a trace folder, a folder of trace folders, or a `metadata` file. */
function traceRoot(p: string, fsa: FileSystemAccess): string {
  return !fsa.isDirectory(p) && path.basename(p) === 'metadata' ? path.dirname(p) : p;
}

/** Stream label prefix: the trace folder relative to the opened folder, or its own name. */
function labelOf(root: string, dir: string): string {
  const rel = path.relative(root, dir);
  return rel === '' ? path.basename(path.resolve(dir)) : rel.split(path.sep).join('/');
}

export function openCtfTraces(paths: readonly string[], fsa: FileSystemAccess = nodeFileSystem): CtfTrace[] {
  const traces: CtfTrace[] = [];
  const releases: (() => void)[] = [];
  try {
    for (const p of paths) {
      const root = traceRoot(p, fsa);
      const dirs = findCtfTraces(root, fsa);
      if (dirs.length === 0) throw new Error(`${p}: no CTF trace (no metadata file in it or under it)`);
      for (const dir of dirs) {
        releases.push(
          expectReads(
            fsa,
            fsa.list(dir).map(n => fsa.join(dir, n))
          )
        );
        const tc = readTraceClass(fsa, dir);
        traces.push(new CtfTrace(dir, fsa, tc, metadataPath(fsa, dir), labelOf(root, dir)));
      }
    }
  } catch (e) {
    for (const t of traces) t.close();
    throw e;
  } finally {
    // Early reads of files no stream took (not stream files, or a failed open).
    for (const release of releases) release();
  }
  return traces;
}

export const ctfFormat = {
  id: CTF_FORMAT_ID,
  description: 'Common Trace Format 1.8 / 2 (LTTng, perf data convert --to-ctf, barectf)',
  /** A folder with a `metadata` file in it or under it, or a `metadata` file. */
  sniff(p: string, fsa: FileSystemAccess = nodeFileSystem): boolean {
    return findCtfTraces(traceRoot(p, fsa), fsa).length > 0;
  },
  open(paths: readonly string[], fsa: FileSystemAccess = nodeFileSystem): Experiment {
    return new SourceExperiment(openCtfTraces(paths, fsa));
  }
};
