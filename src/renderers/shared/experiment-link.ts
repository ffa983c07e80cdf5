/**
 * The shared state of one experiment inside a page: views showing the same experiment id share their time
 * window, selection, cursor and followed thread. Zooming one view moves the others. A critical-path view also
 * publishes its path here, so that following its thread in any time graph of the experiment highlights the path.
 *
 * Scope: a module-level registry keyed by experiment id, reference counted so the last view to go frees the
 * entry. The mime extension is loaded once per page (module federation shares it), so every renderer of the
 * page sees the same registry.
 */
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';

/** An absolute time window, bigint ns, start < end. */
export interface ITimeWindow {
  start: bigint;
  end: bigint;
}

/** What views of one experiment share. `null` clears a value; `undefined` leaves it unchanged in a patch. */
export interface ISharedViewState {
  window: ITimeWindow | null;
  selection: ITimeWindow | null;
  cursor: bigint | null;
  /** Row id of the followed thread. */
  followed: string | null;
}

/** A critical path shared by the views of an experiment: segments on rows named by id, absolute times. */
export interface ISharedPath {
  /** Time origin of `start`/`end` (absolute ns). */
  base: bigint;
  /** Row id of each segment. */
  rowIds: readonly string[];
  /** Offsets from `base`, ns. */
  start: readonly number[];
  end: readonly number[];
}

/** A change: the patch applied and who applied it (views ignore their own changes). */
export interface ILinkChange {
  patch: Partial<ISharedViewState>;
  source: unknown;
}

/** The shared state of one experiment. */
export class ExperimentLink {
  constructor(readonly experimentId: string) {}

  /** The current shared state. */
  get state(): Readonly<ISharedViewState> {
    return this._state;
  }

  /** Emitted after every `update`. */
  get changed(): ISignal<this, ILinkChange> {
    return this._changed;
  }

  /** Applies `patch` and notifies every listener (the source included; it can compare `source`). */
  update(patch: Partial<ISharedViewState>, source: unknown): void {
    const keys = Object.keys(patch) as Array<keyof ISharedViewState>;
    const effective: Partial<ISharedViewState> = {};
    for (const k of keys) {
      if (!sameValue(this._state[k], patch[k])) (effective as Record<string, unknown>)[k] = patch[k];
    }
    if (Object.keys(effective).length === 0) return;
    this._state = { ...this._state, ...effective };
    this._changed.emit({ patch: effective, source });
  }

  /** The published critical path of the thread with row id `owner`, if any. */
  path(owner: string): ISharedPath | undefined {
    return this._paths.get(owner)?.[0];
  }

  /** Emits the owner row id whose published path appeared or went away. */
  get pathsChanged(): ISignal<this, string> {
    return this._pathsChanged;
  }

  /** Publishes the critical path of thread `owner`; call the returned function to withdraw it. */
  publishPath(owner: string, path: ISharedPath): () => void {
    const list = this._paths.get(owner) ?? [];
    list.unshift(path);
    this._paths.set(owner, list);
    this._pathsChanged.emit(owner);
    return () => {
      const l = this._paths.get(owner);
      const i = l ? l.indexOf(path) : -1;
      if (!l || i < 0) return;
      l.splice(i, 1);
      if (l.length === 0) this._paths.delete(owner);
      this._pathsChanged.emit(owner);
    };
  }

  private _state: ISharedViewState = { window: null, selection: null, cursor: null, followed: null };
  private _changed = new Signal<this, ILinkChange>(this);
  private _paths = new Map<string, ISharedPath[]>();
  private _pathsChanged = new Signal<this, string>(this);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const x = a as ITimeWindow;
    const y = b as ITimeWindow;
    return x.start === y.start && x.end === y.end;
  }
  return false;
}

/** Reference-counted links by experiment id. */
export class ExperimentRegistry {
  /** The link of `experimentId`, created on first use; pair with `release`. */
  acquire(experimentId: string): ExperimentLink {
    let e = this._links.get(experimentId);
    if (!e) {
      e = { link: new ExperimentLink(experimentId), refs: 0 };
      this._links.set(experimentId, e);
    }
    e.refs++;
    return e.link;
  }

  /** Drops one reference; the link is forgotten (and its listeners cleared) with the last one. */
  release(link: ExperimentLink): void {
    const e = this._links.get(link.experimentId);
    if (!e || e.link !== link) return;
    if (--e.refs <= 0) {
      Signal.clearData(link);
      this._links.delete(link.experimentId);
    }
  }

  /** Number of live links (for tests and leak checks). */
  get size(): number {
    return this._links.size;
  }

  private _links = new Map<string, { link: ExperimentLink; refs: number }>();
}

/** The page-wide registry every renderer uses. */
export const experiments = new ExperimentRegistry();
