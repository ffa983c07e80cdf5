/**
 * Helpers for renderer tests: the recording canvas context installed by `setup.js`, payload builders (with a
 * live view and the kernel's exact replies to it), and mouse/keyboard event helpers.
 */
import { buildTimeGraphPayload } from '../../src/protocol/build';
import type { IIntervalInput, ITimeGraphRowInput } from '../../src/protocol/build';
import type { ILegendEntry, ITimeGraphPayload } from '../../src/protocol/timegraph';
import { buildFetchReply } from '../../src/protocol/comm';
import type { ITimeGraphFetchReply, ITimeGraphFetchRequest } from '../../src/protocol/comm';

/** What the recording context keeps. */
export interface IRecording {
  calls: unknown[][];
  counts: Record<string, number>;
  texts: string[];
  fills: string[];
  reset(): void;
}

/** The recording context of a canvas (created on first getContext). */
export function recording(canvas: HTMLCanvasElement): IRecording {
  return canvas.getContext('2d') as unknown as IRecording;
}

export const LEGEND: ILegendEntry[] = [
  { id: 'RUN', label: 'Running', color: '#2e7d32', active: true },
  { id: 'SYSCALL', label: 'System call', color: '#1565c0', active: true },
  { id: 'WAIT', label: 'Blocked', color: '#bdbdbd' },
  { id: 'WAIT_CPU', label: 'Wait for CPU', color: '#ef6c00' }
];

/** The classic XSS probe as a thread name. */
export const XSS_NAME = '<img src=x onerror=alert(1)>';

/**
 * A small payload: host > process "web" (pid 100) > threads "web" (tid 100), XSS thread (tid 101), "idle"
 * (tid 102); plus CPU 0. Range [T0, T0 + 1000) with T0 near 2^60.
 */
export const T0 = 2n ** 60n + 123_456_789n;

export function smallPayload(extra: Partial<ITimeGraphPayload> = {}): ITimeGraphPayload {
  const rows: ITimeGraphRowInput[] = [
    { id: 'h', label: 'host-a', kind: 'host', host: 'host-a' },
    { id: 'p100', label: 'web', kind: 'process', pid: 100, parentId: 'h' },
    { id: 't100', label: 'web', kind: 'thread', tid: 100, pid: 100, parentId: 'p100' },
    { id: 't101', label: XSS_NAME, kind: 'thread', tid: 101, pid: 100, parentId: 'p100' },
    { id: 't102', label: 'idle', kind: 'thread', tid: 102, pid: 100, parentId: 'p100' },
    { id: 'cpu0', label: 'CPU 0', kind: 'cpu', cpu: 0 }
  ];
  const iv: IIntervalInput[] = [
    { row: 2, start: T0, end: T0 + 400n, state: 0 },
    { row: 2, start: T0 + 400n, end: T0 + 1000n, state: 2 },
    { row: 3, start: T0 + 100n, end: T0 + 300n, state: 1, label: XSS_NAME },
    { row: 3, start: T0 + 300n, end: T0 + 900n, state: 0 },
    { row: 4, start: T0, end: T0 + 1000n, state: 2 },
    { row: 5, start: T0, end: T0 + 400n, state: 0 },
    { row: 5, start: T0 + 400n, end: T0 + 1000n, state: 0 }
  ];
  const p = buildTimeGraphPayload(
    {
      experimentId: 'exp-small',
      title: 'small',
      range: { start: T0, end: T0 + 1000n },
      rows,
      legend: LEGEND,
      intervals: iv,
      arrows: [{ fromRow: 2, fromTime: T0 + 400n, toRow: 3, toTime: T0 + 300n, kind: 0 }],
      arrowKinds: [{ id: 'wakeup', label: 'Wake-up', color: '#6a1b9a' }],
      pathSegments: [
        { owner: 3, row: 3, start: T0 + 300n, end: T0 + 900n, state: 0 },
        { owner: 3, row: 2, start: T0, end: T0 + 300n, state: 0 }
      ]
    },
    { width: Infinity }
  );
  return { ...p, ...extra };
}

/** Dispatches a mouse event at client (x, y) on `el`. */
export function mouse(el: EventTarget, type: string, x: number, y: number, init: MouseEventInit = {}): void {
  el.dispatchEvent(
    new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, ...init })
  );
}

/** Dispatches a keydown on `el`. */
export function key(el: EventTarget, k: string, init: KeyboardEventInit = {}): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: k, ...init }));
}

/**
 * A live view: two thread rows of 10,000 exact 10 ns intervals each (a snapshot at width 100, so merged), and
 * the kernel view store's reply to a fetch: the exact intervals of the requested rows.
 */
export function livePayload(
  experimentId: string,
  handle: string
): { payload: ITimeGraphPayload; reply: (req: ITimeGraphFetchRequest) => ITimeGraphFetchReply } {
  const rows: ITimeGraphRowInput[] = [
    { id: 'a', label: 'a', kind: 'thread', tid: 1 },
    { id: 'b', label: 'b', kind: 'thread', tid: 2 }
  ];
  const exact: IIntervalInput[] = [];
  for (let r = 0; r < 2; r++) {
    for (let i = 0; i < 10_000; i++) {
      exact.push({ row: r, start: T0 + BigInt(i * 10), end: T0 + BigInt(i * 10 + 10), state: (i + r) % 3 });
    }
  }
  const payload = buildTimeGraphPayload(
    {
      experimentId,
      range: { start: T0, end: T0 + 100_000n },
      rows,
      legend: LEGEND,
      intervals: exact,
      comm: { target: 'tracelab', handle }
    },
    { width: 100 }
  );
  const reply = (req: ITimeGraphFetchRequest): ITimeGraphFetchReply => {
    const ids = new Map(req.rows.map((id, i) => [id, i]));
    const mine = exact
      .filter(iv => ids.has(rows[iv.row].id))
      .map(iv => ({ ...iv, row: ids.get(rows[iv.row].id)! }));
    return buildFetchReply(req, mine);
  };
  return { payload, reply };
}
