/**
 * The time-ordered merge (`trace/merge.ts`) on synthetic chunks, against a reference: every event of every lane,
 * sorted by exact timestamp, ties by lane (input order), each lane's events in their own order; events after the
 * end bound left out. Covers the two-lane path (`pair`) and the general tree (3 to 5 lanes), runs and ties at
 * chunk boundaries, keys that round to the same double for different timestamps (beyond 2^53), chunks with and
 * without class readers, readers shared by several events, and batches of every size.
 */
import { mergeCursors, type MergeInput } from '../../src/analysis/trace/merge';
import type { EventChunk, RowReader } from '../../src/analysis/trace/source';
import type { FieldValue } from '../../src/analysis/trace/types';
import { prng as rng } from '../helpers/trace-copies';

interface Ev {
  ts: bigint;
  lane: number;
  /** Index of the event in its lane. */
  k: number;
  cls: number;
  cpu: number;
}

/** Field 0 of a row is its event's id (lane * 1e6 + index in lane); field 1 the reader's class (or -1). */
class IdReader implements RowReader {
  constructor(
    private readonly ids: Int32Array,
    private readonly cls: number
  ) {}
  int(r: number, f: number): number {
    return f === 0 ? this.ids[r] : this.cls;
  }
  bigint(r: number, f: number): bigint | undefined {
    return BigInt(this.int(r, f));
  }
  str(): string | undefined {
    return undefined;
  }
  value(r: number, f: number): FieldValue | undefined {
    return this.int(r, f);
  }
  readInts(r: number, count: number, num: Float64Array): void {
    for (let f = 0; f < count; f++) num[f] = this.int(r, f);
  }
}

const CLASSES = 4;

/** A chunk of events evs (one lane, consecutive), with per-class readers when `byClass`. */
function chunkOf(evs: Ev[], byClass: boolean, released: { n: number }): EventChunk {
  const n = evs.length;
  const ts = new Uint32Array(2 * n);
  const key = new Float64Array(n);
  const cls = new Int32Array(n);
  const cpu = new Int32Array(n);
  const ids = new Int32Array(n);
  evs.forEach((e, k) => {
    const u = BigInt.asUintN(64, e.ts);
    ts[2 * k] = Number(u & 0xffffffffn);
    ts[2 * k + 1] = Number(u >> 32n);
    key[k] = (ts[2 * k + 1] | 0) * 4294967296 + ts[2 * k];
    cls[k] = e.cls;
    cpu[k] = e.cpu;
    ids[k] = e.lane * 1e6 + e.k;
  });
  const own = new IdReader(ids, -1);
  const base = {
    length: n,
    ts,
    key,
    cls,
    cpu,
    stream: 0,
    release: () => void released.n++,
    int: (k: number, f: number) => own.int(k, f),
    bigint: (k: number, f: number) => own.bigint(k, f),
    str: () => undefined,
    value: (k: number, f: number) => own.value(k, f),
    readInts: (k: number, c: number, num: Float64Array) => own.readInts(k, c, num)
  };
  if (!byClass) return base;
  // Per class, its events' ids in a column of their own; class 3 has no reader (events without fields).
  const rows = new Int32Array(n);
  const cols: number[][] = Array.from({ length: CLASSES }, () => []);
  evs.forEach((e, k) => {
    rows[k] = cols[e.cls].length;
    cols[e.cls].push(ids[k]);
  });
  const classReaders = cols.map((c, cl) => (cl === 3 ? undefined : new IdReader(Int32Array.from(c), cl)));
  return { ...base, classReaders, classRows: rows };
}

interface Case {
  lanes: Ev[][];
  chunks: EventChunk[][];
  released: { n: number };
}

/** Random lanes: non-decreasing timestamps from a small range (many ties), some beyond 2^53. */
function makeCase(seed: number, laneCount: number, beyond53?: boolean): Case {
  const r = rng(seed);
  const big = beyond53 ?? r() < 0.3;
  const base = big ? 1n << 60n : 1000n;
  const released = { n: 0 };
  const lanes: Ev[][] = [];
  const chunks: EventChunk[][] = [];
  for (let l = 0; l < laneCount; l++) {
    const n = Math.floor(r() * 400);
    const evs: Ev[] = [];
    let t = base + BigInt(Math.floor(r() * 50));
    for (let k = 0; k < n; k++) {
      // Steps of 0 (ties within the lane) to a few; beyond 2^53 (keys 256 ns apart) up to 300 ns, so that keys
      // are equal for some different timestamps and differ for others.
      t += BigInt(Math.floor(r() * r() * 6)) * (big ? 60n : 1n);
      evs.push({ ts: t, lane: l, k, cls: Math.floor(r() * CLASSES), cpu: l * 10 + (k % 3) });
    }
    lanes.push(evs);
    const byClass = r() < 0.8;
    const cs: EventChunk[] = [];
    for (let k = 0; k < n;) {
      const m = 1 + Math.floor(r() * (r() < 0.5 ? 5 : 120));
      cs.push(chunkOf(evs.slice(k, k + m), byClass, released));
      k += m;
    }
    chunks.push(cs);
  }
  return { lanes, chunks, released };
}

