/**
 * JSON text sequences (RFC 7464) as used by CTF 2 metadata streams.
 *
 * Scope: recognise a CTF 2 metadata stream by its first byte, split it into records (each JSON text is preceded
 * by the record separator RS, U+001E) and parse each record. Records are numbered from 1 in order of their RS,
 * which is the `line` of the `MetadataError`s the front end raises. Empty records (RS RS) are skipped.
 */

import { MetadataError } from '../../ir';
import type { JsonValue } from './json-parse';
import { JsonSyntaxError, lineColumnAt, parseJson } from './json-parse';

const RS = 0x1e;

function isJsonWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** True if `bytes` start with RS, possibly after JSON whitespace: a CTF 2 (JSON text sequence) metadata stream. */
export function isCtf2Metadata(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b === RS) return true;
    if (!isJsonWhitespace(b)) return false;
  }
  return false;
}

export interface JsonRecord {
  /** 1-based record index. */
  index: number;
  value: JsonValue;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function parseRecord(bytes: Uint8Array, index: number, file: string): JsonRecord | undefined {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new MetadataError('record is not valid UTF-8', file, index);
  }
  if (text.trim() === '') return undefined;
  try {
    return { index, value: parseJson(text) };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const at = lineColumnAt(text, e.offset);
    throw new MetadataError(
      `invalid JSON (${e.message} at line ${at.line}, column ${at.column} of the record)`,
      file,
      index
    );
  }
}

/** Splits and parses every record. Throws `MetadataError` for text before the first RS or invalid JSON. */
export function parseJsonSequence(bytes: Uint8Array, file: string): JsonRecord[] {
  let start = bytes.indexOf(RS);
  if (start < 0 || !bytes.subarray(0, start).every(isJsonWhitespace)) {
    throw new MetadataError(
      'not a CTF 2 metadata stream (expected a JSON text sequence starting with RS)',
      file
    );
  }
  const records: JsonRecord[] = [];
  let index = 0;
  while (start >= 0) {
    index++;
    const next = bytes.indexOf(RS, start + 1);
    const end = next < 0 ? bytes.length : next;
    const record = parseRecord(bytes.subarray(start + 1, end), index, file);
    if (record) records.push(record);
    start = next;
  }
  return records;
}
