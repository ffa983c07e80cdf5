/**
 * Test helpers for the CTF 2 metadata front end: build JSON text sequences from fragment objects, and a
 * minimal valid metadata stream around one payload field class.
 */

import * as path from 'path';
import type { FieldClass, StructFC } from '../../src/analysis/formats/ctf/ir';

export const CORPUS = path.join(process.cwd(), '..', 'shared', 'traces', 'tracecompass');

/** A JSON text sequence: RS + JSON + LF per fragment (strings are inserted as raw JSON text). */
export function seq(...fragments: unknown[]): Uint8Array {
  const text = fragments.map(f => `\x1e${typeof f === 'string' ? f : JSON.stringify(f, null, 2)}\n`).join('');
  return new TextEncoder().encode(text);
}

export const PREAMBLE = { type: 'preamble', version: 2 };
export const DSC = { type: 'data-stream-class' };

export function member(name: string, fc: unknown): { name: string; 'field-class': unknown } {
  return { name, 'field-class': fc };
}

export function struct(...members: unknown[]): { type: 'structure'; 'member-classes': unknown[] } {
  return { type: 'structure', 'member-classes': members };
}

export const U8 = { type: 'fixed-length-unsigned-integer', length: 8, 'byte-order': 'little-endian' };
export const STR = { type: 'null-terminated-string' };

/** preamble, data stream class 0, event record class 0 "ev" with the given payload members. */
export function withPayload(...members: unknown[]): Uint8Array {
  return seq(PREAMBLE, DSC, {
    type: 'event-record-class',
    name: 'ev',
    'payload-field-class': struct(...members)
  });
}

/** `fc` narrowed to `kind` (fails the test otherwise). */
export function asKind<K extends FieldClass['kind']>(
  fc: FieldClass | undefined,
  kind: K
): Extract<FieldClass, { kind: K }> {
  expect(fc?.kind).toBe(kind);
  return fc as Extract<FieldClass, { kind: K }>;
}

/** The field class of member `name` of `s`. */
export function memberFc(s: StructFC | undefined, name: string): FieldClass | undefined {
  return s?.members.find(m => m.name === name)?.fc;
}
