/**
 * Test helper: a synthetic experiment from a compact list of events, written as a Trace Compass XML stub trace in
 * memory and opened with the real XML stub reader (so the call-stack code sees an ordinary `Experiment`).
 */
import { MemoryByteSource } from '../../src/analysis/io/byte-source';
import type { FileSystemAccess } from '../../src/analysis/io/byte-source';
import { openXmlStubExperiment } from '../../src/analysis/formats/xml-stub';
import type { Experiment } from '../../src/analysis/trace/types';

/** [ts, event name, fields] — integer fields are written as `long`, strings as `string`. */
export type StubEvent = [number, string, Record<string, number | string>];

function xmlOf(events: readonly StubEvent[]): string {
  const lines = events.map(([ts, name, fields]) => {
    const fs = Object.entries({ cpu: 0, ...fields }).map(([k, v]) =>
      typeof v === 'number'
        ? `<field name="${k}" value="${v}" type="long"/>`
        : `<field name="${k}" value="${v}" type="string"/>`
    );
    return `<event timestamp="${ts}" name="${name}">${fs.join('')}</event>`;
  });
  return `<trace>\n${lines.join('\n')}\n</trace>\n`;
}

/** An in-memory file system holding `files` (name → text). */
export function memoryFs(files: Record<string, string>): FileSystemAccess {
  const bytes = (p: string): Uint8Array => new TextEncoder().encode(files[p]);
  return {
    isDirectory: () => false,
    exists: p => p in files,
    list: () => Object.keys(files).sort(),
    open: p => new MemoryByteSource(bytes(p), p),
    readAll: p => bytes(p),
    join: (...parts) => parts.join('/')
  };
}

export function stubExperiment(events: readonly StubEvent[]): Experiment {
  return openXmlStubExperiment(['stub.xml'], memoryFs({ 'stub.xml': xmlOf(events) }));
}
