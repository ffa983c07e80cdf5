/**
 * A lenient JSON parser for single trace-event objects, accepting what real trace files contain beyond strict
 * JSON (the liberties Trace Compass's reader tolerates): `=` or `=>` between key and value, unquoted or
 * single-quoted keys and strings, missing or trailing commas, `//` and `/* *\/` comments, NaN / Infinity, and
 * duplicate keys (the last wins).
 *
 * Numbers keep their source text (`JsonNumber.raw`) so microsecond timestamps convert to nanoseconds exactly.
 */

export class JsonNumber {
  constructor(readonly raw: string) {}
  get value(): number {
    return Number(this.raw);
  }
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly pos: number
  ) {
    super(`${reason} at character ${pos}`);
    this.name = 'JsonSyntaxError';
  }
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const IDENT = /[A-Za-z_$][\w$]*/y;

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  fail(reason: string): never {
    throw new JsonSyntaxError(reason, this.pos);
  }

  skip(): void {
    const s = this.s;
    for (;;) {
      for (
        let c = s.charCodeAt(this.pos);
        c === 32 || c === 10 || c === 13 || c === 9;
        c = s.charCodeAt(++this.pos)
      );
      if (s.startsWith('//', this.pos)) {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl < 0 ? s.length : nl + 1;
      } else if (s.startsWith('/*', this.pos)) {
        const end = s.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? s.length : end + 2;
      } else {
        return;
      }
    }
  }

  string(quote: string): string {
    const s = this.s;
    let out = '';
    let i = this.pos + 1;
    for (;;) {
      const j = s.indexOf(quote, i);
      const k = s.indexOf('\\', i);
      if (j < 0) this.fail('unterminated string');
      if (k < 0 || k > j) {
        out += s.slice(i, j);
        this.pos = j + 1;
        return out;
      }
      out += s.slice(i, k);
      const e = s[k + 1];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
      if (e === 'u') {
        out += String.fromCharCode(parseInt(s.slice(k + 2, k + 6), 16));
        i = k + 6;
      } else {
        out += simple[e] ?? e;
        i = k + 2;
      }
    }
  }

  key(): string {
    const c = this.s[this.pos];
    if (c === '"' || c === "'") return this.string(c);
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.s);
    if (m === null) this.fail('expected a key');
    this.pos += m[0].length;
    return m[0];
  }

  value(): JsonValue {
    this.skip();
    const s = this.s;
    const c = s[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || c === "'") return this.string(c);
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null]
    ] as const) {
      if (s.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    for (const word of ['NaN', 'Infinity', '-Infinity', '+Infinity']) {
      if (s.startsWith(word, this.pos)) {
        this.pos += word.length;
        return new JsonNumber(word.replace('+', ''));
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(s);
    if (m === null) this.fail('expected a value');
    this.pos += m[0].length;
    return new JsonNumber(m[0].replace(/^\+/, ''));
  }

  separator(): void {
    this.skip();
    const s = this.s;
    if (s[this.pos] === ':') this.pos++;
    else if (s.startsWith('=>', this.pos)) this.pos += 2;
    else if (s[this.pos] === '=') this.pos++;
    else this.fail("expected ':'");
  }

  object(): { [key: string]: JsonValue } {
    const out: { [key: string]: JsonValue } = {};
    this.pos++;
    for (;;) {
      this.skip();
      if (this.s[this.pos] === '}') {
        this.pos++;
        return out;
      }
      if (this.s[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.pos >= this.s.length) this.fail("expected '}'");
      const k = this.key();
      this.separator();
      out[k] = this.value();
    }
  }

  array(): JsonValue[] {
    const out: JsonValue[] = [];
    this.pos++;
    for (;;) {
      this.skip();
      if (this.s[this.pos] === ']') {
        this.pos++;
        return out;
      }
      if (this.s[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.pos >= this.s.length) this.fail("expected ']'");
      out.push(this.value());
    }
  }
}

/** Parses one JSON value (leniently); throws `JsonSyntaxError`. */
export function parseLenientJson(text: string): JsonValue {
  const p = new Parser(text);
  const v = p.value();
  p.skip();
  if (p.pos < text.length) p.fail('unexpected text after the value');
  return v;
}
