/**
 * A small, safe evaluator for the expressions of Trace Compass `script` state values (`op == 'op1' ? 'A' : 'B'`,
 * `ts + 2`, `str.substring(14)`, `cat == null ? 'UNKNOWN' : cat`): literals, named variables, arithmetic,
 * comparisons, logic, the conditional operator and a whitelist of string methods and Math functions.
 *
 * Scope: parsing (errors name the position) and evaluation by closures. No access to any JS global or object
 * beyond the whitelist; integers that are bigint (timestamps) stay exact in + - * with integers.
 */

import type { ScriptValue } from './script-runtime';
import {
  arith,
  callMember,
  compare,
  GLOBAL_FNS,
  looseEq,
  mathFunction,
  toNum,
  truthy
} from './script-runtime';

export type { ScriptValue } from './script-runtime';
export type Scope = (name: string) => ScriptValue;
type Node = (scope: Scope) => ScriptValue;

export class ScriptError extends Error {
  constructor(
    message: string,
    readonly source: string
  ) {
    super(`script "${source}": ${message}`);
    this.name = 'ScriptError';
  }
}

interface Token {
  t: 'num' | 'str' | 'id' | 'op' | 'end';
  v: string;
  pos: number;
}

const OPS = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '?',
  ':',
  '(',
  ')',
  '.',
  ',',
  '[',
  ']'
];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+(\.\d*)?([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const e = src[++j];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else s += src[j];
        j++;
      }
      if (j >= src.length) throw new ScriptError(`unterminated string at ${i}`, src);
      out.push({ t: 'str', v: s, pos: i });
      i = j + 1;
      continue;
    }
    const op = OPS.find(o => src.startsWith(o, i));
    if (!op) throw new ScriptError(`unexpected '${c}' at ${i}`, src);
    out.push({ t: 'op', v: op, pos: i });
    i += op.length;
  }
  out.push({ t: 'end', v: '', pos: src.length });
  return out;
}

/** Recursive-descent parser producing closures. */
class Parser {
  private k = 0;
  constructor(
    private readonly toks: Token[],
    private readonly src: string
  ) {}

  private peek(): Token {
    return this.toks[this.k];
  }

  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t.t === 'op' && ops.includes(t.v);
  }

  private expect(op: string): void {
    if (!this.isOp(op)) this.fail(`expected '${op}'`);
    this.k++;
  }

  private fail(msg: string): never {
    const t = this.peek();
    throw new ScriptError(`${msg} at ${t.pos}${t.t === 'end' ? ' (end)' : ` ('${t.v}')`}`, this.src);
  }

  parse(): Node {
    const n = this.ternary();
    if (this.peek().t !== 'end') this.fail('unexpected token');
    return n;
  }

  private ternary(): Node {
    const c = this.binary(0);
    if (!this.isOp('?')) return c;
    this.k++;
    const a = this.ternary();
    this.expect(':');
    const b = this.ternary();
    return s => (truthy(c(s)) ? a(s) : b(s));
  }

  private static readonly LEVELS: string[][] = [
    ['||'],
    ['&&'],
    ['==', '!=', '===', '!=='],
    ['<', '>', '<=', '>='],
    ['+', '-'],
    ['*', '/', '%']
  ];

  private binary(level: number): Node {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.isOp(...Parser.LEVELS[level])) {
      const op = this.toks[this.k++].v;
      const right = this.binary(level + 1);
      left = combine(op, left, right);
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp('!', '-', '+')) {
      const op = this.toks[this.k++].v;
      const e = this.unary();
      if (op === '!') return s => !truthy(e(s));
      if (op === '+') return s => toNum(e(s));
      return s => {
        const v = e(s);
        return typeof v === 'bigint' ? -v : -toNum(v);
      };
    }
    return this.postfix(this.primary());
  }

  private args(): Node[] {
    this.expect('(');
    const out: Node[] = [];
    while (!this.isOp(')')) {
      out.push(this.ternary());
      if (!this.isOp(')')) this.expect(',');
    }
    this.k++;
    return out;
  }

  private postfix(base: Node): Node {
    let n = base;
    for (;;) {
      if (this.isOp('.')) {
        this.k++;
        const name = this.peek();
        if (name.t !== 'id') this.fail('expected a member name');
        this.k++;
        const obj = n;
        if (this.isOp('(')) {
          const args = this.args();
          n = s =>
            callMember(
              obj(s),
              name.v,
              args.map(a => a(s))
            );
        } else if (name.v === 'length') {
          n = s => {
            const v = obj(s);
            return typeof v === 'string' ? v.length : undefined;
          };
        } else this.fail(`property '${name.v}' is not supported`);
      } else if (this.isOp('[')) {
        this.k++;
        const idx = this.ternary();
        this.expect(']');
        const obj = n;
        n = s => {
          const v = obj(s);
          return typeof v === 'string' ? v.charAt(toNum(idx(s))) : undefined;
        };
      } else return n;
    }
  }

  private primary(): Node {
    const t = this.peek();
    this.k++;
    if (t.t === 'num') {
      const v = Number(t.v);
      return () => v;
    }
    if (t.t === 'str') return () => t.v;
    if (t.t === 'op' && t.v === '(') {
      const e = this.ternary();
      this.expect(')');
      return e;
    }
    if (t.t !== 'id') {
      this.k--;
      this.fail('unexpected token');
    }
    return this.identifier(t.v);
  }

  private identifier(name: string): Node {
    const consts: Record<string, ScriptValue> = {
      null: null,
      undefined: undefined,
      true: true,
      false: false
    };
    if (name in consts) {
      const v = consts[name];
      return () => v;
    }
    if (name === 'Math') {
      this.expect('.');
      const f = this.peek();
      this.k++;
      const fn = mathFunction(f.v);
      if (!fn) this.fail(`Math.${f.v} is not supported`);
      const args = this.args();
      return s => fn(...args.map(a => a(s)));
    }
    if (Object.prototype.hasOwnProperty.call(GLOBAL_FNS, name) && this.isOp('(')) {
      const fn = GLOBAL_FNS[name];
      const args = this.args();
      return s => fn(...args.map(a => a(s)));
    }
    return s => s(name);
  }
}

function combine(op: string, a: Node, b: Node): Node {
  switch (op) {
    case '||':
      return s => {
        const v = a(s);
        return truthy(v) ? v : b(s);
      };
    case '&&':
      return s => {
        const v = a(s);
        return truthy(v) ? b(s) : v;
      };
    case '==':
      return s => looseEq(a(s), b(s));
    case '!=':
      return s => !looseEq(a(s), b(s));
    case '===':
      return s => a(s) === b(s);
    case '!==':
      return s => a(s) !== b(s);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return s => compare(op, a(s), b(s));
    default:
      return s => arith(op, a(s), b(s));
  }
}

/** Compiles an expression; the result evaluates it in a scope, giving null when evaluation fails. */
export function compileScript(src: string): (scope: Scope) => ScriptValue {
  const node = new Parser(tokenize(src), src).parse();
  return scope => {
    try {
      return node(scope);
    } catch {
      return null;
    }
  };
}
