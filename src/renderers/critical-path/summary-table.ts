/**
 * The summary beside a critical path: time per state, per worker (thread) and per host, longest first, with
 * exact durations and shares shown as numbers and bars. Built with `textContent` only.
 *
 * Scope: a pure-DOM table from `summarizeCriticalPath`.
 */
import type { ICriticalPathSummary, ISummaryLine } from '../../protocol/critical-path';
import { formatDuration } from '../../protocol/ns';
import type { ILegendEntry } from '../../protocol/timegraph';

/** Rows per section before "n more" is shown. */
export const MAX_SUMMARY_ROWS = 25;

function cell(tag: 'td' | 'th', text: string, cls = ''): HTMLTableCellElement {
  const c = document.createElement(tag);
  c.textContent = text;
  if (cls) c.className = cls;
  return c;
}

function section(
  table: HTMLTableElement,
  title: string,
  lines: readonly ISummaryLine[],
  colorOf: (key: string) => string | null
): void {
  const body = table.createTBody();
  const head = body.insertRow();
  const th = cell('th', title, 'tl-CriticalPath-section');
  th.colSpan = 3;
  th.scope = 'colgroup';
  head.append(th);
  for (const l of lines.slice(0, MAX_SUMMARY_ROWS)) {
    const tr = body.insertRow();
    const name = cell('th', '', 'tl-CriticalPath-name');
    name.scope = 'row';
    const color = colorOf(l.key);
    if (color) {
      const sw = document.createElement('span');
      sw.className = 'tl-TimeGraph-swatch';
      sw.style.background = color;
      name.append(sw);
    }
    name.append(document.createTextNode(l.label || '(unnamed)'));
    const dur = cell('td', formatDuration(BigInt(Math.round(l.duration))), 'tl-CriticalPath-duration');
    const share = cell('td', `${(l.share * 100).toFixed(1)}%`, 'tl-CriticalPath-share');
    const bar = document.createElement('span');
    bar.className = 'tl-CriticalPath-bar';
    bar.style.width = `${Math.round(l.share * 100)}%`;
    share.append(bar);
    tr.append(name, dur, share);
  }
  if (lines.length > MAX_SUMMARY_ROWS) {
    const more = body.insertRow().insertCell();
    more.colSpan = 3;
    more.textContent = `${lines.length - MAX_SUMMARY_ROWS} more`;
  }
}

/** Builds the summary table. */
export function createSummaryTable(
  s: ICriticalPathSummary,
  legend: readonly ILegendEntry[]
): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'tl-CriticalPath-summary';
  table.createCaption().textContent = `Time on the path: ${formatDuration(BigInt(Math.round(s.total)))}`;
  const head = table.createTHead().insertRow();
  head.append(cell('th', 'Name'), cell('th', 'Time'), cell('th', 'Share'));
  const stateColor = new Map(legend.map(e => [e.id, e.color]));
  section(table, 'By state', s.byState, k => stateColor.get(k) ?? null);
  section(table, 'By thread', s.byWorker, () => null);
  if (s.byHost.length > 1 || (s.byHost.length === 1 && s.byHost[0].key !== '')) {
    section(table, 'By host', s.byHost, () => null);
  }
  return table;
}
