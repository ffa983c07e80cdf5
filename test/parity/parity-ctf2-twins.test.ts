/**
 * CTF 2 traces (JSON metadata; babeltrace2 2.0.4 reads CTF 1.8 only). Eight of them are CTF 2 versions of
 * babeltrace2 `succeed` traces with byte-identical data streams: tracelab's decoding of the CTF 2 trace is compared,
 * every event and field, with babeltrace2's decoding of the CTF 1.8 twin. The others must decode without error:
 * `CTF2-vl-ints` / `CTF2-vl-ints-mappings` (one event of LEB128 variable-length integers) are checked against the
 * bytes, decoded here independently; `CTF2-7.0-debug-info` (no byte-identical twin) is read through.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CTF2_TWINS } from './corpus';
import { expectParity } from './run-parity';
import { listCtfTraceFolders, relName, streamFiles, tracePath } from '../helpers/traces';
import { errorText, openExperiment, TlCursor } from '../helpers/tracelab-events';
import type { FieldValue } from '../../src/analysis/trace/types';

/** LEB128 fields of the vl-ints stream, in member order: [name, signed]. */
function vlMembers(metadataFile: string): [string, boolean][] {
  const text = fs.readFileSync(metadataFile, 'utf8');
  const out: [string, boolean][] = [];
  const re = /"type": "variable-length-(signed|unsigned)-integer"[^]*?"name": "([a-z0-9]+)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m[2], m[1] === 'signed']);
  return out;
}

/** Independent LEB128 decoding of consecutive values. */
function leb128(bytes: Uint8Array, signed: boolean[]): bigint[] {
  const out: bigint[] = [];
  let pos = 0;
  for (const s of signed) {
    let v = 0n;
    let shift = 0n;
    let b: number;
    do {
      b = bytes[pos++];
      v |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (s && b & 0x40) v -= 1n << shift;
    out.push(v);
  }
  expect(pos).toBe(bytes.length);
  return out;
}

function intValue(v: FieldValue | undefined): bigint | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return BigInt(v);
  if (typeof v === 'object' && v !== null && 'value' in v) return intValue(v.value as FieldValue);
  return undefined;
}

describe('CTF 2 traces', () => {
  test.each(Object.entries(CTF2_TWINS))(
    '%s = babeltrace2 reading its CTF 1.8 twin %s',
    async (ctf2, twin) => {
      const a = streamFiles(tracePath(ctf2)).map(f => [
        path.basename(f),
        fs.readFileSync(f).toString('base64')
      ]);
      const b = streamFiles(tracePath(twin)).map(f => [
        path.basename(f),
        fs.readFileSync(f).toString('base64')
      ]);
      expect(a).toEqual(b);
      await expectParity('parity-ctf2-twins', ctf2, [tracePath(twin)], { tlInputs: [tracePath(ctf2)] });
    }
  );

  test.each(['tracecompass/CTF2-vl-ints', 'tracecompass/CTF2-vl-ints-mappings'])('%s: LEB128 values', rel => {
    const dir = tracePath(rel);
    const members = vlMembers(path.join(dir, 'metadata'));
    expect(members.length).toBe(25);
    const expected = leb128(
      new Uint8Array(fs.readFileSync(path.join(dir, 'stream'))),
      members.map(m => m[1])
    );
    const exp = openExperiment([dir]);
    try {
      const cur = new TlCursor(exp);
      const ev = cur.next();
      expect(cur.next()).toBeUndefined();
      expect(cur.error).toBeUndefined();
      const got = members.map(([name]) => intValue(ev!.values[ev!.cls.fieldIndex(name)]));
      expect(got).toEqual(expected);
    } finally {
      exp.close();
    }
  });

  const all = listCtfTraceFolders(tracePath('tracecompass')).filter(t =>
    path.basename(t).startsWith('CTF2-')
  );
  test.each(all.map(t => [relName(t), t]))('%s decodes without error', (_l, dir) => {
    const exp = openExperiment([dir]);
    try {
      expect(exp.traces[0].format).toBe('ctf2');
      const cur = new TlCursor(exp);
      while (cur.next() !== undefined);
      expect(cur.error === undefined ? 'ok' : errorText(cur.error)).toBe('ok');
      expect(cur.count).toBeGreaterThan(0);
    } finally {
      exp.close();
    }
  });
});
