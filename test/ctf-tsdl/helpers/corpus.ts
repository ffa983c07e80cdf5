/**
 * Access to the shared trace corpus for the TSDL tests: locating metadata files and parsing them.
 */

import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { TraceClass } from '../../../src/analysis/formats/ctf/ir';
import { parseTsdlMetadata } from '../../../src/analysis/formats/ctf/metadata/tsdl';

export const TRACES = path.resolve(__dirname, '../../../../shared/traces');

/** Relative paths (from TRACES) of every `metadata` file; CTF 2 traces excluded. */
export function metadataFiles(): string[] {
  const acc: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'metadata') acc.push(path.relative(TRACES, p));
    }
  };
  walk(TRACES);
  return acc.filter(f => !/(^|\/)CTF2-/.test(f)).sort();
}

export function readMetadata(rel: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(TRACES, rel)));
}

export function parseCorpus(rel: string): TraceClass {
  return parseTsdlMetadata(readMetadata(rel), rel);
}

/** babeltrace2's summaries (see fixtures/make-bt2-summaries.js), by trace directory. */
export function bt2Summaries(): Record<string, string[]> {
  const gz = fs.readFileSync(path.join(__dirname, '../fixtures/bt2-trace-classes.json.gz'));
  return JSON.parse(zlib.gunzipSync(gz).toString('utf8')) as Record<string, string[]>;
}
