/**
 * JSON point series — a document that is an array of `[x, y]` number pairs, as performance dashboards export
 * (the `dashboard_test_points.json` of catapult's test data) — read as one counter: one record per point, shaped
 * like a trace-event counter event (`ph: "C"`, class `value`, `args.value` = y, `index` = position in the
 * document), so counter tables and charts read it like any other counter.
 *
 * `x` is the timestamp in ns and must be an integer (read exactly from its digits, also beyond 2^53). Dashboard
 * x values are not trace-event microseconds: the corpus file's 2.66e16 would overflow 64-bit ns as µs.
 */
import { nodeFileSystem } from '../../io/byte-source';
import type { FileSystemAccess } from '../../io/byte-source';
import { SourceExperiment } from '../../trace/experiment';
import type { Experiment } from '../../trace/types';
import { documentText, MemoryRecordSource } from '../memory-source';
import type { MemoryRecord } from '../memory-source';
import { JsonNumber, JsonSyntaxError, parseLenientJson } from '../trace-event/lenient-json';
import type { JsonValue } from '../trace-event/lenient-json';

export const JSON_POINTS_FORMAT_ID = 'json-points';
const PREFIX = 4096;

export class JsonPointsError extends Error {
  constructor(file: string, what: string) {
    super(`${file}: not a readable JSON point series: ${what}`);
    this.name = 'JsonPointsError';
  }
}

/** True when the text starts `[[number, number` (white space allowed). */
export function sniffPointsText(prefix: string): boolean {
  return /^\s*\[\s*\[\s*-?\d[\d.eE+-]*\s*,\s*-?[\d.]/.test(prefix);
}

function pointRecord(file: string, p: JsonValue, k: number): MemoryRecord {
  if (!Array.isArray(p) || p.length !== 2 || !(p[0] instanceof JsonNumber) || !(p[1] instanceof JsonNumber)) {
    throw new JsonPointsError(file, `element ${k} is not an [x, y] pair of numbers`);
  }
  const [x, y] = p;
  if (!/^-?\d+$/.test(x.raw)) throw new JsonPointsError(file, `element ${k}: x = ${x.raw} is not an integer`);
  const ts = BigInt(x.raw);
  if (ts >= 2n ** 63n || ts < -(2n ** 63n)) {
    throw new JsonPointsError(file, `element ${k}: x out of 64-bit range`);
  }
  return {
    name: 'value',
    ts,
    fields: [
      { name: 'ph', kind: 'string', value: 'C', raw: 'C' },
      { name: 'index', kind: 'int', value: k, raw: String(k) },
      { name: 'args.value', kind: 'float', value: y.value, raw: y.raw }
    ]
  };
}

function openOne(p: string, fsa: FileSystemAccess): MemoryRecordSource {
  let doc: JsonValue;
  try {
    doc = parseLenientJson(documentText(fsa.readAll(p)));
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new JsonPointsError(p, e.message);
    throw e;
  }
  if (!Array.isArray(doc)) throw new JsonPointsError(p, 'the document is not an array');
  const records = doc.map((pt, k) => pointRecord(p, pt, k));
  const env = { points: BigInt(records.length) };
  return new MemoryRecordSource(records, {
    file: p,
    format: JSON_POINTS_FORMAT_ID,
    tracer: 'json-points',
    env
  });
}

export function openJsonPoints(paths: readonly string[], fsa: FileSystemAccess = nodeFileSystem): Experiment {
  return new SourceExperiment(paths.map(p => openOne(p, fsa)));
}

export const jsonPointsFormat = {
  id: JSON_POINTS_FORMAT_ID,
  description: 'JSON series of [x, y] points (x: ns)',
  sniff(p: string, fsa: FileSystemAccess = nodeFileSystem): boolean {
    if (!fsa.exists(p) || fsa.isDirectory(p)) return false;
    const src = fsa.open(p);
    try {
      return sniffPointsText(documentText(src.read(0, PREFIX)));
    } finally {
      src.close();
    }
  },
  open(paths: readonly string[], fsa: FileSystemAccess = nodeFileSystem): Experiment {
    return openJsonPoints(paths, fsa);
  }
};
