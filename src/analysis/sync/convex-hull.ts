/**
 * Clock synchronisation of one pair of hosts from matched packets: the fully incremental convex-hull method
 * (after Duda et al. and Jabbarifar, Dagenais & Shameli-Sendi, as in Trace Compass's SyncAlgorithmFullyIncremental;
 * this is an independent implementation).
 *
 * Host A (the lexicographically smaller name) is the reference; we look for B = α·A + β. A packet A→B gives a point
 * (x = send on A, y = receive on B) that lies *above* the line; a packet B→A gives (x = receive on A, y = send on B)
 * *below* it. Each new point is inserted into the lower hull of the "above" set or the upper hull of the "below" set
 * (binary search + local pruning; points inside a hull are dropped at once). When a hull changes, the extreme
 * separating lines are recomputed from the hull vertices: αmax = min slope(l, u) over pairs with u right of l,
 * αmin = max slope(u, l) over pairs with u left of l. Coordinates are bigint ns relative to the first point, so
 * hull tests are exact.
 *
 * Quality: incomplete (a direction has no packet), fail (no separating line: the last good estimate is kept),
 * accurate (both bounds exist and each hull has >= 2 points), approximate otherwise. Estimate when accurate:
 * α = (αmin+αmax)/2, β = mean of the two lines' intercepts; when approximate: α = 1 clamped to [αmin, αmax] and β the
 * middle of the feasible intercepts at that α. Accuracy = αmax − αmin (NaN unless accurate).
 */
import { makeTransform } from './transform';
import type { Transform } from './transform';

export type SyncQuality = 'accurate' | 'approximate' | 'fail' | 'incomplete';

interface Pt {
  readonly x: bigint;
  readonly y: bigint;
}

function cross(a: Pt, b: Pt, p: Pt): bigint {
  return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
}

/** A lower convex hull of points (x strictly increasing); an upper hull is kept as the lower hull of (x, −y). */
class Hull {
  readonly pts: Pt[] = [];
  count = 0;
  constructor(private readonly sign: 1n | -1n) {}

  /** The hull vertices in original coordinates. */
  vertices(): Pt[] {
    return this.sign === 1n ? this.pts : this.pts.map(p => ({ x: p.x, y: -p.y }));
  }

  /** Adds a point; true when the hull changed. */
  insert(x: bigint, y0: bigint): boolean {
    this.count++;
    const p = { x, y: this.sign * y0 };
    const h = this.pts;
    let lo = 0;
    let hi = h.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (h[mid].x < x) lo = mid + 1;
      else hi = mid;
    }
    let pos = lo;
    if (pos < h.length && h[pos].x === x) {
      if (h[pos].y <= p.y) return false;
      h.splice(pos, 1);
    } else if (pos > 0 && pos < h.length && cross(h[pos - 1], h[pos], p) >= 0n) {
      return false;
    }
    h.splice(pos, 0, p);
    while (pos >= 2 && cross(h[pos - 2], h[pos], h[pos - 1]) >= 0n) {
      h.splice(pos - 1, 1);
      pos--;
    }
    while (pos + 2 < h.length && cross(h[pos], h[pos + 2], h[pos + 1]) >= 0n) h.splice(pos + 1, 1);
    return true;
  }
}

interface Estimate {
  alpha: number;
  beta: number;
  accuracy: number;
  accurate: boolean;
}

/** Extreme slopes of the lines separating `above` (on or over the line) from `below`. */
function bounds(
  above: Pt[],
  below: Pt[]
): { min: number; max: number; minB: number; maxB: number } | undefined {
  let max = Infinity;
  let min = -Infinity;
  let maxB = NaN;
  let minB = NaN;
  for (const u of above) {
    for (const l of below) {
      const dx = u.x - l.x;
      const dy = u.y - l.y;
      if (dx === 0n) {
        if (dy < 0n) return undefined;
        continue;
      }
      const s = Number(dy) / Number(dx);
      if (dx > 0n && s < max) {
        max = s;
        maxB = Number(l.y) - s * Number(l.x);
      } else if (dx < 0n && s > min) {
        min = s;
        minB = Number(u.y) - s * Number(u.x);
      }
    }
  }
  return min <= max ? { min, max, minB, maxB } : undefined;
}

/** Middle of the feasible intercepts at slope `a`. */
function middleIntercept(above: Pt[], below: Pt[], a: number): number {
  let hi = Infinity;
  let lo = -Infinity;
  for (const u of above) hi = Math.min(hi, Number(u.y) - a * Number(u.x));
  for (const l of below) lo = Math.max(lo, Number(l.y) - a * Number(l.x));
  return (hi + lo) / 2;
}

export class PairSync {
  private readonly above = new Hull(1n);
  private readonly below = new Hull(-1n);
  private x0: bigint | undefined;
  private y0 = 0n;
  private est: Estimate | undefined;
  private failed = false;
  matches = 0;

  constructor(
    readonly reference: string,
    readonly other: string
  ) {}

  private origin(x: bigint, y: bigint): void {
    if (this.x0 === undefined) {
      this.x0 = x;
      this.y0 = y;
    }
  }

  /** A packet from the reference host (sent at `refTs`) to the other host (received at `otherTs`). */
  addRefToOther(refTs: bigint, otherTs: bigint): void {
    this.add(refTs, otherTs, this.above);
  }

  /** A packet from the other host (sent at `otherTs`) to the reference host (received at `refTs`). */
  addOtherToRef(otherTs: bigint, refTs: bigint): void {
    this.add(refTs, otherTs, this.below);
  }

  private add(x: bigint, y: bigint, hull: Hull): void {
    this.matches++;
    this.origin(x, y);
    const changed = hull.insert(x - (this.x0 as bigint), y - this.y0);
    if (changed && !this.failed) this.update();
  }

  private update(): void {
    if (this.above.count === 0 || this.below.count === 0) return;
    const a = this.above.vertices();
    const b = this.below.vertices();
    const r = bounds(a, b);
    if (r === undefined) {
      this.failed = true;
      return;
    }
    const accurate = Number.isFinite(r.min) && Number.isFinite(r.max) && a.length >= 2 && b.length >= 2;
    if (accurate) {
      this.est = {
        alpha: (r.min + r.max) / 2,
        beta: (r.minB + r.maxB) / 2,
        accuracy: r.max - r.min,
        accurate
      };
    } else {
      const alpha = Math.min(Math.max(1, r.min), r.max);
      this.est = { alpha, beta: middleIntercept(a, b, alpha), accuracy: NaN, accurate };
    }
  }

  get quality(): SyncQuality {
    if (this.above.count === 0 || this.below.count === 0) return 'incomplete';
    if (this.failed) return 'fail';
    return this.est?.accurate ? 'accurate' : 'approximate';
  }

  get accuracy(): number {
    return this.quality === 'accurate' ? (this.est as Estimate).accuracy : NaN;
  }

  /** B = α·A + β in absolute ns, as a transform of the reference's clock into the other's; undefined if none. */
  refToOther(): Transform | undefined {
    const e = this.est;
    if (e === undefined || this.x0 === undefined) return undefined;
    return makeTransform(e.alpha, this.x0, this.y0, e.beta);
  }

  /** The other host's clock into the reference's: A = (B − β)/α. */
  otherToRef(): Transform | undefined {
    const e = this.est;
    if (e === undefined || this.x0 === undefined) return undefined;
    return makeTransform(1 / e.alpha, this.y0, this.x0, -e.beta / e.alpha);
  }
}
