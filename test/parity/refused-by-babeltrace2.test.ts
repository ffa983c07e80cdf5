/**
 * `funky_trace` and `ctfwriter_JF8nq3` (Trace Compass's CTF writer tests: odd integer sizes, 1-bit alignments,
 * variants, dynamic scopes, big-endian, an empty stream) are refused by babeltrace2 2.0.4 only because their clock
 * offset (`offset_s = 1351530929945824323` seconds) overflows its int64 ns-from-origin. Tracelab must read them:
 *  1. all 100,002 / 100,003 events (Trace Compass's expected counts);
 *  2. values checked by hand from the bytes of the first and of a late, complex event (offsets in comments);
 *  3. every event and field against babeltrace2 reading a copy whose only change is `offset_s = 0`, and
 *     tracelab reading the original gives the same fields and the same time deltas as on the copy.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectParity } from './run-parity';
import { tracePath } from '../helpers/traces';
import { openExperiment, TlCursor } from '../helpers/tracelab-events';
import type { TlEvent } from '../helpers/tracelab-events';
import type { FieldValue } from '../../src/analysis/trace/types';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-refused-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function patchedCopy(rel: string): string {
  const src = tracePath(rel);
  const dst = path.join(tmp, path.basename(rel));
  fs.mkdirSync(dst, { recursive: true });
  for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(dst, f));
  const meta = fs.readFileSync(path.join(dst, 'metadata'), 'utf8');
  const patched = meta.replace('offset_s = 1351530929945824323;', 'offset_s = 0;');
  expect(patched).not.toBe(meta);
  fs.writeFileSync(path.join(dst, 'metadata'), patched);
  return dst;
}

function readEvents(
  dir: string,
  keep: (ev: TlEvent) => boolean
): { count: number; kept: TlEvent[]; error: unknown } {
  const exp = openExperiment([dir]);
  try {
    const cur = new TlCursor(exp);
    const kept: TlEvent[] = [];
    for (let ev = cur.next(); ev !== undefined; ev = cur.next()) if (keep(ev)) kept.push(ev);
    return { count: cur.count, kept, error: cur.error };
  } finally {
    exp.close();
  }
}

function field(ev: TlEvent, name: string): FieldValue | undefined {
  const i = ev.cls.fieldIndex(name);
  return i < 0 ? undefined : ev.values[i];
}

function f64(file: string, offset: number, le: boolean): number {
  const b = fs.readFileSync(file).subarray(offset, offset + 8);
  return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, le);
}

const cases = [
  ['tracecompass/funky_trace', 100_002],
  ['tracecompass/ctfwriter_JF8nq3', 100_003]
] as const;

describe('traces babeltrace2 refuses (clock offset overflow): tracelab reads them', () => {
  test.each(cases)('%s: %d events', (rel, n) => {
    const r = readEvents(tracePath(rel), () => false);
    expect(r.error).toBeUndefined();
    expect(r.count).toBe(n);
  });

  it('funky_trace: values from the bytes', () => {
    const file = tracePath('tracecompass/funky_trace/test_stream_0');
    const r = readEvents(
      tracePath('tracecompass/funky_trace'),
      ev => ev.index === 0 || ev.cls.name === 'Complex Test Event'
    );
    const [first, complex] = r.kept;
    // first packet: header 24 B, context 40 B; event header at 0x40: id u32 LE = 0, timestamp u64 = 0
    expect(first.cls.name).toBe('Simple Event');
    // 0x4c: 2a 00 -> 12-bit LE integer_field = 42; 0x50: align 32, double LE = 3.1415
    expect(field(first, 'integer_field')).toBe(42);
    expect(field(first, 'float_field')).toBe(f64(file, 0x50, true));
    expect(field(first, 'float_field')).toBeCloseTo(3.1415, 10);
    // event at 0x2e8040: id 02 00 00 00 (Complex Test Event), timestamp a1 86 01 .. = 100001 cycles (the first
    // event's is 0: times are compared as deltas below); 0x2e804c: 35-bit LE 0d f0 dd 00 00 = 0xddf00d;
    // 0x2e8054 (align 32): c7 cf = -12345; 0x2e8058: selector 3 bits = 1 (INT16_TYPE); 0x2e8059: "Test string\0";
    // 0x2e8068 (align 32): 38 ff = -200; 0x2e806c: seq_len 35 bits = 10; 0x2e8074..: int16 each align 32: 4,3,...,-5
    expect(complex.index).toBe(100_001);
    expect(field(complex, 'uint_35')).toBe(0xddf00d);
    expect(field(complex, 'int_16')).toBe(-12345);
    const cs = field(complex, 'complex_structure') ?? {
      variant_selector: field(complex, 'complex_structure.variant_selector')!,
      a_string: field(complex, 'complex_structure.a_string')!,
      variant_value: field(complex, 'complex_structure.variant_value')!,
      inner_structure: field(complex, 'complex_structure.inner_structure')!
    };
    const s = cs as Record<string, FieldValue>;
    expect(s.variant_selector).toEqual({ label: 'INT16_TYPE', value: 1 });
    expect(s.a_string).toBe('Test string');
    expect([-200, { INT16_TYPE: -200 }]).toContainEqual(s.variant_value);
    expect(s.inner_structure).toEqual({ seq_len: 10, a_sequence: [4, 3, 2, 1, 0, -1, -2, -3, -4, -5] });
  });

  it('ctfwriter_JF8nq3: values from the bytes (big-endian, 1-bit alignments)', () => {
    const file = tracePath('tracecompass/ctfwriter_JF8nq3/test_stream_0');
    const r = readEvents(tracePath('tracecompass/ctfwriter_JF8nq3'), ev => ev.cls.name === 'Simple Event');
    expect(r.kept.length).toBe(1);
    const ev = r.kept[0];
    // packet context ends with a 5-bit field at 0x43 (0x40 >> 3 = 8) -> event header at 0x44: id 00 00 00 0d = 13,
    // timestamp ..2a = 42 cycles; 0x50: stream event context u32 BE 00 00 00 2a = 42; 0x54: 12 bits 4d 2 = 1234;
    // 0x58 (align 32): s64 BE ff ff ff ff ff ff ff d6 = -42 ("negative_value" = -12345 ... 0);
    // 0x60: 12 bits 02 a = 42 ("truie" = 42); next 12 bits 02 a = 42; 0x64 (align 32): double BE = 3.1415
    expect(field(ev, 'common_event_context')).toBe(42);
    expect(field(ev, 'event_specific_context')).toBe(1234);
    expect(field(ev, 'enum_field')).toEqual({ label: 'negative_value', value: -42 });
    expect(field(ev, 'enum_field_unsigned')).toEqual({ label: 'truie', value: 42 });
    expect(field(ev, 'integer_field')).toBe(42);
    expect(field(ev, 'float_field')).toBe(f64(file, 0x64, false));
    expect(ev.cpu).toBe(-1);
  });

  test.each(cases)(
    '%s: every event and field vs babeltrace2 on a copy with offset_s = 0',
    async rel => {
      const copy = patchedCopy(rel);
      await expectParity('refused-by-babeltrace2', `${rel} (offset_s = 0)`, [copy]);
    },
    300_000
  );

  test.each(cases)('%s: original = copy with offset_s = 0, but for a constant time shift', rel => {
    const copy = patchedCopy(rel);
    const a = openExperiment([tracePath(rel)]);
    const b = openExperiment([copy]);
    try {
      const ca = new TlCursor(a);
      const cb = new TlCursor(b);
      const diffs: string[] = [];
      let shift: bigint | undefined;
      for (let x = ca.next(), y = cb.next(); x || y; x = ca.next(), y = cb.next()) {
        if (!x || !y) {
          diffs.push(`count differs at #${(x ?? y)!.index}`);
          break;
        }
        shift ??= x.ts - y.ts;
        if (BigInt.asIntN(64, x.ts - y.ts - shift) !== 0n) {
          diffs.push(`#${x.index}: time shift ${x.ts - y.ts}`);
        }
        if (x.cls.name !== y.cls.name || JSON.stringify(x.values, big) !== JSON.stringify(y.values, big)) {
          diffs.push(`#${x.index}: fields differ`);
        }
        if (diffs.length > 10) break;
      }
      expect(diffs).toEqual([]);
      expect(ca.error ?? cb.error).toBeUndefined();
    } finally {
      a.close();
      b.close();
    }
  });
});

function big(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `${v}n` : v;
}
