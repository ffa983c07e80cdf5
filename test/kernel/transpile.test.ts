/**
 * Cell compilation, run in a fresh vm context standing in for the evaluation child: declarations persist
 * across cells, top-level await, the last expression as result, imports, syntax error positions, and source
 * maps that bring runtime positions back to the cell's lines.
 */
import { createRequire } from 'node:module';
import { createContext, Script, type Context } from 'node:vm';
import { decodeVlq, LineMap } from '../../src/kernel-bridge/eval/transpile/source-map';
import { CellSyntaxError, compileCell } from '../../src/kernel-bridge/eval/transpile/transpile-cell';

const req = createRequire(__filename);

/** A fresh "kernel": cells run in one context, like the child's global scope. */
function session() {
  const ctx: Context = createContext({
    __tl: {
      load: async (id: string) => req(id) as unknown,
      defaultOf: (m: { __esModule?: boolean; default?: unknown }) => (m?.__esModule ? m.default : m),
      dynamicImport: async (id: string) => ({ imported: id })
    }
  });
  let n = 0;
  return async (code: string): Promise<unknown> => {
    const c = compileCell(code);
    return await (new Script(c.script, { filename: `Cell[${++n}]` }).runInContext(ctx) as Promise<unknown>);
  };
}

test('declarations persist across cells and can be redeclared', async () => {
  const run = session();
  await run(
    'const a: number = 1;\nlet b = 2, [c, , d = 4] = [3, 0];\nvar e = 5;\nconst { f, g: { h } } = { f: 6, g: { h: 7 } };'
  );
  await run('function sum(...xs: number[]): number { return xs.reduce((s, x) => s + x, 0) }');
  await run('class Box<T> { constructor(public v: T) {} get twice() { return (this.v as number) * 2 } }');
  await run('enum Color { Red, Green }\nnamespace NS { export const k = 8 }');
  expect(await run('sum(a, b, c, d, e, f, h)')).toBe(28);
  expect(await run('new Box(21).twice')).toBe(42);
  expect(await run('[Color.Green, Color[0], NS.k]')).toEqual([1, 'Red', 8]);
  await run('const a = 100'); // re-running a cell that declares `a` again
  expect(await run('a')).toBe(100);
});

test('closures see later reassignments (names live on the global object)', async () => {
  const run = session();
  await run('let counter = 0;\nfunction bump() { return ++counter }');
  await run('bump(); bump()');
  expect(await run('counter')).toBe(2);
});

test('functions are hoisted within a cell', async () => {
  expect(await session()('const r = later(2);\nfunction later(x: number) { return x * 3 }\nr')).toBe(6);
});

test('the last expression is the result; declarations give none', async () => {
  const run = session();
  expect(await run('1 + 1;\n2 + 2')).toBe(4);
  expect(await run('const z = 5')).toBeUndefined();
  expect(await run('{ a: 1, b: [2] }')).toEqual({ a: 1, b: [2] });
  expect(await run('{ let inner = 1 }')).toBeUndefined();
  expect(await run('for (let i = 0; i < 3; i++) {}')).toBeUndefined();
});

test('top-level await and for await', async () => {
  const run = session();
  expect(await run('const v = await Promise.resolve(41);\nv + 1')).toBe(42);
  await run(
    'async function* gen() { yield 1; yield 2 }\nlet total = 0;\nfor await (const x of gen()) total += x;'
  );
  expect(await run('total')).toBe(3);
});

test('imports become persistent declarations; type-only imports vanish', async () => {
  const run = session();
  await run(
    "import path, { join as j } from 'node:path';\nimport * as os from 'node:os';\nimport type { Stats } from 'node:fs';"
  );
  expect(await run("j('a', 'b') === path.join('a', 'b') && typeof os.cpus")).toBe('function');
  expect(compileCell("import type { A } from 'x';\nimport { type B } from 'y';").script).not.toMatch(/load/);
  expect(await run("await import('some-esm')")).toEqual({ imported: 'some-esm' });
});

test('syntax errors carry the cell position', () => {
  expect.assertions(4);
  try {
    compileCell('const ok = 1;\nconst bad = ;');
  } catch (e) {
    expect(e).toBeInstanceOf(CellSyntaxError);
    const s = e as CellSyntaxError;
    expect(s.message).toBe('Expression expected.');
    expect([s.line, s.column]).toEqual([2, 13]);
    expect(s.name).toBe('SyntaxError');
  }
});

test('runtime positions map back to cell lines despite erased types', async () => {
  const code = [
    'interface Shape {',
    '  kind: string;',
    '}',
    'type Id = number;',
    'function area(s: Shape,',
    '              id: Id): number {',
    '  return (null as unknown as { x: number }).x;',
    '}',
    "area({ kind: 'sq' }, 1)"
  ].join('\n');
  const c = compileCell(code);
  let stack = '';
  try {
    await (new Script(c.script, { filename: 'Cell[1]' }).runInContext(createContext({})) as Promise<unknown>);
  } catch (e) {
    stack = (e as Error).stack ?? '';
  }
  const pos = [...stack.matchAll(/Cell\[1\]:(\d+):(\d+)/g)].map(m =>
    c.original({ line: +m[1], column: +m[2] })
  );
  expect(pos[0]).toEqual({ line: 7, column: 45 }); // `.x` of the null read
  expect(pos[1]).toEqual({ line: 9, column: 1 }); // the call
});

describe('source map decoding', () => {
  test('base64 VLQ known values (Source Map v3 spec)', () => {
    expect(decodeVlq('AAAA')).toEqual([0, 0, 0, 0]);
    expect(decodeVlq('C')).toEqual([1]);
    expect(decodeVlq('D')).toEqual([-1]);
    expect(decodeVlq('gB')).toEqual([16]);
    expect(decodeVlq('2HwcqxB')).toEqual([123, 456, 789]);
    expect(decodeVlq('rxB')).toEqual([-789]);
  });

  test('lookup picks the segment at or before the column', () => {
    // line 1: col 0 -> (0,0); col 4 -> (0,6). line 2: col 2 -> (1,0)
    const map = LineMap.fromJson(JSON.stringify({ mappings: 'AAAA,IAAM;EACN' }));
    expect(map.original({ line: 1, column: 1 })).toEqual({ line: 1, column: 1 });
    expect(map.original({ line: 1, column: 5 })).toEqual({ line: 1, column: 7 });
    expect(map.original({ line: 1, column: 7 })).toEqual({ line: 1, column: 9 });
    expect(map.original({ line: 2, column: 1 })).toEqual({ line: 2, column: 1 });
    expect(map.original({ line: 3, column: 1 })).toBeUndefined();
  });
});
