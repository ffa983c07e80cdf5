/**
 * TSDL literal decoding: integer constants and string / character literal escapes.
 *
 * Scope: pure functions on the raw token text, used by the lexer (validation) and the parser (values).
 * Integer constants follow C (CTF 1.8 spec §6.2 / babeltrace2's lexer): decimal `[1-9][0-9]*`, octal `0[0-7]*`,
 * hexadecimal `0[xX][0-9a-fA-F]+`, each with an optional U/L suffix (U, L, UL, LU, ULL, LLU, ... in any case);
 * the value must fit in 64 unsigned bits. String escapes: \a \b \f \n \r \t \v \\ \' \" \?, octal \ooo (1 to 3
 * digits) and hexadecimal \xhh (1 or 2 digits); anything else is an error, as in babeltrace2.
 */

const U64_MAX = (1n << 64n) - 1n;
const SUFFIX = /^(?:[uU](?:l|L|ll|LL)?|(?:l|L|ll|LL)[uU]?)?$/;

/** Fast path: a short plain decimal constant (the vast majority), as a number; else undefined. */
export function smallDecimal(text: string): number | undefined {
  const n = text.length;
  if (n > 15 || (n > 1 && text.charCodeAt(0) === 0x30)) return undefined;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return v;
}

/** The value of an integer constant, or a reason it is not one. */
export function parseIntegerLiteral(text: string): bigint | string {
  const small = smallDecimal(text);
  if (small !== undefined) return BigInt(small);
  let digits: string;
  let rest: string;
  let prefix: string;
  const m = /^(0[xX])([0-9a-fA-F]*)(.*)$/.exec(text) ?? /^(0)([0-7]*)(.*)$/.exec(text);
  if (m) {
    prefix = m[1];
    digits = m[2];
    rest = m[3];
    if (prefix.length === 2 && digits.length === 0) return `invalid hexadecimal constant '${text}'`;
  } else {
    const d = /^([1-9][0-9]*)(.*)$/.exec(text);
    if (!d) return `invalid integer constant '${text}'`;
    prefix = '';
    digits = d[1];
    rest = d[2];
  }
  if (!SUFFIX.test(rest)) return `invalid integer constant '${text}'`;
  let value: bigint;
  if (prefix === '0') value = digits.length === 0 ? 0n : BigInt('0o' + digits);
  else if (prefix.length === 2) value = BigInt('0x' + digits);
  else value = BigInt(digits);
  if (value > U64_MAX) return `integer constant '${text}' does not fit in 64 bits`;
  return value;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?'
};

function isOctal(c: string): boolean {
  return c >= '0' && c <= '7';
}

function isHex(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/**
 * Decodes the body of a quoted literal (without its quotes). Returns the string, or `{ error, at }` where `at` is
 * the offset of the bad escape in `body`.
 */
export function unescapeLiteral(body: string): string | { error: string; at: number } {
  if (body.indexOf('\\') < 0) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = body[i + 1] ?? '';
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (isOctal(e)) {
      let j = i + 1;
      while (j < body.length && j < i + 4 && isOctal(body[j])) j++;
      out += String.fromCharCode(parseInt(body.slice(i + 1, j), 8) & 0xff);
      i = j;
    } else if (e === 'x' && isHex(body[i + 2] ?? '')) {
      let j = i + 2;
      while (j < body.length && j < i + 4 && isHex(body[j])) j++;
      out += String.fromCharCode(parseInt(body.slice(i + 2, j), 16));
      i = j;
    } else {
      return { error: `invalid escape sequence '\\${e}'`, at: i };
    }
  }
  return out;
}
