/**
 * The script evaluator of Trace Compass `script` values: the expressions real analyses use, JavaScript-like
 * semantics on small values, exact integer arithmetic with bigint timestamps, and refusal of anything else.
 */
import { compileScript, ScriptError } from '../../src/analysis/stateview/script';
import type { ScriptValue } from '../../src/analysis/stateview/script';

const ev = (src: string, vars: Record<string, ScriptValue> = {}): ScriptValue =>
  compileScript(src)(name => {
    if (!(name in vars)) throw new Error(`unknown ${name}`);
    return vars[name];
  });

describe('script expressions', () => {
  it('the expressions of the corpus analyses', () => {
    expect(ev("op == 'op1' ? 'TRUE' : 'FALSE'", { op: 'op1' })).toBe('TRUE');
    expect(ev("op == 'op1' ? 'TRUE' : 'FALSE'", { op: 'op2' })).toBe('FALSE');
    expect(ev('ts + 2', { ts: 5 })).toBe(7);
    expect(ev('ts + 2', { ts: 1795662814781049116n })).toBe(1795662814781049118n);
    expect(ev('str.substring(14)', { str: 'syscall_entry_openat' })).toBe('openat');
    expect(ev("cat == null ? 'UNKNOWN' : cat", { cat: null })).toBe('UNKNOWN');
    expect(ev("cat == null ? 'UNKNOWN' : cat", { cat: 'io' })).toBe('io');
  });

  it('operators and precedence', () => {
    expect(ev('1 + 2 * 3 - 4 / 2')).toBe(5);
    expect(ev('(1 + 2) * 3 % 4')).toBe(1);
    expect(ev("'a' + 1 + 2")).toBe('a12');
    expect(ev('!(1 < 2) || 3 >= 3 && 2 != 2')).toBe(false);
    expect(ev("'5' == 5")).toBe(true);
    expect(ev("'5' === 5")).toBe(false);
    expect(ev('-x', { x: 3n })).toBe(-3n);
    expect(ev('s.length > 2 ? s.toUpperCase() : s[0]', { s: 'abc' })).toBe('ABC');
    expect(ev('Math.max(a, 4) + parseInt("12")', { a: 7 })).toBe(19);
  });

  it('a runtime error gives null; a syntax error or an unsupported construct is refused', () => {
    expect(ev('x.nope()', { x: 'a' })).toBeNull();
    expect(ev('y', {})).toBeNull();
    expect(() => compileScript('1 +')).toThrow(ScriptError);
    expect(() => compileScript('a.b')).toThrow(/property 'b' is not supported/);
    expect(() => compileScript('Math.random()')).toThrow(/Math.random is not supported/);
    expect(() => compileScript('a = 1')).toThrow(ScriptError);
  });
});
