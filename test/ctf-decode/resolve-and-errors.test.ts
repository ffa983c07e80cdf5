/**
 * Dynamic references (CTF 1.8 relative names searched from the innermost structure outwards then in the enclosing
 * scopes, absolute scope paths, CTF 2 parent steps) and the decoder's behaviour on damaged data: clear
 * `TraceDataError`s, never a TypeError/RangeError, never a hang. Also the LTTng index reader.
 */
import { parseLttngIndex } from '../../src/analysis/formats/ctf/reader/lttng-index';
import type { FieldClass, StructFC } from '../../src/analysis/formats/ctf/ir';
import { TraceDataError } from '../../src/analysis/trace/types';
import { BitWriter, memExperiment, readAll, struct, traceClass, u } from './helpers';

const seqOf = (
  path: (string | null)[],
  origin?: FieldClass extends never ? never : 'event.common_context' | 'event.payload'
): FieldClass => ({
  kind: 'array',
  align: 8,
  element: u(8),
  lengthLocation: { origin, path }
});

describe('field location resolution', () => {
  it('finds relative names in enclosing structures, then in earlier scopes; absolute paths by scope', () => {
    const eventContext = struct([['ctxlen', u(8)]]);
    const payload = struct([
      ['n', u(8)],
      [
        'inner',
        struct([
          ['a', seqOf(['n'])],
          ['m', u(8)],
          ['b', seqOf(['m'])]
        ])
      ],
      ['c', seqOf(['ctxlen'])],
      ['d', seqOf(['ctxlen'], 'event.common_context')],
      ['e', seqOf(['inner.m'])]
    ]);
    const tc = traceClass({ events: [{ id: 0n, name: 'e', payload }], eventContext });
    const w = new BitWriter().int(1, 8);
    w.int(2, 8).bytesOf([10, 11]).int(1, 8).bytesOf([12]);
    w.bytesOf([13]).bytesOf([14]).bytesOf([15]);
    const [e] = readAll(memExperiment(tc, { s: w.done() }));
    expect(e.fields).toEqual({
      ctxlen: 1,
      n: 2,
      'inner.a': [10, 11],
      'inner.m': 1,
      'inner.b': [12],
      c: [13],
      d: [14],
      e: [15]
    });
  });

  it('does not bind a relative name to a member that comes after the reference', () => {
    const payload = struct([
      ['x', seqOf(['later'])],
      ['later', u(8)]
    ]);
    const tc = traceClass({ events: [{ id: 0n, name: 'e', payload }] });
    expect(() => memExperiment(tc, { s: Uint8Array.from([0, 0]) })).toThrow(/cannot find field `later`/);
  });

  it('walks CTF 2 relative locations with parent steps', () => {
    const payload: StructFC = struct([
      ['len', u(8)],
      ['s', struct([['v', seqOf([null, 'len'])]])]
    ]);
    const tc = { ...traceClass({ events: [{ id: 0n, name: 'e', payload }] }), major: 2, minor: 0 };
    const [e] = readAll(memExperiment(tc, { s: Uint8Array.from([2, 7, 8]) }));
    expect(e.fields).toEqual({ len: 2, 's.v': [7, 8] });
  });
});

function readError(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('damaged data', () => {
  it('reports a sequence length beyond the packet as a TraceDataError, after the good events', () => {
    const payload = struct([
      ['n', u(32)],
      ['v', seqOf(['n'])]
    ]);
    const tc = traceClass({ events: [{ id: 0n, name: 'e', payload }] });
    const bytes = new BitWriter().int(1, 32).bytesOf([5]).int(0xffffffff, 32).bytesOf([1, 2, 3]).done();
    const x = memExperiment(tc, { s: bytes });
    const seen: unknown[] = [];
    const err = readError(() => {
      for (const b of x.batches()) for (let i = 0; i < b.length; i++) seen.push(b.value(i, 1));
    });
    expect(seen).toEqual([[5]]);
    // The offset is the sequence's own (after its 4-byte length, at byte 5).
    expect(err).toBeInstanceOf(TraceDataError);
    expect(String(err)).toMatch(
      /s at byte offset 9: sequence length 4294967295 runs past the packet content/
    );
  });

  it('stops on an event that consumes no bits instead of looping forever', () => {
    const tc = traceClass({ events: [{ id: 0n, name: 'nothing', payload: struct([]) }] });
    const err = readError(() => readAll(memExperiment(tc, { s: Uint8Array.from([1, 2, 3]) })));
    expect(err).toBeInstanceOf(TraceDataError);
    expect(String(err)).toMatch(/no progress/);
  });

  it('refuses unknown stream class ids and truncated events with TraceDataError only', () => {
    const packetHeader = struct([['stream_id', u(8, { roles: ['data-stream-class-id'] })]]);
    const tc = traceClass({ events: [{ id: 0n, name: 'e', payload: struct([['x', u(64)]]) }], packetHeader });
    expect(readError(() => readAll(memExperiment(tc, { s: Uint8Array.from([7, 1]) })))).toEqual(
      expect.objectContaining({
        name: 'TraceDataError',
        message: expect.stringMatching(/unknown stream class id 7/)
      })
    );
    for (let len = 2; len < 9; len++) {
      const bytes = new Uint8Array(len);
      const err = readError(() => readAll(memExperiment(tc, { s: bytes })));
      expect(err).toBeInstanceOf(TraceDataError);
    }
  });
});

describe('LTTng index files', () => {
  function index(entries: number[][], minor = 0, size = 56): Uint8Array {
    const b = new Uint8Array(16 + entries.length * size);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, 0xc1f1dcc1);
    dv.setUint32(4, 1);
    dv.setUint32(8, minor);
    dv.setUint32(12, size);
    entries.forEach((e, i) => e.forEach((v, k) => dv.setBigUint64(16 + i * size + 8 * k, BigInt(v))));
    return b;
  }

  it('reads v1.0 and v1.1 entries that cover the stream file', () => {
    const v10 = parseLttngIndex(
      index([
        [0, 8192, 8000, 100, 200, 0, 0],
        [1024, 4096, 4096, 200, 300, 5, 0]
      ]),
      1536
    );
    expect(v10?.map(e => [e.offset, e.totalBits, e.begin, e.discarded])).toEqual([
      [0, 8192, 100n, 0n],
      [1024, 4096, 200n, 5n]
    ]);
    const v11 = parseLttngIndex(index([[0, 8192, 8192, 1, 2, 0, 0, 3, 9]], 1, 72), 1024);
    expect(v11?.[0]).toMatchObject({ dataStreamId: 3n, seq: 9n });
  });

  it('rejects an index that does not match its stream file (babeltrace2 then scans the file)', () => {
    expect(parseLttngIndex(index([[0, 8192, 8192, 0, 0, 0, 0]]), 2533)).toBeUndefined();
    expect(parseLttngIndex(index([[8, 8192, 8192, 0, 0, 0, 0]]), 1032)).toBeUndefined();
    expect(parseLttngIndex(index([[0, 8192, 9000, 0, 0, 0, 0]]), 1024)).toBeUndefined();
    const bad = index([[0, 8192, 8192, 0, 0, 0, 0]]);
    bad[0] = 0;
    expect(parseLttngIndex(bad, 1024)).toBeUndefined();
  });
});
