/**
 * Hover tooltips: the text lines describing an interval (row, state, exact start and duration, extra text such
 * as a syscall, merge count) and the DOM element that shows them. Every line is set with `textContent`, so
 * trace strings stay text.
 *
 * Scope: `describeInterval` is pure; `Tooltip` owns one absolutely positioned element.
 */
import { formatDuration, formatSeconds } from '../../protocol/ns';
import type { ITimeGraphRow, ILegendEntry } from '../../protocol/timegraph';
import type { IntervalStore } from './interval-store';

/** What `describeInterval` needs. */
export interface IIntervalInfo {
  row: ITimeGraphRow;
  legend: readonly ILegendEntry[];
  store: IntervalStore;
  index: number;
  /** Absolute ns of view-base offset 0. */
  base: bigint;
}

/** A row's title: label plus its ids. */
export function rowTitle(row: ITimeGraphRow): string {
  const ids: string[] = [];
  if (row.tid !== undefined) ids.push(`tid ${row.tid}`);
  if (row.pid !== undefined && row.pid !== row.tid) ids.push(`pid ${row.pid}`);
  if (row.cpu !== undefined && row.kind !== 'cpu') ids.push(`CPU ${row.cpu}`);
  if (row.host !== undefined) ids.push(row.host);
  return ids.length > 0 ? `${row.label} (${ids.join(', ')})` : row.label;
}

/** The tooltip lines of interval `index` of `store`. */
export function describeInterval(info: IIntervalInfo): string[] {
  const { store, index } = info;
  const [a, b] = store.bounds(index);
  const state = info.legend[store.state[index]];
  const count = store.count ? store.count[index] : 1;
  const lines = [rowTitle(info.row)];
  lines.push(
    count > 1 ? `${count} intervals, mostly ${state?.label ?? '?'}` : `State: ${state?.label ?? '?'}`
  );
  lines.push(`Start: ${formatSeconds(BigInt(a))} s (@${info.base + BigInt(a)})`);
  lines.push(`Duration: ${formatDuration(BigInt(b - a))}`);
  const li = store.label ? store.label[index] : -1;
  if (li >= 0 && li < store.strings.length) lines.push(`Detail: ${store.strings[li]}`);
  if (count > 1 && store.resolution > 0) {
    lines.push(`Merged below ${formatDuration(BigInt(store.resolution))} (a live kernel gives more detail)`);
  }
  return lines;
}

/** The tooltip element of one view. */
export class Tooltip {
  constructor(parent: HTMLElement) {
    this.node = document.createElement('div');
    this.node.className = 'tl-TimeGraph-tooltip';
    this.node.setAttribute('role', 'tooltip');
    this.node.hidden = true;
    parent.appendChild(this.node);
  }

  readonly node: HTMLDivElement;

  /** Shows `lines` near (x, y) in the parent's coordinates, kept inside `maxX`. */
  show(lines: readonly string[], x: number, y: number, maxX: number): void {
    this.node.replaceChildren(
      ...lines.map((text, i) => {
        const div = document.createElement('div');
        if (i === 0) div.className = 'tl-TimeGraph-tooltipTitle';
        div.textContent = text;
        return div;
      })
    );
    this.node.hidden = false;
    const w = this.node.offsetWidth || 240;
    this.node.style.left = `${Math.max(0, Math.min(x + 12, maxX - w - 4))}px`;
    this.node.style.top = `${y + 16}px`;
  }

  hide(): void {
    this.node.hidden = true;
  }

  /** The lines shown (for tests and the accessible status). */
  get text(): string[] {
    return Array.from(this.node.children, c => c.textContent ?? '');
  }
}
