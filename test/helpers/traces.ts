/**
 * The shared trace corpus (`../shared/traces`, read-only) as tests see it: its location, every CTF trace folder in
 * it (a folder holding a `metadata` file), the session folders (several traces opened as one experiment), and the
 * stream files of a trace.
 *
 * Scope: file-system listing only; no decoding. Paths returned are absolute.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The corpus root: `<project>/../shared/traces`. */
export const TRACES = path.resolve(__dirname, '..', '..', '..', 'shared', 'traces');

/** `TRACES/<rel>` */
export function tracePath(rel: string): string {
  return path.join(TRACES, rel);
}

/** The corpus-relative name of an absolute path (for test titles and reports). */
export function relName(abs: string): string {
  return path.relative(TRACES, abs) || '.';
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function subdirs(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter(e => e.isDirectory())
    .map(e => path.join(dir, e.name))
    .sort();
}

/** Every folder under `root` (itself included) that holds a `metadata` file: one CTF trace each. Sorted. */
export function listCtfTraceFolders(root: string = TRACES): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (isFile(path.join(dir, 'metadata'))) out.push(dir);
    for (const d of subdirs(dir)) walk(d);
  };
  walk(root);
  return out.sort();
}

/**
 * Session folders: folders without their own `metadata` that hold several traces read together, the outermost
 * such folder only — LTTng session layouts (every trace below lies under a `kernel/` or `ust/` folder: a session,
 * a session of rotated chunks) and the corpus's multi-trace experiments named in its README (`exp-subset`,
 * `synctraces`).
 */
export function listSessionFolders(root: string = TRACES): string[] {
  const named = new Set(['exp-subset', 'synctraces']);
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (isFile(path.join(dir, 'metadata'))) return;
    const traces = listCtfTraceFolders(dir);
    const lttng = traces.every(t =>
      path
        .relative(dir, t)
        .split(path.sep)
        .some(c => c === 'kernel' || c === 'ust')
    );
    if (traces.length > 0 && (lttng || named.has(path.basename(dir)))) {
      out.push(dir);
      return;
    }
    for (const d of subdirs(dir)) walk(d);
  };
  walk(root);
  return out.sort();
}

/**
 * The data stream files of a trace folder: regular files other than `metadata`, not starting with a dot, outside
 * `index/`. (babeltrace2 and LTTng treat every such file as a stream.)
 */
export function streamFiles(traceDir: string): string[] {
  return fs
    .readdirSync(traceDir, { withFileTypes: true })
    .filter(e => e.isFile() && e.name !== 'metadata' && !e.name.startsWith('.'))
    .map(e => path.join(traceDir, e.name))
    .sort();
}

/** True when the trace folder has stream files of non-zero total size. */
export function hasStreamData(traceDir: string): boolean {
  return streamFiles(traceDir).some(f => fs.statSync(f).size > 0);
}
