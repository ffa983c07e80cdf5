/**
 * Storage of frozen (chunk-owned, immutable) columns: `frozenCopy(a, n)` copies the first n elements of a writer
 * array into a bump-allocated slice of a shared 64 KB ArrayBuffer instead of a buffer of its own.
 *
 * A chunk freezes a few hundred small arrays; one backing store each made allocation, zeroing and the garbage
 * collector's sweeping of external memory a visible share of a full read. Slices are 8-byte aligned (so 64-bit
 * views of wide integer columns stay possible) and never written after the copy; an arena is freed when no
 * chunk references any of its slices.
 */

const ARENA = 1 << 16;

type Arr = Uint32Array | Int32Array | Float64Array | Uint8Array;

let buf = new ArrayBuffer(0);
let used = 0;

type Ctor<T> = {
  new (n: number): T;
  new (b: ArrayBuffer, off: number, len: number): T;
  BYTES_PER_ELEMENT: number;
};

/** A zero-filled array of n elements in the arena (to be filled once, then never written). */
export function frozenAlloc<T extends Arr>(ctor: Ctor<T>, n: number): T {
  const bytes = n * ctor.BYTES_PER_ELEMENT;
  if (bytes > ARENA / 4) return new ctor(n);
  if (used + bytes > buf.byteLength) {
    buf = new ArrayBuffer(ARENA);
    used = 0;
  }
  const out = new ctor(buf, used, n);
  used += (bytes + 7) & ~7;
  return out;
}

/** A frozen copy of a[0, len). */
export function frozenCopy<T extends Arr>(a: T, len: number): T {
  const n = Math.max(0, Math.min(len, a.length));
  const out = frozenAlloc(a.constructor as Ctor<T>, n);
  out.set(a.subarray(0, n) as never);
  return out;
}
