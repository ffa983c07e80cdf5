/**
 * Progress of a long read on stderr, only when stderr is a terminal: events read, events/s, and the share of the
 * time range done (by timestamp). At most a few updates per second, on one line that is cleared at the end.
 *
 * Scope: the progress line; nothing is written when stderr is not a TTY.
 */
import type { CliContext } from './context';

const INTERVAL_MS = 250;

export class Progress {
  private readonly _enabled: boolean;
  private readonly _t0: number;
  private _last = 0;
  private _shown = false;
  events = 0;
  constructor(
    private readonly _ctx: CliContext,
    private readonly _range: { start: bigint; end: bigint } | undefined,
    private readonly _label = ''
  ) {
    this._enabled = _ctx.stderrIsTTY;
    this._t0 = _ctx.now();
  }
  /** Records `n` more events, the last at `lastTs`; redraws when due. */
  tick(n: number, lastTs: bigint | undefined): void {
    this.events += n;
    if (!this._enabled) return;
    const now = this._ctx.now();
    if (now - this._last < INTERVAL_MS) return;
    this._last = now;
    const secs = Math.max(1e-3, (now - this._t0) / 1000);
    const rate = Math.round(this.events / secs);
    let pct = '';
    const r = this._range;
    if (r && lastTs !== undefined && r.end > r.start) {
      const done = Number(((lastTs - r.start) * 1000n) / (r.end - r.start)) / 10;
      pct = `  ${Math.min(100, Math.max(0, done)).toFixed(1)}%`;
    }
    this._ctx.stderr.write(`\r\x1b[K${this._label}${this.events} events  ${rate} events/s${pct}`);
    this._shown = true;
  }
  /** Clears the line. */
  done(): void {
    if (this._shown) this._ctx.stderr.write('\r\x1b[K');
    this._shown = false;
  }
}
