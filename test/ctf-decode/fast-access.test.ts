/**
 * The fast field-access paths added for speed must give exactly what the column classes give: `ClassView`
 * (typed-array views of integer columns) against `IntCol` / `WideCol` on edge values, the short-string cache
 * `TextCache` (hits verified byte by byte, non-ASCII refused) and the frozen-column arena (8-byte aligned,
 * independent copies).
 */
import { BytesCol, IntCol, WideCol } from '../../src/analysis/formats/ctf/decode/columns';
import { frozenAlloc, frozenCopy } from '../../src/analysis/formats/ctf/decode/freeze-arena';
import { TextCache } from '../../src/analysis/formats/ctf/decode/text-cache';
import { ClassView } from '../../src/analysis/formats/ctf/reader/class-view';

function wide(signed: boolean, values: bigint[], labels = false): WideCol {
  const c = new WideCol(
    signed,
    labels ? { labels: ['big'], ranges: [0, 2 ** 60, 0], bigRanges: [[0n, 1n << 60n, 0]] } : undefined
  );
  c.resize(values.length);
  values.forEach((v, r) => {
    const u = BigInt.asUintN(64, v);
    c.a[2 * r] = Number(u & 0xffffffffn);
    c.a[2 * r + 1] = Number(u >> 32n);
  });
  return c.freeze(values.length);
}

function narrow(signed: boolean, values: number[]): IntCol {
  const c = new IntCol(signed);
  c.resize(values.length);
  values.forEach((v, r) => (c.a[r] = v));
  return c.freeze(values.length);
}

describe('ClassView', () => {
  const u64 = [0n, 1n, (1n << 53n) - 1n, 1n << 53n, 0xffffffff81000000n, (1n << 64n) - 1n];
  const s64 = [0n, -1n, -(1n << 53n), (1n << 63n) - 1n, -(1n << 63n), 12345678901n];
  const u32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff];
  const s32 = [0, -1, -0x80000000, 0x7fffffff];
  const cols = [
    wide(false, u64),
    wide(true, s64),
    narrow(false, u32),
    narrow(true, s32),
    wide(false, u64.slice(0, 4), true)
  ];
  const view = new ClassView(cols);

  it('matches the columns on int, bigint and value for every row', () => {
    cols.forEach((c, f) => {
      const n = c instanceof WideCol ? c.a.length / 2 : (c as IntCol).a.length;
      for (let r = 0; r < n; r++) {
        expect(view.int(r, f)).toBe(c.num(r));
        expect(view.bigint(r, f)).toBe(c.big(r));
        expect(view.value(r, f)).toEqual(c.val(r));
      }
    });
  });

  it('gives exact 64-bit values and numbers only when safe', () => {
    expect(view.bigint(4, 0)).toBe(0xffffffff81000000n);
    expect(view.bigint(5, 0)).toBe((1n << 64n) - 1n);
    expect(view.bigint(4, 1)).toBe(-(1n << 63n));
    expect(view.value(2, 0)).toBe(2 ** 53 - 1);
    expect(view.value(3, 0)).toBe(1n << 53n);
    expect(view.value(2, 1)).toBe(-(1n << 53n));
    expect(view.value(1, 1)).toBe(-1);
    expect(view.int(3, 2)).toBe(0x80000000);
    expect(view.value(2, 3)).toBe(-0x80000000);
    expect(view.value(1, 4)).toEqual({ label: 'big', value: 1 });
  });

  it('answers NaN / undefined for fields the class does not have', () => {
    expect(view.int(0, 9)).toBeNaN();
    expect(view.bigint(0, 9)).toBeUndefined();
    expect(view.value(0, 9)).toBeUndefined();
    expect(view.str(0, 9)).toBeUndefined();
  });
});

describe('TextCache', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
  const get = (c: TextCache, b: Uint8Array, s: number, e: number): string | undefined =>
    c.get(b, s, e, new DataView(b.buffer, b.byteOffset, b.byteLength));

  it('returns the exact text, from the cache after the first read', () => {
    const c = new TextCache();
    const b = bytes('xxswapper/0yy');
    const first = get(c, b, 2, 11);
    expect(first).toBe('swapper/0');
    expect(get(c, bytes('swapper/0'), 0, 9)).toBe('swapper/0');
    expect(get(c, b, 0, 0)).toBe('');
  });

  it('never returns a different string of the same slot', () => {
    const c = new TextCache();
    // Same length, first, middle and last bytes: same slot, different text.
    expect(get(c, bytes('abXcd'), 0, 5)).toBe('abXcd');
    expect(get(c, bytes('aYXcd'), 0, 5)).toBe('aYXcd');
    expect(get(c, bytes('abXcd'), 0, 5)).toBe('abXcd');
    // Differences in a later whole word, and in the bytes after the last whole word.
    expect(get(c, bytes('abcdefgXi'), 0, 9)).toBe('abcdefgXi');
    expect(get(c, bytes('abcdefgYi'), 0, 9)).toBe('abcdefgYi');
    expect(get(c, bytes('abcdefghXj'), 0, 10)).toBe('abcdefghXj');
    expect(get(c, bytes('abcdefghYj'), 0, 10)).toBe('abcdefghYj');
    expect(get(c, bytes('zzabcdefghYj'), 2, 12)).toBe('abcdefghYj');
  });

  it('refuses non-ASCII and long text (the caller decodes it)', () => {
    const c = new TextCache();
    expect(get(c, bytes('café'), 0, 5)).toBeUndefined();
    expect(get(c, bytes('x'.repeat(100)), 0, 100)).toBeUndefined();
  });

  it('is used by string columns without changing their values', () => {
    const col = new BytesCol('utf8');
    col.resize(3);
    const data = bytes('kworker/1:2\0café\0kworker/1:2\0');
    col.push(0, data, 0, 11);
    col.push(1, data, 12, 17);
    col.push(2, data, 18, 29);
    const f = col.freeze(3);
    expect([f.str(0), f.str(1), f.str(2)]).toEqual(['kworker/1:2', 'café', 'kworker/1:2']);
    expect(f.val(1)).toBe('café');
  });
});

describe('frozen-column arena', () => {
  it('copies into 8-byte aligned, independent slices', () => {
    const a = new Uint8Array([1, 2, 3]);
    const b = new Int32Array([7, 8, 9, 10]);
    const ca = frozenCopy(a, 3);
    const cb = frozenCopy(b, 2);
    const cz = frozenAlloc(Float64Array, 4);
    expect(Array.from(ca)).toEqual([1, 2, 3]);
    expect(Array.from(cb)).toEqual([7, 8]);
    expect(Array.from(cz)).toEqual([0, 0, 0, 0]);
    for (const x of [ca, cb, cz]) expect(x.byteOffset % 8).toBe(0);
    a[0] = 99;
    b[0] = 99;
    expect(ca[0]).toBe(1);
    expect(cb[0]).toBe(7);
    expect(frozenCopy(a, 10)).toHaveLength(3);
  });
});
