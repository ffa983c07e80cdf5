/**
 * The critical path of a followed thread, in view terms (view rows, view-base offsets): from the payload's own
 * `pathSegments` when it has them, else from a path another view of the experiment published on the link
 * (a critical-path view), matched by row id. Rows this view does not show are left out.
 *
 * Scope: lookup and conversion, cached per owner until the link's paths change.
 */
import type { ExperimentLink } from '../shared/experiment-link';
import type { TimeGraphModel } from './model';

/** Path segments of one followed thread. */
export interface IViewPath {
  row: number[];
  start: number[];
  end: number[];
}

/** Finds followed threads' paths for one view. */
export class FollowPaths {
  constructor(
    private readonly model: TimeGraphModel,
    private readonly link: ExperimentLink | null,
    onChange: () => void
  ) {
    this._onChange = onChange;
    link?.pathsChanged.connect(this.onPaths, this);
  }

  /** The path of view row `owner`, or null. */
  get(owner: number): IViewPath | null {
    if (owner < 0) return null;
    if (!this._cache.has(owner)) this._cache.set(owner, this.build(owner));
    return this._cache.get(owner) ?? null;
  }

  dispose(): void {
    this.link?.pathsChanged.disconnect(this.onPaths, this);
    this._cache.clear();
  }

  private build(owner: number): IViewPath | null {
    const m = this.model;
    const seg = m.payload.pathSegments;
    const own = m.pathByOwner.get(owner);
    if (seg && own) {
      return {
        row: own.map(i => seg.row[i]),
        start: own.map(i => seg.start[i]),
        end: own.map(i => seg.end[i])
      };
    }
    const shared = this.link?.path(m.payload.rows[owner].id);
    if (!shared) return null;
    const shift = Number(shared.base - m.base);
    const out: IViewPath = { row: [], start: [], end: [] };
    for (let i = 0; i < shared.rowIds.length; i++) {
      const row = m.tree.indexOf(shared.rowIds[i]);
      if (row < 0) continue;
      out.row.push(row);
      out.start.push(shared.start[i] + shift);
      out.end.push(shared.end[i] + shift);
    }
    return out.row.length > 0 ? out : null;
  }

  private onPaths(): void {
    this._cache.clear();
    this._onChange();
  }

  private readonly _cache = new Map<number, IViewPath | null>();
  private readonly _onChange: () => void;
}
