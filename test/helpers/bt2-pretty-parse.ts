/**
 * Parses one line of babeltrace2 2.0.4 `sink.text.pretty` output (with the parameters of `babeltrace.ts`) into
 * values, so tests compare values, not babeltrace2's text formatting.
 *
 * Line shape: `[<s>.<ns>] <event name>: stream.packet.context = { ... }, stream.event.context = { ... },
 * event.context = { ... }, event.fields = { ... }` (the timestamp only when the stream has a clock; each scope only
 * when present). Value syntax (babeltrace2 src/plugins/text/pretty/print.c):
 *   struct `{ a = 1, b = 2 }` / `{ }`; array and sequence `[ [0] = 1, [1] = 2 ]` / `[ ]`; variant and option
 *   `{ <value> }` (no option name) / `<none>`; enum `( "A", "B" : container = 5 )` / `( <unknown> : container = 5 )`;
 *   integer decimal, `0x<HEX>` (signed values masked to a nibble multiple), `0<octal>`, `0b<bits>`; real `%g`;
 *   string `"..."` with C escapes (`\\ \' \" \? \0 \a \b \e \f \n \r \t \v \xNN`); bool `true`/`false`.
 * Input lines are latin1-decoded (one char per byte): string values are re-decoded as UTF-8 here.
 */

/** A number as printed. `int` is set when the text is an integer literal (any base). */
export interface BtNum {
  k: 'num';
  text: string;
  int?: bigint;
  base: 2 | 8 | 10 | 16;
}
export interface BtStr {
  k: 'str';
  v: string;
}
export interface BtBool {
  k: 'bool';
  v: boolean;
}
export interface BtEnum {
  k: 'enum';
  labels: string[];
  v: BtNum;
}
export interface BtStruct {
  k: 'struct';
  m: [string, BtValue][];
}
export interface BtArray {
  k: 'array';
  items: BtValue[];
}
export interface BtVariant {
  k: 'variant';
  v: BtValue;
}
export interface BtNone {
  k: 'none';
}
/** A scalar as `sink.text.details` prints it (type unknown from the text alone): see details-parse.ts. */
export interface BtText {
  k: 'text';
  v: string;
}
export type BtValue = BtNum | BtStr | BtBool | BtEnum | BtStruct | BtArray | BtVariant | BtNone | BtText;

export interface BtEvent {
  /** ns from origin; undefined when the stream has no clock. */
  ts?: bigint;
  name: string;
  packetContext?: BtStruct;
  commonContext?: BtStruct;
  specificContext?: BtStruct;
  payload?: BtStruct;
  /** The reference shows no fields at all (details compact form): compare name and time only. */
  noFields?: boolean;
}

export class Bt2ParseError extends Error {
  constructor(message: string, line: string, pos: number) {
    super(`${message} at column ${pos} of babeltrace2 line: ${line.slice(0, 300)}`);
    this.name = 'Bt2ParseError';
  }
}

const SCOPES = ['stream.packet.context', 'stream.event.context', 'event.context', 'event.fields'] as const;
const SCOPE_KEY = {
  'stream.packet.context': 'packetContext',
  'stream.event.context': 'commonContext',
  'event.context': 'specificContext',
  'event.fields': 'payload'
} as const;

const utf8 = new TextDecoder('utf-8');
const IDENT_EQ = /[A-Za-z_][A-Za-z0-9_]* = /y;
const NUM = /-?(?:0x[0-9A-F]+|0b[01]+|nan|inf|[0-9]+(?:\.[0-9]*)?(?:e[+-][0-9]+)?)/y;
const ESC: Record<string, number> = {
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
  '?': 0x3f,
  '0': 0,
  a: 7,
  b: 8,
  e: 0x1b,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b
};

class Cursor {
  pos = 0;
  constructor(readonly s: string) {}
  fail(msg: string): never {
    throw new Bt2ParseError(msg, this.s, this.pos);
  }
  eat(lit: string): void {
    if (!this.s.startsWith(lit, this.pos)) this.fail(`expected ${JSON.stringify(lit)}`);
    this.pos += lit.length;
  }
  tryEat(lit: string): boolean {
    if (!this.s.startsWith(lit, this.pos)) return false;
    this.pos += lit.length;
    return true;
  }
  match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.s);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
}

function parseString(c: Cursor): string {
  c.eat('"');
  const bytes: number[] = [];
  const s = c.s;
  for (;;) {
    if (c.pos >= s.length) c.fail('unterminated string');
    const ch = s[c.pos++];
    if (ch === '"') break;
    if (ch !== '\\') {
      bytes.push(ch.charCodeAt(0) & 0xff);
      continue;
    }
    const e = s[c.pos++];
    if (e === 'x') {
      bytes.push(parseInt(s.slice(c.pos, c.pos + 2), 16) & 0xff);
      c.pos += 2;
    } else if (e in ESC) {
      bytes.push(ESC[e]);
    } else {
      c.fail(`unknown escape \\${e}`);
    }
  }
  return utf8.decode(Uint8Array.from(bytes));
}

