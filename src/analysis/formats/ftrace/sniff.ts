/**
 * Content sniffing for ftrace text: a file (not a folder) whose first lines are ftrace headers (`# tracer:`,
 * `cpus=`, `version =`) or whose first non-comment lines are event lines (`comm-pid [cpu] … ts: …`).
 *
 * Scope: reads the first 64 KiB; accepts when a `# tracer:` header is present with at least one event line, or when
 * at least 3 of the first 20 candidate lines (all of them if fewer) parse as events and they are the majority.
 */
import type { FileSystemAccess } from '../../io/byte-source';
import { parseLine } from './line';

const PREFIX = 1 << 16;

export function sniffFtraceText(text: string, complete: boolean): boolean {
  const lines = text.split('\n');
  if (!complete) lines.pop();
  let tracerHeader = false;
  let events = 0;
  let others = 0;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (/^#\s*tracer:/.test(line)) tracerHeader = true;
    if (line.trim() === '' || line.startsWith('#') || /^(cpus=\d+|version\s*=)/.test(line)) continue;
    if (/^\s*(CPU:?\s*\d+|#{3,})/.test(line)) continue;
    if (parseLine(line).kind === 'event') events++;
    else others++;
    if (events + others >= 20) break;
  }
  if (tracerHeader && events > 0) return true;
  return events >= Math.min(3, events + others) && events > others && events > 0;
}

export function sniffFtrace(p: string, fsa: FileSystemAccess): boolean {
  if (!fsa.exists(p) || fsa.isDirectory(p)) return false;
  const src = fsa.open(p);
  try {
    const bytes = src.read(0, PREFIX);
    if (bytes.includes(0)) return false;
    return sniffFtraceText(new TextDecoder('utf-8').decode(bytes), bytes.length >= src.size);
  } finally {
    src.close();
  }
}
