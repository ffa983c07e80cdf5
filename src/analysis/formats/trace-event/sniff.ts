/**
 * Content sniffing for trace-event JSON: the file starts (after white space and a byte-order mark) with `{` and
 * has a top-level `traceEvents` member, or with `[` and one of its first object elements has a `ph` member (some
 * files start with empty objects). Files of other JSON shapes (arrays of arrays, span lists) are refused.
 *
 * Scope: looks at the first 1 MiB only, through the same scanner and lenient parser as the reader.
 */
import type { ByteSource, FileSystemAccess } from '../../io/byte-source';
import { MemoryByteSource } from '../../io/byte-source';
import { scanTraceEvents } from './json-scan';
import { parseLenientJson } from './lenient-json';

const PREFIX = 1 << 20;
const MAX_OBJECTS = 16;

/** True when `bytes` (a file prefix) looks like trace-event JSON. */
export function sniffTraceEventBytes(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13)) i++;
  const first = bytes[i];
  if (first !== 0x7b && first !== 0x5b) return false;
  const src: ByteSource = new MemoryByteSource(bytes);
  let hasPh = false;
  let seen = 0;
  const summary = scanTraceEvents(src, {
    object(_offset, _length, obj) {
      if (hasPh || seen >= MAX_OBJECTS) return;
      seen++;
      try {
        const v = parseLenientJson(new TextDecoder('utf-8').decode(obj));
        if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'ph' in v) hasPh = true;
      } catch {
        // a malformed first object does not decide
      }
    }
  });
  return summary.form === 'object' || (summary.form === 'array' && hasPh);
}

export function sniffTraceEvent(p: string, fsa: FileSystemAccess): boolean {
  if (!fsa.exists(p) || fsa.isDirectory(p)) return false;
  const src = fsa.open(p);
  try {
    return sniffTraceEventBytes(src.read(0, PREFIX));
  } finally {
    src.close();
  }
}
