/**
 * A progress display in the cell (a `<progress>` bar plus text), updated in place through a display id and
 * throttled so a tight loop does not flood the frontend. Analyses report through it while they run.
 *
 * @example
 * ```ts
 * const p = tracelab.progress('reading', total);
 * for (...) p.update(doneSoFar);
 * p.finish();
 * ```
 */
import type { IDisplay, IDisplayHandle } from './display';

/** A live progress display. */
export interface IProgress {
  /** Sets progress to `done` of `total` (the total given at creation when omitted). */
  update(done: number, total?: number): void;
  /** Publishes the final state (always, unthrottled). */
  finish(message?: string): void;
}

/** Options of a progress display. */
export interface IProgressOptions {
  total?: number;
  /** Minimum time between published updates (default 200 ms). */
  intervalMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

/** Shows a progress display and returns its controller. */
export function createProgress(display: IDisplay, label: string, options: IProgressOptions = {}): IProgress {
  const interval = options.intervalMs ?? 200;
  const now = options.now ?? Date.now;
  let total = options.total ?? 0;
  let done = 0;
  let last = now();
  const h = display(progressBundle(label, 0, total), { id: true }) as IDisplayHandle;
  return {
    update(d, t) {
      done = d;
      if (t !== undefined) total = t;
      const at = now();
      if (at - last < interval) return;
      last = at;
      h.update(progressBundle(label, done, total));
    },
    finish(message) {
      h.update(progressBundle(label, total || done, total || done, message ?? 'done'));
    }
  };
}

/** The bundle for one state: text/html bar and a text/plain line. */
export function progressBundle(
  label: string,
  done: number,
  total: number,
  note?: string
): Record<string, string> {
  const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : undefined;
  const amount = total > 0 ? `${done}/${total}` : `${done}`;
  const text = `${label}: ${pct !== undefined ? `${pct}% ` : ''}(${amount})${note ? ` ${note}` : ''}`;
  const bar = total > 0 ? `<progress value="${done}" max="${total}"></progress>` : '<progress></progress>';
  const html = `<div class="tracelab-progress">${escape(label)} ${bar} ${escape(text.slice(label.length + 2))}</div>`;
  return { 'text/html': html, 'text/plain': text };
}

const escape = (s: string): string =>
  s.replace(/[&<>]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
