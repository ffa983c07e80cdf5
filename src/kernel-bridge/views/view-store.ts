/**
 * Per-view state of the kernel, keyed by the comm handle a view's payload carries: the full-resolution
 * intervals a renderer may ask for over the `tracelab` comm target. Answers `timegraph.fetch` requests with
 * bounded `timegraph.data` replies, or `error` replies (bad request, unknown or evicted handle).
 *
 * Scope: the store and the request -> reply function; wiring to a comm is `comm-target.ts`. The store keeps the
 * most recently used views only (default 64), so a long session does not grow without bound.
 */
import { randomUUID } from 'node:crypto';
import { buildFetchReply, validateFetchRequest } from '../../protocol';
import type { ICommErrorReply, TracelabCommReply } from '../../protocol';
import type { IntervalSource } from './interval-source';

/** Upper bound of intervals in one reply, whatever the request asks. */
export const MAX_REPLY_INTERVALS = 200_000;

/** The views a kernel can serve finer data for. */
export class ViewStore {
  constructor(readonly capacity = 64) {}

  /** Keeps `source` and returns its new handle. */
  register(source: IntervalSource): string {
    const handle = `view-${randomUUID()}`;
    this._views.set(handle, source);
    while (this._views.size > this.capacity) this._views.delete(this._views.keys().next().value!);
    return handle;
  }

  /** The source of a handle (marks it recently used). */
  get(handle: string): IntervalSource | undefined {
    const s = this._views.get(handle);
    if (s) {
      this._views.delete(handle);
      this._views.set(handle, s);
    }
    return s;
  }

  get size(): number {
    return this._views.size;
  }

  /** Answers one message from the comm; never throws. */
  reply(message: unknown): TracelabCommReply {
    const requestId = requestIdOf(message);
    const v = validateFetchRequest(message);
    if (!v.ok) return error(requestId, `bad request: ${v.errors.join('; ')}`);
    const req = v.value;
    const source = this.get(req.handle);
    if (!source) return error(requestId, `unknown view ${req.handle} (kernel restarted? re-run the cell)`);
    try {
      const from = BigInt(req.range.start);
      const to = BigInt(req.range.end);
      const maxIntervals = Math.min(req.maxIntervals, MAX_REPLY_INTERVALS);
      return buildFetchReply({ ...req, maxIntervals }, source.select(req.rows, from, to));
    } catch (e) {
      return error(requestId, e instanceof Error ? e.message : String(e));
    }
  }

  private readonly _views = new Map<string, IntervalSource>();
}

function requestIdOf(x: unknown): number {
  const id = (x as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : -1;
}

function error(requestId: number, message: string): ICommErrorReply {
  return { type: 'error', requestId, message };
}

/** The store of the kernel process (cells' views register here; the comm target reads it). */
export const viewStore = new ViewStore();
