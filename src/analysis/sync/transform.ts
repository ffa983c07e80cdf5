/**
 * Linear clock transforms: synced = slope × local + offset, kept in an anchored form that stays exact to well
 * under a nanosecond on 64-bit nanosecond timestamps:
 *
 *   synced(t) = anchorSynced + round(frac + slope × Number(t − anchorLocal))
 *
 * `t − anchorLocal` is a trace-length difference (exact in a double below 2^53 ns ≈ 104 days), so the only
 * rounding is the double product (relative error 2^-53: < 1 ns for differences below ~10^7 s). The plain
 * `offset` of "slope × local + offset" is derived exactly with bigint arithmetic (`offsetNs`), rounded to 1 ns.
 */

export interface Transform {
  readonly slope: number;
  readonly anchorLocal: bigint;
  readonly anchorSynced: bigint;
  /** Sub-nanosecond (or small) part of the value at the anchor, |frac| <= 0.5 after `normalize`. */
  readonly frac: number;
}

export const IDENTITY: Transform = { slope: 1, anchorLocal: 0n, anchorSynced: 0n, frac: 0 };

export function isIdentity(t: Transform): boolean {
  return t.slope === 1 && t.frac === 0 && t.anchorLocal === t.anchorSynced;
}

function normalize(slope: number, anchorLocal: bigint, anchorSynced: bigint, frac: number): Transform {
  const k = Math.round(frac);
  return { slope, anchorLocal, anchorSynced: anchorSynced + BigInt(k), frac: frac - k };
}

export function makeTransform(slope: number, anchorLocal: bigint, anchorSynced: bigint, frac = 0): Transform {
  return normalize(slope, anchorLocal, anchorSynced, frac);
}

/** Maps a local timestamp to synchronised time. */
export function apply(t: Transform, ts: bigint): bigint {
  if (t.slope === 1 && t.frac === 0) return ts - t.anchorLocal + t.anchorSynced;
  return t.anchorSynced + BigInt(Math.round(t.frac + t.slope * Number(ts - t.anchorLocal)));
}

/** `outer ∘ inner`: first `inner`, then `outer`. */
export function compose(outer: Transform, inner: Transform): Transform {
  const mid = Number(inner.anchorSynced - outer.anchorLocal) + inner.frac;
  return normalize(
    outer.slope * inner.slope,
    inner.anchorLocal,
    outer.anchorSynced,
    outer.frac + outer.slope * mid
  );
}

/** The inverse map (synced → local). */
export function invert(t: Transform): Transform {
  return normalize(1 / t.slope, t.anchorSynced, t.anchorLocal, -t.frac / t.slope);
}

/** A double as mantissa × 2^exp with a bigint mantissa (exact). */
function exactDouble(x: number): { m: bigint; e: number } {
  if (x === 0 || !Number.isFinite(x)) return { m: 0n, e: 0 };
  let e = 0;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    e--;
  }
  return { m: BigInt(v), e };
}

/** round(a / 2^k) for bigint a, k >= 0, half away from zero. */
function roundShift(a: bigint, k: number): bigint {
  if (k === 0) return a;
  const d = 1n << BigInt(k);
  const q = a / d;
  const r = a - q * d;
  if (2n * (r < 0n ? -r : r) >= d) return q + (a < 0n ? -1n : 1n);
  return q;
}

/** The `offset` of synced = slope × local + offset, in ns: anchorSynced − round(slope × anchorLocal − frac). */
export function offsetNs(t: Transform): bigint {
  const s = exactDouble(t.slope);
  const f = exactDouble(t.frac);
  const E = Math.min(s.e, f.e, 0);
  const scaled = s.m * t.anchorLocal * (1n << BigInt(s.e - E)) - f.m * (1n << BigInt(f.e - E));
  return t.anchorSynced - roundShift(scaled, -E);
}
