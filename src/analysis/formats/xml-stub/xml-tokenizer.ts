/**
 * A small, strict XML tokenizer for Trace Compass XML stub traces: start/end tags with attributes, text, CDATA.
 *
 * Scope: well-formedness of the subset real stub files use — the prolog (`<?xml …?>`) and other processing
 * instructions, comments, an optional DOCTYPE (skipped), elements, attributes in single or double quotes, character
 * data, CDATA sections, the five predefined entities and numeric character references (`&#N;`, `&#xN;`).
 * No namespaces processing (a prefix stays part of the name), no DTD-defined entities. Errors carry the line and
 * column (1-based) of the offending character.
 */

export type XmlToken =
  | { kind: 'start'; name: string; attrs: ReadonlyMap<string, string>; selfClosing: boolean; pos: number }
  | { kind: 'end'; name: string; pos: number }
  | { kind: 'text'; text: string; pos: number };

/** A well-formedness error at character position `pos` of the text. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly pos: number,
    readonly line: number,
    readonly column: number
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'XmlSyntaxError';
  }
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isNameStart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0xc0 // a-z A-Z _ : non-ASCII
  );
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0xb7;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Line and column (1-based) of a character position. */
export function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(pos, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Replaces entity and character references in attribute values and text. `base` is the position for errors. */
export function decodeEntities(
  raw: string,
  fail: (reason: string, pos: number) => never,
  base: number
): string {
  const amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = raw.slice(0, amp);
  let i = amp;
  while (i < raw.length) {
    const c = raw[i];
    if (c !== '&') {
      const next = raw.indexOf('&', i);
      const stop = next < 0 ? raw.length : next;
      out += raw.slice(i, stop);
      i = stop;
      continue;
    }
    const semi = raw.indexOf(';', i + 1);
    if (semi < 0) fail('unterminated entity reference', base + i);
    const ref = raw.slice(i + 1, semi);
    out += resolveReference(ref, m => fail(m, base + i));
    i = semi + 1;
  }
  return out;
}

function resolveReference(ref: string, fail: (reason: string) => never): string {
  if (ref.startsWith('#')) {
    const hex = ref.startsWith('#x');
    const digits = ref.slice(hex ? 2 : 1);
    const ok = hex ? /^[0-9a-fA-F]+$/.test(digits) : /^[0-9]+$/.test(digits);
    if (!ok) fail(`malformed character reference '&${ref};'`);
    const code = parseInt(digits, hex ? 16 : 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      fail(`character reference '&${ref};' is not a valid XML character`);
    }
    return String.fromCodePoint(code);
  }
  const value = PREDEFINED[ref];
  if (value === undefined) fail(`unknown entity '&${ref};'`);
  return value;
}

/**
 * Pull tokenizer. `next()` returns tokens in document order, `null` at the end; it checks that tags nest, that
 * there is exactly one root element and that nothing but comments, PIs and white space surrounds it.
 */
export class XmlTokenizer {
  private pos = 0;
  private readonly stack: string[] = [];
  private rootSeen = false;
  private rootClosed = false;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** Throws an `XmlSyntaxError` at `pos`. */
  fail(reason: string, pos: number = this.pos): never {
    const { line, column } = lineColumn(this.text, pos);
    throw new XmlSyntaxError(reason, pos, line, column);
  }

  /** Names of the currently open elements (outermost first). */
  get openElements(): readonly string[] {
    return this.stack;
  }

  next(): XmlToken | null {
    const t = this.text;
    for (;;) {
      if (this.pos >= t.length) {
        if (this.stack.length > 0) {
          this.fail(`unexpected end of document: <${this.stack[this.stack.length - 1]}> is not closed`);
        }
        if (!this.rootSeen) this.fail('no root element');
        return null;
      }
      if (t.charCodeAt(this.pos) !== 0x3c /* < */) {
        const tok = this.readText();
        if (tok) return tok;
        continue;
      }
      const c1 = t.charCodeAt(this.pos + 1);
      if (c1 === 0x3f /* ? */) {
        this.skipUntil('?>', 'processing instruction');
      } else if (c1 === 0x21 /* ! */) {
        const tok = this.readBang();
        if (tok) return tok;
      } else if (c1 === 0x2f /* / */) {
        return this.readEndTag();
      } else {
        return this.readStartTag();
      }
    }
  }

  private skipUntil(terminator: string, what: string): number {
    const start = this.pos;
    const end = this.text.indexOf(terminator, start + 2);
    if (end < 0) this.fail(`unterminated ${what}`, start);
    this.pos = end + terminator.length;
    return end;
  }

  private readText(): XmlToken | null {
    const start = this.pos;
    const lt = this.text.indexOf('<', start);
    const end = lt < 0 ? this.text.length : lt;
    const raw = this.text.slice(start, end);
    this.pos = end;
    if (this.stack.length === 0) {
      if (/[^ \t\r\n]/.test(raw)) {
        this.fail('text outside the root element', start + raw.search(/[^ \t\r\n]/));
      }
      return null;
    }
    const gt = raw.indexOf(']]>');
    if (gt >= 0) this.fail("']]>' is not allowed in text", start + gt);
    const text = decodeEntities(raw.replace(/\r\n?/g, '\n'), (m, p) => this.fail(m, p), start);
    return { kind: 'text', text, pos: start };
  }

  private readBang(): XmlToken | null {
    const t = this.text;
    const start = this.pos;
    if (t.startsWith('<!--', start)) {
      const end = t.indexOf('-->', start + 4);
      if (end < 0) this.fail('unterminated comment', start);
      const dd = t.indexOf('--', start + 4);
      if (dd >= 0 && dd < end) this.fail("'--' is not allowed inside a comment", dd);
      this.pos = end + 3;
      return null;
    }
    if (t.startsWith('<![CDATA[', start)) {
      if (this.stack.length === 0) this.fail('CDATA section outside the root element');
      const end = t.indexOf(']]>', start + 9);
      if (end < 0) this.fail('unterminated CDATA section', start);
      this.pos = end + 3;
      return { kind: 'text', text: t.slice(start + 9, end), pos: start };
    }
    if (t.startsWith('<!DOCTYPE', start)) {
      if (this.rootSeen) this.fail('DOCTYPE after the root element', start);
      this.skipDoctype();
      return null;
    }
    return this.fail("unexpected '<!'", start);
  }

  private skipDoctype(): void {
    const t = this.text;
    let depth = 0;
    for (let i = this.pos + 9; i < t.length; i++) {
      const c = t[i];
      if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth <= 0) {
        this.pos = i + 1;
        return;
      }
    }
    this.fail('unterminated DOCTYPE');
  }

  private readName(): string {
    const t = this.text;
    const start = this.pos;
    if (start >= t.length || !isNameStart(t.charCodeAt(start))) this.fail('expected a name');
    let i = start + 1;
    while (i < t.length && isNameChar(t.charCodeAt(i))) i++;
    this.pos = i;
    return t.slice(start, i);
  }

  private skipSpaces(): boolean {
    const start = this.pos;
    while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
    return this.pos > start;
  }

  private readEndTag(): XmlToken {
    const start = this.pos;
    this.pos += 2;
    const name = this.readName();
    this.skipSpaces();
    if (this.text[this.pos] !== '>') this.fail(`expected '>' to end </${name}>`);
    this.pos++;
    const open = this.stack.pop();
    if (open === undefined) this.fail(`unexpected end tag </${name}>`, start);
    if (open !== name) this.fail(`end tag </${name}> does not match <${open}>`, start);
    if (this.stack.length === 0) this.rootClosed = true;
    return { kind: 'end', name, pos: start };
  }

  private readStartTag(): XmlToken {
    const start = this.pos;
    if (this.rootClosed) this.fail('content after the root element');
    this.pos++;
    const name = this.readName();
    const attrs = new Map<string, string>();
    for (;;) {
      const spaced = this.skipSpaces();
      const c = this.text[this.pos];
      if (c === '>' || c === '/') break;
      if (c === undefined) this.fail(`unterminated start tag <${name}>`, start);
      if (!spaced) this.fail(`expected white space before an attribute in <${name}>`);
      this.readAttribute(name, attrs);
    }
    let selfClosing = false;
    if (this.text[this.pos] === '/') {
      if (this.text[this.pos + 1] !== '>') this.fail(`expected '/>' to end <${name}>`, this.pos);
      selfClosing = true;
      this.pos += 2;
    } else {
      this.pos++;
    }
    if (this.stack.length === 0) {
      if (this.rootSeen) this.fail('more than one root element', start);
      this.rootSeen = true;
      if (selfClosing) this.rootClosed = true;
    }
    if (!selfClosing) this.stack.push(name);
    return { kind: 'start', name, attrs, selfClosing, pos: start };
  }

  private readAttribute(element: string, attrs: Map<string, string>): void {
    const at = this.pos;
    const name = this.readName();
    this.skipSpaces();
    if (this.text[this.pos] !== '=') this.fail(`expected '=' after attribute '${name}' of <${element}>`);
    this.pos++;
    this.skipSpaces();
    const q = this.text[this.pos];
    if (q !== '"' && q !== "'") this.fail(`attribute '${name}' of <${element}> must be quoted`);
    const vStart = this.pos + 1;
    const vEnd = this.text.indexOf(q, vStart);
    if (vEnd < 0) this.fail(`unterminated value of attribute '${name}'`, this.pos);
    const raw = this.text.slice(vStart, vEnd);
    const lt = raw.indexOf('<');
    if (lt >= 0) this.fail(`'<' is not allowed in attribute '${name}'`, vStart + lt);
    if (attrs.has(name)) this.fail(`duplicate attribute '${name}' in <${element}>`, at);
    // Attribute-value normalisation: literal white space characters become spaces (references stay as written).
    // (CR LF counts as one line end; error positions after one are then off by one character.)
    const normalised = raw.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ');
    attrs.set(
      name,
      decodeEntities(normalised, (m, p) => this.fail(m, p), vStart)
    );
    this.pos = vEnd + 1;
  }
}
