/**
 * Help text attached to API functions, shown by the kernel's inspect request (Shift+Tab in JupyterLab).
 */

/** Property holding a function's help text. */
export const DOC = Symbol.for('tracelab.doc');

/** Attaches help text to `x` and returns it. */
export function documented<T extends object>(x: T, doc: string): T {
  Object.defineProperty(x, DOC, { value: doc, enumerable: false });
  return x;
}

/** The help text of `x`, if any. */
export function docOf(x: unknown): string | undefined {
  if ((typeof x !== 'object' && typeof x !== 'function') || x === null) return undefined;
  const d = (x as { [DOC]?: unknown })[DOC];
  return typeof d === 'string' ? d : undefined;
}
