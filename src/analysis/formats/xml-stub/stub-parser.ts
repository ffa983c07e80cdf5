/**
 * Parses the text of a Trace Compass XML stub trace into typed events.
 *
 * Scope: the document shape of `TmfXmlDevelopmentTrace.xsd` — `<trace>` holding an optional `<set_aspects>` and
 * `<event timestamp="T" name="N">` elements whose `<field name value type>` children are typed `int`, `long`,
 * `string`, `double`, `intArray` or `longArray` (arrays: comma-separated). Timestamps are integer nanoseconds.
 * Anything else inside `<trace>` is an error, reported with its line and column.
 */
import { XmlTokenizer } from './xml-tokenizer';
import type { XmlToken } from './xml-tokenizer';

export type StubFieldType = 'int' | 'long' | 'string' | 'double' | 'intArray' | 'longArray';
/** A field value: integers are numbers when exact, bigint beyond 2^53. */
export type StubValue = number | bigint | string | (number | bigint)[];

export interface StubField {
  readonly name: string;
  readonly type: StubFieldType;
  readonly value: StubValue;
}

export interface StubEvent {
  readonly ts: bigint;
  readonly name: string;
  readonly fields: readonly StubField[];
}

export interface StubTrace {
  readonly events: readonly StubEvent[];
  /** `<set_aspects>` fields, as written (Trace Compass uses them to declare event aspects). */
  readonly aspects: readonly StubField[];
}

const FIELD_TYPES: ReadonlySet<string> = new Set([
  'int',
  'long',
  'string',
  'double',
  'intArray',
  'longArray'
]);
const INTEGER = /^[+-]?[0-9]+$/;

function toInteger(s: string): number | bigint | undefined {
  const v = s.trim();
  if (!INTEGER.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : BigInt(v);
}

/** Converts a field's `value` attribute by its `type`, or returns an error message. */
export function convertValue(type: StubFieldType, raw: string): StubValue | string {
  switch (type) {
    case 'string':
      return raw;
    case 'int':
    case 'long': {
      const v = toInteger(raw);
      return v === undefined ? `'${raw}' is not an integer` : v;
    }
    case 'double': {
      const v = raw.trim();
      const n = Number(v);
      return v === '' || Number.isNaN(n) ? `'${raw}' is not a number` : n;
    }
    case 'intArray':
    case 'longArray': {
      if (raw.trim() === '') return [];
      const out: (number | bigint)[] = [];
      for (const part of raw.split(',')) {
        const v = toInteger(part);
        if (v === undefined) return `'${raw}' is not a comma-separated list of integers`;
        out.push(v);
      }
      return out;
    }
  }
}

class StubParser {
  private readonly tok: XmlTokenizer;
  private readonly events: StubEvent[] = [];
  private readonly aspects: StubField[] = [];

  constructor(text: string) {
    this.tok = new XmlTokenizer(text);
  }

  parse(): StubTrace {
    const root = this.nextNonText();
    if (root === null || root.kind !== 'start') return this.tok.fail('no root element');
    if (root.name !== 'trace') this.tok.fail(`the root element is <${root.name}>, not <trace>`, root.pos);
    if (!root.selfClosing) this.readChildren('trace', t => this.traceChild(t));
    if (this.nextNonText() !== null) this.tok.fail('content after </trace>');
    return { events: this.events, aspects: this.aspects };
  }

  /** Next token that is not white-space text; non-blank text is an error (stub elements hold no text). */
  private nextNonText(): XmlToken | null {
    for (;;) {
      const t = this.tok.next();
      if (t === null || t.kind !== 'text') return t;
      const k = t.text.search(/[^ \t\r\n]/);
      if (k >= 0) this.tok.fail('unexpected text', t.pos + k);
    }
  }

  /** Reads the children of the element just opened, until its end tag. */
  private readChildren(parent: string, onStart: (t: XmlToken & { kind: 'start' }) => void): void {
    for (;;) {
      const t = this.nextNonText();
      if (t === null) return this.tok.fail(`<${parent}> is not closed`);
      if (t.kind === 'end') return;
      if (t.kind === 'start') onStart(t);
    }
  }

  private traceChild(t: XmlToken & { kind: 'start' }): void {
    if (t.name === 'event') this.readEvent(t);
    else if (t.name === 'set_aspects') {
      if (!t.selfClosing) {
        this.readChildren('set_aspects', f => this.aspects.push(this.readField(f, 'set_aspects')));
      }
    } else this.tok.fail(`unexpected element <${t.name}> in <trace>`, t.pos);
  }

  private readEvent(t: XmlToken & { kind: 'start' }): void {
    const tsText = this.required(t, 'timestamp');
    const ts = toInteger(tsText);
    if (ts === undefined) this.tok.fail(`event timestamp '${tsText}' is not an integer`, t.pos);
    const name = this.required(t, 'name');
    const fields: StubField[] = [];
    if (!t.selfClosing) this.readChildren('event', f => fields.push(this.readField(f, 'event')));
    this.events.push({ ts: BigInt(ts), name, fields });
  }

  private readField(t: XmlToken & { kind: 'start' }, parent: string): StubField {
    if (t.name !== 'field') this.tok.fail(`unexpected element <${t.name}> in <${parent}>`, t.pos);
    const name = this.required(t, 'name');
    const raw = this.required(t, 'value');
    const type = this.required(t, 'type');
    if (!FIELD_TYPES.has(type)) this.tok.fail(`field '${name}' has unknown type '${type}'`, t.pos);
    const value = convertValue(type as StubFieldType, raw);
    if (typeof value === 'string' && type !== 'string') {
      this.tok.fail(`field '${name}' (${type}): ${value}`, t.pos);
    }
    if (!t.selfClosing) {
      this.readChildren('field', c => this.tok.fail(`unexpected element <${c.name}> in <field>`, c.pos));
    }
    return { name, type: type as StubFieldType, value };
  }

  private required(t: XmlToken & { kind: 'start' }, attr: string): string {
    const v = t.attrs.get(attr);
    if (v === undefined) return this.tok.fail(`<${t.name}> has no '${attr}' attribute`, t.pos);
    return v;
  }
}

/** Parses a whole stub document. Throws `XmlSyntaxError` (with line and column) on malformed input. */
export function parseStubTrace(text: string): StubTrace {
  return new StubParser(text).parse();
}
