/**
 * Reads the source maps TypeScript emits for a cell (one source), so runtime positions in the generated
 * JavaScript map back to the cell's own lines and columns for tracebacks.
 *
 * Spec: https://sourcemaps.info/spec.html (Source Map Revision 3, base64 VLQ `mappings`).
 */

/** A position, 1-based line and column as V8 prints them in stack traces. */
export interface IPosition {
  line: number;
  column: number;
}

/** Per generated line (0-based), sorted segments `[generatedColumn, sourceLine, sourceColumn]` (0-based). */
type Segments = [number, number, number][];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

/** Decodes one base64-VLQ segment into its (relative) fields. */
export function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64_VALUE.get(ch);
    if (digit === undefined) throw new Error(`bad VLQ character ${ch}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/** Maps generated positions to original positions of a single-source map. */
export class LineMap {
  /** Parses a source map's JSON text (only `mappings` of source 0 are used). */
  static fromJson(json: string): LineMap {
    const map = JSON.parse(json) as { mappings: string };
    const lines: Segments[] = [];
    let srcLine = 0;
    let srcCol = 0;
    let srcIdx = 0;
    for (const text of map.mappings.split(';')) {
      const segs: Segments = [];
      let genCol = 0;
      for (const s of text ? text.split(',') : []) {
        const f = decodeVlq(s);
        genCol += f[0];
        if (f.length < 4) continue;
        srcIdx += f[1];
        srcLine += f[2];
        srcCol += f[3];
        if (srcIdx === 0) segs.push([genCol, srcLine, srcCol]);
      }
      lines.push(segs.sort((a, b) => a[0] - b[0]));
    }
    return new LineMap(lines);
  }

  private constructor(private readonly _lines: Segments[]) {}

  /**
   * Original position of a generated one (both 1-based), or undefined when the line has no mapping.
   * A column before the first segment maps to that segment; within a segment the offset is kept (TypeScript
   * copies the text of a segment verbatim).
   */
  original(pos: IPosition): IPosition | undefined {
    const segs = this._lines[pos.line - 1];
    if (!segs || segs.length === 0) return undefined;
    let best = segs[0];
    for (const s of segs) {
      if (s[0] > pos.column - 1) break;
      best = s;
    }
    return { line: best[1] + 1, column: best[2] + 1 + Math.max(0, pos.column - 1 - best[0]) };
  }
}
