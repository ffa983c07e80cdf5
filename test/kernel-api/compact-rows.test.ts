/**
 * Compact row columns of time-graph payloads (`src/protocol/row-columns.ts`): exact round trips, validation of
 * both row forms (old notebooks keep object rows), rejection of broken columns, the view bundle switching form
 * at `COMPACT_ROWS_FROM` rows; and the typed-array interval builder giving the same payload as the object path.
 */
import { toRichValue } from '../../src/kernel-bridge/api';
import { customTimeGraphView } from '../../src/kernel-bridge/views';
import {
  buildTimeGraphPayload,
  COMPACT_ROWS_FROM,
  compactRows,
  TIMEGRAPH_MIME_TYPE,
  validateTimeGraphPayload
} from '../../src/protocol';
import type {
  IIntervalInput,
  ITimeGraphPayload,
  ITimeGraphRow,
  ITimeGraphRowColumns
} from '../../src/protocol';

const ROWS: ITimeGraphRow[] = [
  { id: 'h:alpha', label: 'alpha', parent: -1, kind: 'host', host: 'alpha' },
  { id: 'p:alpha:42', label: 'server [42]', parent: 0, kind: 'process', host: 'alpha', pid: 42 },
  { id: 't:alpha:42', label: 'server [42]', parent: 1, kind: 'thread', host: 'alpha', tid: 42, pid: 42 },
  { id: 't:alpha:43', label: 'worker-07 [43]', parent: 1, kind: 'thread', host: 'alpha', tid: 43, pid: 42 },
  { id: 't:alpha:-1', label: 'idle', parent: 0, kind: 'thread', host: 'alpha', tid: -1 },
  { id: 'c:alpha:0', label: 'CPU 007', parent: 0, kind: 'cpu', host: 'alpha', cpu: 0 },
  { id: 'x:123456789012345678', label: '', parent: -1, kind: 'other' }
];

function payload(rows: ITimeGraphRow[] | ITimeGraphRowColumns): Record<string, unknown> {
  return {
    version: 1,
    experimentId: 'e',
    range: { start: '100', end: '200' },
    resolution: '0',
    rows,
    legend: [{ id: 'RUN', label: 'Running', color: '#00c800' }],
    intervals: { row: [2, 3], start: [0, 10], end: [5, 20], state: [0, 0] }
  };
}

test('row columns: exact round trip through JSON, shared texts, numbers split out', () => {
  const cols = compactRows(ROWS);
  // Ids: 'h:alpha' has no number; 't:alpha:' + 42 / 43; '-1' splits as '…:-' + 1; 18 digits stay text.
  expect(cols.id.num).toEqual([-1, 42, 42, 43, 1, 0, -1]);
  expect(cols.texts[cols.id.pre[2]]).toBe('t:alpha:');
  expect(cols.id.pre[2]).toBe(cols.id.pre[3]);
  expect(cols.id.post).toBeUndefined();
  // Labels: 'server [' + 42 + ']'; 'CPU 007' keeps its leading zeros as text; 'worker-07 [' + 43 + ']'.
  expect(cols.label.num).toEqual([-1, 42, 42, 43, -1, -1, -1]);
  expect(cols.texts[cols.label.post![1]]).toBe(']');
  expect(cols.kind).toEqual([0, 1, 2, 2, 2, 3, 6]);
  expect(cols.tid).toEqual([null, null, 42, 43, -1, null, null]);
  expect(cols.cpu).toEqual([null, null, null, null, null, 0, null]);
  expect(cols.texts[cols.host![0]]).toBe('alpha');
  expect(cols.host![6]).toBe(-1);
  const v = validateTimeGraphPayload(JSON.parse(JSON.stringify(payload(cols))));
  expect(v.ok ? [] : v.errors).toEqual([]);
  expect(v.ok && v.value.rows).toEqual(ROWS);
});

test('object rows (saved notebooks) still validate, as the same object', () => {
  const p = payload(ROWS);
  const v = validateTimeGraphPayload(p);
  expect(v.ok && v.value).toBe(p);
});

