/**
 * Small read-only facts about a painted view: whether its overlay has anything to show (the overlay canvas
 * is only allocated then), and the test hooks written on the view root as data attributes for end-to-end
 * tests (nothing in the extension reads them back).
 *
 * Scope: pure reads of the state and model; one DOM write per attribute per frame.
 */
import type { TimeGraphModel } from './model';
import type { TimeGraphState } from './view-state';

/** True when the overlay has something to show (followed path, focus, hover, selection, drag, cursor). */
export function overlayNeeded(s: TimeGraphState): boolean {
  return (
    s.followed >= 0 ||
    s.focusedRow >= 0 ||
    s.hover !== null ||
    s.selection !== null ||
    s.drag !== null ||
    s.cursor !== null
  );
}

/**
 * Writes the test hooks on `root`: `data-range-start`/`data-range-end` (the window, absolute ns),
 * `data-followed` (row id or ''), `data-fine-intervals` (intervals of the kernel's finer data),
 * `data-runs` (runs drawn) and `data-path-drawn` (critical-path segments highlighted) of the last frame.
 */
export function exposeViewState(
  root: HTMLElement,
  s: TimeGraphState,
  m: TimeGraphModel,
  stats: { runs: number; path: number }
): void {
  const d = root.dataset;
  d.rangeStart = String(s.window.start);
  d.rangeEnd = String(s.window.end);
  d.followed = s.followed >= 0 ? m.payload.rows[s.followed].id : '';
  d.fineIntervals = String(m.fine?.start.length ?? 0);
  d.runs = String(stats.runs);
  d.pathDrawn = String(stats.path);
}
