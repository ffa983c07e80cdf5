/**
 * Helpers for renderer tests: the recording canvas context installed by `setup.js`, payload builders, and
 * mouse/keyboard event helpers.
 */
import { buildTimeGraphPayload } from '../../src/protocol/build';
import type { IIntervalInput, ITimeGraphRowInput } from '../../src/protocol/build';
import type { ILegendEntry, ITimeGraphPayload } from '../../src/protocol/timegraph';

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