test('broken row columns are rejected with a path', () => {
  const broken = (edit: (c: ITimeGraphRowColumns) => void): string[] => {
    const c = JSON.parse(JSON.stringify(compactRows(ROWS))) as ITimeGraphRowColumns;
    edit(c);
    const v = validateTimeGraphPayload(payload(c));
    return v.ok ? [] : v.errors;
  };
  expect(broken(c => (c.id.pre[1] = c.texts.length))[0]).toMatch(/^\$\.rows\.id\.pre\[1\]/);
  expect(broken(c => c.label.num.pop())[0]).toMatch(/^\$\.rows\.label\.num: expected 7 entries/);
  expect(broken(c => (c.parent[1] = 3))[0]).toMatch(/^\$\.rows\[1\]\.parent/);
  expect(broken(c => (c.kind[0] = 7))[0]).toMatch(/^\$\.rows\.kind\[0\]/);
  expect(broken(c => (c.tid![2] = 4.5))[0]).toMatch(/^\$\.rows\.tid\[2\]: expected an integer or null/);
  expect(broken(c => (c.id.num[3] = 42))[0]).toMatch(/^\$\.rows\[3\]\.id: duplicate row id/);
  expect(broken(c => delete (c as Partial<ITimeGraphRowColumns>).texts)[0]).toMatch(/^\$\.rows\.texts/);
});

test('views send compact rows from COMPACT_ROWS_FROM rows on; the bundle decodes to the view rows', () => {
  const view = (rows: number) =>
    customTimeGraphView(
      {
        rows: Array.from({ length: rows }, (_, r) => ({
          id: `t:h:${r}`,
          label: `w [${r}]`,
          kind: 'thread',
          tid: r
        })),
        states: ['A'],
        intervals: { row: [0, rows - 1], start: [0n, 5n], end: [10n, 10n], state: [0, 0] }
      },
      undefined
    );
  const small = view(COMPACT_ROWS_FROM - 1);
  const smallSent = toRichValue(small).data[TIMEGRAPH_MIME_TYPE] as unknown as ITimeGraphPayload;
  expect(Array.isArray(smallSent.rows)).toBe(true);
  const big = view(COMPACT_ROWS_FROM);
  const sent = toRichValue(big).data[TIMEGRAPH_MIME_TYPE] as unknown as { rows: ITimeGraphRowColumns };
  expect(Array.isArray(sent.rows)).toBe(false);
  expect(sent.rows.texts).toEqual(['t:h:', 'w [', ']']);
  const v = validateTimeGraphPayload(sent);
  expect(v.ok ? [] : v.errors).toEqual([]);
  expect(v.ok && v.value.rows).toEqual(big.payload.rows);
  // 1,000 rows as objects vs columns.
  expect(JSON.stringify(sent.rows).length).toBeLessThan(JSON.stringify(big.payload.rows).length / 2);
});

test('typed-array interval builder: same payload as the object path (unsorted, overlapping, clipped)', () => {
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const list: IIntervalInput[] = [];
  for (let i = 0; i < 3000; i++) {
    const start = BigInt(rand(12_000)) - 1000n; // some before the range, some overlapping in a row
    list.push({ row: rand(5), start, end: start + BigInt(rand(300)), state: rand(3) });
  }
  const cols = {
    row: Int32Array.from(list, x => x.row),
    start: BigInt64Array.from(list, x => x.start),
    end: BigInt64Array.from(list, x => x.end),
    state: Uint8Array.from(list, x => x.state)
  };
  const rows = [0, 1, 2, 3, 4].map(r => ({ id: `r${r}`, label: `r${r}`, kind: 'other' as const }));
  const legend = ['a', 'b', 'c'].map(id => ({ id, label: id, color: '#123456' }));
  const base = { experimentId: 'e', range: { start: 0n, end: 10_000n }, rows, legend };
  for (const opts of [
    { width: Infinity, maxIntervals: 1e6 },
    { width: 100, maxIntervals: 200 }
  ]) {
    const fromObjects = buildTimeGraphPayload({ ...base, intervals: list }, opts);
    const fromColumns = buildTimeGraphPayload({ ...base, intervals: cols }, opts);
    expect(validateTimeGraphPayload(fromColumns).ok).toBe(true);
    expect(fromColumns).toEqual(fromObjects);
    expect(Array.isArray(fromColumns.intervals.start)).toBe(true); // JSON arrays in the payload
  }
  // Already sorted and disjoint input (the no-copy path) gives the input back exactly.
  const sorted = buildTimeGraphPayload(
    {
      ...base,
      intervals: {
        row: [0, 0, 2],
        start: BigInt64Array.of(1n, 5n, 0n),
        end: BigInt64Array.of(5n, 9n, 10_000n),
        state: [0, 1, 2]
      }
    },
    { width: Infinity }
  ) as ITimeGraphPayload;
  expect(sorted.intervals).toEqual({
    row: [0, 0, 2],
    start: [1, 5, 0],
    end: [5, 9, 10_000],
    state: [0, 1, 2]
  });
});
