/**
 * Streaming scan of a trace-event JSON file for its event objects, without parsing the file whole: finds the
 * events array — the top-level array (JSON array form) or the `traceEvents` member of the top-level object (JSON
 * object form) — and reports each object element's byte span, by bracket matching outside strings (as Trace
 * Compass reads these files, so objects with syntax errors between them still split correctly). Top-level string
 * and number members of the object form (`displayTimeUnit`, `schemaVersion`, ...) are reported too.
 *
 * Scope: bytes only (UTF-8 is safe to scan bytewise: every structural character is ASCII).
 */
import type { ByteSource } from '../../io/byte-source';

export interface ScanHandlers {
  /** An element object of the events array: bytes [offset, offset + length) (`bytes` may be a view: copy to keep). */
  object(offset: number, length: number, bytes: Uint8Array): void;
  /** A scalar member of the top-level object (raw JSON text of the value). */
  member?(key: string, raw: string): void;
}

export interface ScanSummary {
  /** 'array' (top-level array), 'object' (with `traceEvents`), or 'none' (no events array found). */
  readonly form: 'array' | 'object' | 'none';
}

const QUOTE = 34;
const BACKSLASH = 92;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const COLON = 58;
const COMMA = 44;

class Scanner {
  private readonly stack: number[] = [];
  private inString = false;
  private escape = false;
  private stringStart = -1;
  private eventsDepth = -1;
  private objStart = -1;
  private lastKey: string | undefined;
  private valueKey: string | undefined;
  private scalarStart = -1;
  private buf: Uint8Array = new Uint8Array(0);
  private base = 0;
  form: ScanSummary['form'] = 'none';

  constructor(
    private readonly src: ByteSource,
    private readonly h: ScanHandlers
  ) {}

  private text(from: number, to: number): string {
    return new TextDecoder('utf-8').decode(this.src.read(from, to - from));
  }

  private topObject(): boolean {
    return this.stack.length === 1 && this.stack[0] === LBRACE;
  }

  private endScalar(p: number): void {
    if (this.scalarStart < 0) return;
    if (this.valueKey !== undefined && this.h.member) {
      this.h.member(this.valueKey, this.text(this.scalarStart, p).trim());
    }
    this.scalarStart = -1;
    this.valueKey = undefined;
  }

  private closeString(p: number): void {
    this.inString = false;
    if (!this.topObject()) return;
    const s = this.text(this.stringStart + 1, p);
    if (this.valueKey !== undefined) {
      this.h.member?.(this.valueKey, JSON.stringify(s));
      this.valueKey = undefined;
      this.scalarStart = -1;
    } else {
      this.lastKey = s;
    }
  }

  private open(c: number, p: number): void {
    if (this.stack.length === 0 && c === LBRACKET) {
      this.eventsDepth = 1;
      this.form = 'array';
    } else if (c === LBRACKET && this.topObject() && this.valueKey === 'traceEvents') {
      this.eventsDepth = 2;
      this.form = 'object';
    }
    this.valueKey = undefined;
    this.scalarStart = -1;
    this.stack.push(c);
    if (c === LBRACE && this.eventsDepth > 0 && this.stack.length === this.eventsDepth + 1) this.objStart = p;
  }

  private close(c: number, p: number): void {
    if (this.stack.length === 0) return;
    if (this.topObject()) this.endScalar(p);
    this.stack.pop();
    const d = this.stack.length;
    if (c === RBRACE && d === this.eventsDepth && this.objStart >= 0) {
      const n = p + 1 - this.objStart;
      const at = this.objStart - this.base;
      this.h.object(
        this.objStart,
        n,
        at >= 0 ? this.buf.subarray(at, at + n) : this.src.read(this.objStart, n)
      );
      this.objStart = -1;
    } else if (c === RBRACKET && d === this.eventsDepth - 1) {
      this.eventsDepth = -1;
    }
  }

  feed(buf: Uint8Array, base: number): void {
    this.buf = buf;
    this.base = base;
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i];
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.closeString(base + i);
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        this.stringStart = base + i;
      } else if (c === LBRACKET || c === LBRACE) {
        this.open(c, base + i);
      } else if (c === RBRACKET || c === RBRACE) {
        this.close(c, base + i);
      } else if (this.topObject()) {
        this.topByte(c, base + i);
      }
    }
  }

  /** Key / value tracking in the top-level object. */
  private topByte(c: number, p: number): void {
    if (c === COLON) {
      this.valueKey = this.lastKey;
      this.lastKey = undefined;
    } else if (c === COMMA) {
      this.endScalar(p);
    } else if (this.valueKey !== undefined && this.scalarStart < 0 && c > 32) {
      this.scalarStart = p;
    }
  }
}

/** Scans `src` in windows; see the module header. */
export function scanTraceEvents(src: ByteSource, h: ScanHandlers, windowSize = 1 << 20): ScanSummary {
  const s = new Scanner(src, h);
  for (let pos = 0; pos < src.size;) {
    const buf = src.read(pos, windowSize);
    if (buf.length === 0) break;
    s.feed(buf, pos);
    pos += buf.length;
  }
  return { form: s.form };
}
