/**
 * The view model of a validated time-graph payload: the row tree, the snapshot intervals, an optional finer
 * source from a live kernel, arrows, critical-path segments by followed thread, and legend colours.
 *
 * Scope: adapter from protocol payloads (and comm replies) to what painters and hit-tests read (the role of
 * theia's TspDataProvider). Offsets are numbers from the payload range start ("view base").
 */
import type { NumColumn } from '../../protocol/columns';
import type { ITimeGraphFetchReply } from '../../protocol/comm';
import type { IArrowColumns, ITimeGraphPayload } from '../../protocol/timegraph';
import { IntervalStore } from './interval-store';
import { RowTree } from './row-tree';

/** Arrows addressed by view rows, times in view base. */
export interface IArrowSet {
  fromRow: NumColumn;
  fromTime: NumColumn;
  toRow: NumColumn;
  toTime: NumColumn;
  kind: NumColumn;
  owner: NumColumn | null;
}

function arrowSet(a: IArrowColumns): IArrowSet {
  return { ...a, owner: a.owner ?? null };
}

/** Everything drawable from one payload. */
export class TimeGraphModel {
  constructor(readonly payload: ITimeGraphPayload) {
    this.base = BigInt(payload.range.start);
    this.end = BigInt(payload.range.end);
    this.rangeLength = Number(this.end - this.base);
    this.tree = new RowTree(payload.rows);
    this.resolution = Number(payload.resolution);
    this.snapshot = new IntervalStore(
      payload.intervals,
      payload.rows.length,
      0,
      undefined,
      [0, this.rangeLength],
      this.resolution,
      payload.strings ?? []
    );
    this.colors = payload.legend.map(e => e.color);
    this.active = new Uint8Array(Math.max(1, payload.legend.length));
    const anyActive = payload.legend.some(e => e.active === true);
    payload.legend.forEach((e, i) => (this.active[i] = !anyActive || e.active === true ? 1 : 0));
    this.arrowColors = (payload.arrowKinds ?? []).map(k => k.color);
    this.arrows = payload.arrows ? arrowSet(payload.arrows) : null;
    const seg = payload.pathSegments;
    if (seg) {
      for (let i = 0; i < seg.owner.length; i++) {
        const list = this.pathByOwner.get(seg.owner[i]);
        if (list) list.push(i);
        else this.pathByOwner.set(seg.owner[i], [i]);
      }
    }
  }

  /** Absolute ns of offset 0. */
  readonly base: bigint;
  readonly end: bigint;
  readonly rangeLength: number;
  readonly tree: RowTree;
  /** Snapshot merge bucket (0: exact). */
  readonly resolution: number;
  readonly snapshot: IntervalStore;
  readonly colors: string[];
  /** 1 for states that make a thread "active". */
  readonly active: Uint8Array;
  readonly arrowColors: string[];
  readonly arrows: IArrowSet | null;
  /** Indices into `payload.pathSegments` per owner row. */
  readonly pathByOwner = new Map<number, number[]>();

  /** Finer data from a live kernel, when any. */
  get fine(): IntervalStore | null {
    return this._fine;
  }

  get fineArrows(): IArrowSet | null {
    return this._fineArrows;
  }

  /** The best store for drawing `row` over view-base window [w0, w1]. */
  storeFor(row: number, w0: number, w1: number): IntervalStore {
    const f = this._fine;
    return f && f.coversWindow(row, w0, w1) ? f : this.snapshot;
  }

  /** Installs a validated comm reply as the finer source. Returns false if it does not fit this view. */
  applyReply(reply: ITimeGraphFetchReply): boolean {
    const start = BigInt(reply.range.start);
    const shift = Number(start - this.base);
    const len = Number(BigInt(reply.range.end) - start);
    if (shift < 0 || shift + len > this.rangeLength) return false;
    const map = Int32Array.from(reply.rows, id => this.tree.indexOf(id));
    this._fine = new IntervalStore(
      reply.intervals,
      this.payload.rows.length,
      shift,
      map,
      [shift, shift + len],
      Number(reply.resolution),
      reply.strings ?? []
    );
    this._fineArrows = null;
    const a = reply.arrows;
    if (a) {
      const keep = a.fromRow.map((_, i) => i).filter(i => map[a.fromRow[i]] >= 0 && map[a.toRow[i]] >= 0);
      this._fineArrows = {
        fromRow: keep.map(i => map[a.fromRow[i]]),
        fromTime: keep.map(i => a.fromTime[i] + shift),
        toRow: keep.map(i => map[a.toRow[i]]),
        toTime: keep.map(i => a.toTime[i] + shift),
        kind: keep.map(i => a.kind[i]),
        owner: a.owner ? keep.map(i => (a.owner![i] >= 0 ? map[a.owner![i]] : -1)) : null
      };
    }
    return true;
  }

  /** Offset (view base) of absolute time t; exact while |t - base| < 2^53. */
  offsetOf(t: bigint): number {
    return Number(t - this.base);
  }

  private _fine: IntervalStore | null = null;
  private _fineArrows: IArrowSet | null = null;
}