function inputsOf(c: Case): MergeInput[] {
  return c.chunks.map((cs, l) => {
    let k = 0;
    return {
      cursor: { next: () => cs[k++] ?? null },
      classBase: 100 * l,
      streamBase: 7 + l
    };
  });
}

function expected(c: Case, end: bigint | undefined): Ev[] {
  const all = c.lanes.flat().filter(e => end === undefined || e.ts <= end);
  return all.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.lane - b.lane || a.k - b.k));
}

function merged(c: Case, opts: { end?: bigint; batchSize?: number; streaming?: boolean }): string[] {
  const out: string[] = [];
  for (const b of mergeCursors(inputsOf(c), opts)) {
    for (let i = 0; i < b.length; i++) {
      const rd = b.readerOf(i);
      const row = b.rowOf(i);
      const cls = b.classId[i] % 100;
      // Readers: the event's class reader (field 1 = its class), the chunk itself, or none (class 3: NaN).
      const id = cls === 3 && Number.isNaN(rd.int(row, 0)) ? 'none' : String(rd.int(row, 0));
      const readerClass = rd.int(row, 1);
      if (readerClass !== -1 && !Number.isNaN(readerClass) && readerClass !== cls) {
        throw new Error('wrong reader');
      }
      out.push(`${b.ts[i]} ${b.stream[i]} ${b.classId[i]} ${b.cpu[i]} ${id}`);
    }
  }
  return out;
}

function want(c: Case, end: bigint | undefined): string[] {
  return expected(c, end).map(e => {
    const byClass = c.chunks[e.lane][0]?.classReaders !== undefined;
    const id = byClass && e.cls === 3 ? 'none' : String(e.lane * 1e6 + e.k);
    return `${e.ts} ${7 + e.lane} ${100 * e.lane + e.cls} ${e.cpu} ${id}`;
  });
}

describe('merge order', () => {
  it.each([1, 2, 3, 4, 5])('%i lanes: 60 random cases against a sort, every batch size', lanes => {
    for (let seed = 0; seed < 60; seed++) {
      const c = makeCase(seed * 31 + lanes, lanes);
      const batchSize = [1, 2, 3, 7, 64, 1000][seed % 6];
      expect(merged(c, { batchSize })).toEqual(want(c, undefined));
    }
  });

  it('2 lanes: an end bound anywhere (exact, beyond 2^53 too)', () => {
    for (let seed = 0; seed < 120; seed++) {
      // Half beyond 2^53, where timestamps up to 256 ns apart have the same key: the bound then falls between
      // events of equal keys and only the exact comparison tells them apart.
      const c = makeCase(seed * 17 + 5, 2, seed % 2 === 0);
      const all = expected(c, undefined);
      if (all.length === 0) continue;
      const r = rng(seed);
      const end = all[Math.floor(r() * all.length)].ts + BigInt(Math.floor(r() * 3) - 1);
      expect(merged(c, { end, batchSize: 5 + (seed % 50) })).toEqual(want(c, end));
    }
  });

  it('streaming: the same events, every chunk released once', () => {
    for (let seed = 0; seed < 40; seed++) {
      const c = makeCase(seed + 900, 2 + (seed % 3));
      expect(merged(c, { streaming: true, batchSize: 16 })).toEqual(want(c, undefined));
      expect(c.released.n).toBe(c.chunks.flat().length);
    }
  });

  it('the two lanes interleave event by event (runs of one)', () => {
    const released = { n: 0 };
    const lanes: Ev[][] = [0, 1].map(l =>
      Array.from({ length: 1000 }, (_, k) => ({ ts: BigInt(2 * k + l), lane: l, k, cls: k % 3, cpu: l }))
    );
    const chunks = lanes.map(evs => [
      chunkOf(evs.slice(0, 300), true, released),
      chunkOf(evs.slice(300), true, released)
    ]);
    const c: Case = { lanes, chunks, released };
    const got = merged(c, { batchSize: 128 });
    expect(got).toEqual(want(c, undefined));
    expect(got.slice(0, 3)).toEqual(['0 7 0 0 0', '1 8 100 1 1000000', '2 7 1 0 1']);
  });
});
