/**
 * A small strict JSON (RFC 8259) parser for CTF 2 metadata records.
 *
 * Scope: one JSON text -> `JsonValue`. Unlike `JSON.parse`, integers that do not fit a double exactly are kept
 * as `bigint` (CTF 2 mapping ranges, clock offsets and ids may need 64 bits), duplicate object keys are refused,
 * and errors carry a line/column inside the text. Non-integral numbers stay `number`.
 */

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A syntax error: `offset` is the 0-based character index in the parsed text. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

const MAX_DEPTH = 512;
/** Text order of the keys of objects having integer-like keys (JS objects enumerate those first). */
const KEY_ORDER = new WeakMap<JsonObject, string[]>();
const NUMBER_RE = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
/** A run of string characters needing no special handling. */
const PLAIN_RUN_RE = /[^"\\\u0000-\u001f]*/y;
const INTEGER_LIKE_RE = /^(?:0|[1-9]\d*)$/;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t'
};

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    this.skipWs();
    const value = this.parseValue();
    this.skipWs();
    if (this.pos < this.text.length) this.fail('unexpected data after the JSON value');
    return value;
  }

  private fail(message: string, at = this.pos): never {
    throw new JsonSyntaxError(message, at);
  }

  private skipWs(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.pos++;
    }
  }

  private parseValue(): JsonValue {
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.nested(() => this.parseObject());
      case '[':
        return this.nested(() => this.parseArray());
      case '"':
        return this.parseString();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      case undefined:
        return this.fail('unexpected end of JSON text');
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.parseNumber();
        return this.fail(`unexpected character ${JSON.stringify(c)}`);
    }
  }

  private nested(parse: () => JsonValue): JsonValue {
    if (++this.depth > MAX_DEPTH) this.fail('JSON nesting too deep');
    const value = parse();
    this.depth--;
    return value;
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('invalid literal');
    this.pos += word.length;
    return value;
  }

  private parseNumber(): number | bigint {
    NUMBER_RE.lastIndex = this.pos;
    const m = NUMBER_RE.exec(this.text);
    if (!m) return this.fail('invalid number');
    this.pos += m[0].length;
    if (m[1] === undefined && m[2] === undefined) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    return Number(m[0]);
  }

  private parseString(): string {
    const t = this.text;
    const start = this.pos++;
    let out = '';
    for (;;) {
      PLAIN_RUN_RE.lastIndex = this.pos;
      PLAIN_RUN_RE.test(t);
      out += t.slice(this.pos, PLAIN_RUN_RE.lastIndex);
      this.pos = PLAIN_RUN_RE.lastIndex;
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) break;
      if (c === 0x5c) out += this.parseEscape();
      else if (this.pos >= t.length) this.fail('unterminated string', start);
      else this.fail('control character in string');
    }
    this.pos++;
    return out;
  }

  private parseEscape(): string {
    const e = this.text[this.pos + 1];
    if (e === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape');
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const s = e === undefined ? undefined : ESCAPES[e];
    if (s === undefined) this.fail('invalid escape sequence');
    this.pos += 2;
    return s;
  }

  private parseArray(): JsonValue[] {
    const out: JsonValue[] = [];
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      out.push(this.parseValue());
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === ']') return out;
      if (c !== ',') this.fail("expected ',' or ']' in array", this.pos - 1);
    }
  }

  private parseObject(): JsonObject {
    const out: JsonObject = Object.create(null) as JsonObject;
    const keys: string[] = [];
    let integerLikeKey = false;
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') this.fail('expected a property name');
      const keyAt = this.pos;
      const key = this.parseString();
      if (Object.prototype.hasOwnProperty.call(out, key)) this.fail(`duplicate property "${key}"`, keyAt);
      this.skipWs();
      if (this.text[this.pos++] !== ':') this.fail("expected ':' after a property name", this.pos - 1);
      this.skipWs();
      out[key] = this.parseValue();
      keys.push(key);
      integerLikeKey ||= INTEGER_LIKE_RE.test(key);
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === '}') {
        if (integerLikeKey) KEY_ORDER.set(out, keys);
        return out;
      }
      if (c !== ',') this.fail("expected ',' or '}' in object", this.pos - 1);
    }
  }
}

/** Parses one JSON text (surrounding whitespace allowed). Throws `JsonSyntaxError`. */
export function parseJson(text: string): JsonValue {
  return new Parser(text).parseDocument();
}

/** 1-based line and column of a character offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The keys of a parsed object in text order (`Object.keys` order for objects not made by `parseJson`). */
export function objectKeys(o: JsonObject): string[] {
  return KEY_ORDER.get(o) ?? Object.keys(o);
}
