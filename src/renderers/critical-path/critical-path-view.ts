/**
 * The critical-path view: a heading naming the followed thread, the path drawn as a time graph (one row per
 * worker, segments coloured by edge type, links as arrows) sharing the experiment's time range, and the
 * summary table of time per state, thread and host. A button makes every time graph of the experiment follow
 * the thread. The path is published on the experiment link, so a time graph following the thread (e.g. the
 * control flow) highlights it too.
 *
 * Scope: composition of `TimeGraphView` and the summary table for a validated payload.
 */
import { criticalPathToTimeGraph, summarizeCriticalPath } from '../../protocol/critical-path';
import type { ICriticalPathPayload } from '../../protocol/critical-path';
import type { DataProviderRegistry } from '../shared/data-providers';
import type { ExperimentLink } from '../shared/experiment-link';
import { TimeGraphView } from '../time-graph/time-graph-view';
import { rowTitle } from '../time-graph/tooltip';
import { createSummaryTable } from './summary-table';

/** A critical path in a DOM element (`node`). */
export class CriticalPathView {
  constructor(
    readonly payload: ICriticalPathPayload,
    link: ExperimentLink | null,
    providers: DataProviderRegistry | null = null
  ) {
    this.node = document.createElement('div');
    this.node.className = 'tl-CriticalPath';
    const heading = document.createElement('div');
    heading.className = 'tl-CriticalPath-heading';
    const subject = payload.subject;
    const who = rowTitle({
      id: subject.rowId,
      label: subject.label,
      parent: -1,
      kind: 'thread',
      tid: subject.tid,
      host: subject.host
    });
    const title = document.createElement('span');
    title.textContent = payload.title ?? `Critical path of ${who}`;
    this.followButton = document.createElement('button');
    this.followButton.type = 'button';
    this.followButton.className = 'tl-TimeGraph-button';
    this.followButton.textContent = 'Follow in time graphs';
    this.followButton.title =
      'Highlight this thread and its critical path in the time graphs of this experiment';
    this.followButton.addEventListener('click', () => link?.update({ followed: subject.rowId }, this), {
      signal: this._abort.signal
    });
    this.followButton.disabled = link === null;
    heading.append(title, this.followButton);
    const layout = document.createElement('div');
    layout.className = 'tl-CriticalPath-layout';
    const tg = criticalPathToTimeGraph(payload);
    if (tg.title === undefined) tg.title = `Critical path of ${who}`;
    this.graph = new TimeGraphView(tg, { link, providers });
    this._unpublish =
      link?.publishPath(subject.rowId, {
        base: BigInt(payload.range.start),
        rowIds: payload.segments.row.map(r => payload.workers[r].id),
        start: payload.segments.start,
        end: payload.segments.end
      }) ?? null;
    this.summary = summarizeCriticalPath(payload);
    this.table = createSummaryTable(this.summary, payload.legend);
    layout.append(this.graph.node, this.table);
    this.node.append(heading, layout);
  }

  readonly node: HTMLDivElement;
  readonly graph: TimeGraphView;
  readonly table: HTMLTableElement;
  readonly followButton: HTMLButtonElement;
  readonly summary: ReturnType<typeof summarizeCriticalPath>;

  dispose(): void {
    this._abort.abort();
    this._unpublish?.();
    this._unpublish = null;
    this.graph.dispose();
    this.node.remove();
  }

  private _abort = new AbortController();
  private _unpublish: (() => void) | null;
}
