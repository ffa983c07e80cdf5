/**
 * Fetching finer intervals from a live kernel when the user zooms below the snapshot's resolution: debounced,
 * one request in flight (newer wishes replace the pending one), asking for the visible rows over the window
 * widened by one window on each side, and skipping requests the current finer data already satisfies.
 *
 * Scope: request scheduling and reply validation; the model installs accepted replies. Without a provider
 * (saved notebook, no kernel) nothing happens and the snapshot keeps rendering.
 */
import type { ITimeGraphFetchReply, ITimeGraphFetchRequest } from '../../protocol/comm';
import { validateCommReply } from '../../protocol/comm';
import { nsToString } from '../../protocol/ns';
import type { IFineDataProvider } from '../shared/data-providers';
import type { ITimeWindow } from '../shared/experiment-link';
import type { TimeGraphModel } from './model';

/** What the view wants to see. */
export interface IFineWish {
  window: ITimeWindow;
  widthPx: number;
  rowIds: string[];
  rows: number[];
}

/** Schedules `timegraph.fetch` requests for one view. */
export class FineDataFetcher {
  constructor(
    private readonly model: TimeGraphModel,
    private readonly getProvider: () => IFineDataProvider | undefined,
    private readonly onData: () => void,
    private readonly options = { debounceMs: 250, maxIntervals: 100_000 }
  ) {}

  /** Last error reported by the kernel or the transport (shown in the status line). */
  lastError = '';

  /** Requests data for `wish` after the debounce delay, if the current data is not fine enough. */
  want(wish: IFineWish): void {
    if (this._disposed || !this.model.payload.comm || !this.getProvider()) return;
    if (!this.needsFetch(wish)) return;
    this._pending = wish;
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      this._timer = null;
      void this.pump();
    }, this.options.debounceMs);
  }

  /** True when neither the snapshot nor the finer data resolve `wish` to a pixel. */
  needsFetch(wish: IFineWish): boolean {
    const m = this.model;
    const nsPerPx = Number(wish.window.end - wish.window.start) / Math.max(1, wish.widthPx);
    const w0 = m.offsetOf(wish.window.start);
    const w1 = m.offsetOf(wish.window.end);
    if (m.resolution === 0 || m.resolution <= nsPerPx) return false;
    const f = m.fine;
    if (!f || (f.resolution !== 0 && f.resolution > nsPerPx)) return true;
    return wish.rows.some(r => !f.coversWindow(r, w0, w1));
  }

  private async pump(): Promise<void> {
    const provider = this.getProvider();
    const comm = this.model.payload.comm;
    if (this._inFlight || !this._pending || !provider || !comm || this._disposed) return;
    const wish = this._pending;
    this._pending = null;
    const dur = wish.window.end - wish.window.start;
    const lo = wish.window.start - dur < this.model.base ? this.model.base : wish.window.start - dur;
    const hi = wish.window.end + dur > this.model.end ? this.model.end : wish.window.end + dur;
    const request: ITimeGraphFetchRequest = {
      type: 'timegraph.fetch',
      requestId: ++this._requestId,
      handle: comm.handle,
      range: { start: nsToString(lo), end: nsToString(hi) },
      resolution: nsToString(dur / BigInt(Math.max(1, Math.round(wish.widthPx))) || 1n),
      rows: wish.rowIds,
      maxIntervals: this.options.maxIntervals
    };
    this._inFlight = true;
    try {
      this.accept(await provider.fetch(request), request.requestId);
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.onData();
    } finally {
      this._inFlight = false;
    }
    if (this._pending) void this.pump();
  }

  private accept(reply: unknown, requestId: number): void {
    if (this._disposed) return;
    const m = this.model;
    const v = validateCommReply(reply, m.payload.legend.length, m.payload.arrowKinds?.length ?? 0);
    if (!v.ok) {
      this.lastError = `invalid reply: ${v.errors[0]}`;
    } else if (v.value.requestId !== requestId) {
      return;
    } else if (v.value.type === 'error') {
      this.lastError = v.value.message;
    } else if (!m.applyReply(v.value as ITimeGraphFetchReply)) {
      this.lastError = 'reply outside the view range';
    } else {
      this.lastError = '';
    }
    this.onData();
  }

  dispose(): void {
    this._disposed = true;
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
    this._pending = null;
  }

  private _pending: IFineWish | null = null;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _inFlight = false;
  private _requestId = 0;
  private _disposed = false;
}