function numberFrom(text: string): BtNum {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  let base: BtNum['base'] = 10;
  let int: bigint | undefined;
  if (body.startsWith('0x')) {
    base = 16;
    int = BigInt(body);
  } else if (body.startsWith('0b')) {
    base = 2;
    int = BigInt(body);
  } else if (/^0[0-7]+$/.test(body)) {
    base = 8;
    int = BigInt('0o' + body.slice(1));
  } else if (/^[0-9]+$/.test(body)) {
    int = BigInt(body);
  }
  if (int !== undefined && neg) int = -int;
  return { k: 'num', text, int, base };
}

function parseEnum(c: Cursor): BtEnum {
  c.eat('( ');
  const labels: string[] = [];
  if (!c.tryEat('<unknown>')) {
    labels.push(parseString(c));
    while (c.tryEat(', ')) labels.push(parseString(c));
  }
  c.eat(' : container = ');
  const v = parseValue(c);
  if (v.k !== 'num') c.fail('enum container is not a number');
  c.eat(' )');
  return { k: 'enum', labels, v };
}

function parseArray(c: Cursor): BtArray {
  c.eat('[');
  const items: BtValue[] = [];
  if (c.tryEat(' ]')) return { k: 'array', items };
  do {
    c.eat(items.length === 0 ? ' ' : '');
    c.eat(`[${items.length}] = `);
    items.push(parseValue(c));
  } while (c.tryEat(', '));
  c.eat(' ]');
  return { k: 'array', items };
}

/** `{` starts a struct (`name = ` follows), a variant/option (`{ value }`) or an empty struct (`{ }`). */
function parseBrace(c: Cursor): BtStruct | BtVariant {
  c.eat('{');
  if (c.tryEat(' }')) return { k: 'struct', m: [] };
  c.eat(' ');
  IDENT_EQ.lastIndex = c.pos;
  if (!IDENT_EQ.test(c.s)) {
    const v = parseValue(c);
    c.eat(' }');
    return { k: 'variant', v };
  }
  const m: [string, BtValue][] = [];
  do {
    const name = c.match(/[A-Za-z_][A-Za-z0-9_]*/y);
    if (name === undefined) c.fail('expected a field name');
    c.eat(' = ');
    m.push([name, parseValue(c)]);
  } while (c.tryEat(', '));
  c.eat(' }');
  return { k: 'struct', m };
}

function parseValue(c: Cursor): BtValue {
  const ch = c.s[c.pos];
  if (ch === '{') return parseBrace(c);
  if (ch === '[') return parseArray(c);
  if (ch === '(') return parseEnum(c);
  if (ch === '"') return { k: 'str', v: parseString(c) };
  if (c.tryEat('true')) return { k: 'bool', v: true };
  if (c.tryEat('false')) return { k: 'bool', v: false };
  if (c.tryEat('<none>')) return { k: 'none' };
  const num = c.match(NUM);
  if (num === undefined) c.fail('expected a value');
  return numberFrom(num);
}

function parseTimestamp(c: Cursor): bigint | undefined {
  if (c.s[0] !== '[') return undefined;
  const m = c.match(/\[(-?)([0-9]+)\.([0-9]{9})\] /y);
  if (m === undefined) return undefined;
  const [, sign, sec, ns] = /\[(-?)([0-9]+)\.([0-9]{9})\]/.exec(m)!;
  const v = BigInt(sec) * 1_000_000_000n + BigInt(ns);
  return sign ? -v : v;
}

/** Position just after the event name (at its `: `). */
function nameEnd(line: string, from: number): number {
  let best = -1;
  for (const scope of SCOPES) {
    const i = line.indexOf(`: ${scope} = `, from);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  if (best >= 0) return best;
  if (line.endsWith(': ')) return line.length - 2;
  throw new Bt2ParseError('no event name terminator', line, from);
}

/** Parses one event line. Throws Bt2ParseError on anything unexpected. */
export function parsePrettyLine(line: string): BtEvent {
  const c = new Cursor(line);
  const ts = parseTimestamp(c);
  const end = nameEnd(line, c.pos);
  const ev: BtEvent = { ts, name: utf8.decode(Buffer.from(line.slice(c.pos, end), 'latin1')) };
  c.pos = end + 2;
  let first = true;
  while (c.pos < line.length) {
    if (!first) c.eat(', ');
    first = false;
    const scope = SCOPES.find(s => line.startsWith(`${s} = `, c.pos));
    if (scope === undefined) return c.fail('expected a scope name');
    c.pos += scope.length + 3;
    const v = parseValue(c);
    if (v.k !== 'struct') return c.fail(`scope ${scope} is not a structure`);
    ev[SCOPE_KEY[scope]] = v;
  }
  return ev;
}

/** Babeltrace2-style text of a parsed value (for mismatch reports). */
export function btText(v: BtValue | undefined): string {
  if (v === undefined) return '<absent>';
  switch (v.k) {
    case 'num':
      return v.text;
    case 'str':
      return JSON.stringify(v.v);
    case 'bool':
      return String(v.v);
    case 'none':
      return '<none>';
    case 'text':
      return `\`${v.v}\``;
    case 'enum':
      return `( ${v.labels.map(l => JSON.stringify(l)).join(', ') || '<unknown>'} : container = ${v.v.text} )`;
    case 'array':
      return `[ ${v.items.map(btText).join(', ')} ]`;
    case 'variant':
      return `{ ${btText(v.v)} }`;
    case 'struct':
      return `{ ${v.m.map(([n, x]) => `${n} = ${btText(x)}`).join(', ')} }`;
  }
}
