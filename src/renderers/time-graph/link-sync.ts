/**
 * Keeps one view's state and its experiment link in step: local window, selection, cursor and followed-thread
 * changes are published; changes from other views are applied (clamped to this view's range) without being
 * echoed back, so views with different ranges cannot ping-pong.
 *
 * Scope: the two-way binding only; the link itself is `shared/experiment-link.ts`.
 */
import type { ExperimentLink, ILinkChange } from '../shared/experiment-link';
import type { TimeGraphModel } from './model';
import type { ChangeKind, TimeGraphState } from './view-state';

/** Binds `state` to `link` until disposed. */
export class LinkSync {
  constructor(
    private readonly state: TimeGraphState,
    private readonly model: TimeGraphModel,
    readonly link: ExperimentLink
  ) {
    this.apply(link.state);
    link.changed.connect(this.onLink, this);
    state.changed.connect(this.onState, this);
  }

  dispose(): void {
    this.link.changed.disconnect(this.onLink, this);
    this.state.changed.disconnect(this.onState, this);
  }

  private onState(_: TimeGraphState, kind: ChangeKind): void {
    if (this._applying || (kind !== 'window' && kind !== 'overlay')) return;
    const s = this.state;
    const followed = s.followed >= 0 ? this.model.payload.rows[s.followed].id : null;
    this.link.update({ window: s.window, selection: s.selection, cursor: s.cursor, followed }, this);
  }

  private onLink(_: ExperimentLink, change: ILinkChange): void {
    if (change.source !== this) this.apply(change.patch);
  }

  /** Applies a (partial) shared state; `null` window means "not set yet" and is ignored. */
  private apply(p: Partial<ExperimentLink['state']>): void {
    this._applying = true;
    try {
      if (p.window) this.state.setWindow(p.window);
      if (p.selection !== undefined) this.state.setSelection(p.selection);
      if (p.cursor !== undefined) this.state.setCursor(p.cursor);
      if (p.followed !== undefined) {
        this.state.setFollowed(p.followed === null ? -1 : this.model.tree.indexOf(p.followed));
      }
    } finally {
      this._applying = false;
    }
  }

  private _applying = false;
}
