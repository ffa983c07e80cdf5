/**
 * Compiles one TypeScript cell into a script for `vm`: TypeScript's transpiler (no type checking) with the
 * two cell passes (imports/last expression, then hoisting), wrapped as
 * `var <declared names>; (async () => { <cell> })()` so top-level await works and declarations persist on the
 * global object. Keeps the source map so runtime positions can be reported in the cell's own lines.
 */
import * as ts from 'typescript';
import { hoistTransformer, type IHoistResult } from './hoist';
import { cellSyntaxTransformer } from './imports';
import { LineMap, type IPosition } from './source-map';

/** A cell ready to run. */
export interface ICompiledCell {
  /** Script text; evaluating it returns the promise of the cell's result. */
  script: string;
  /** Top-level names the cell declares. */
  names: string[];
  /** Cell position of a position in `script` (1-based), when known. */
  original(pos: IPosition): IPosition | undefined;
}

/** A syntax error in a cell, positioned in the cell (1-based). */
export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number
  ) {
    super(message);
    this.name = 'SyntaxError';
  }
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  sourceMap: true,
  removeComments: false
};

/** Transpiles a cell; throws CellSyntaxError on syntax errors. */
export function compileCell(code: string): ICompiledCell {
  const source = asObjectLiteral(code) ?? code;
  const hoisted: IHoistResult = { names: [] };
  const out = ts.transpileModule(source, {
    fileName: 'cell.ts',
    reportDiagnostics: true,
    compilerOptions: OPTIONS,
    transformers: { before: [cellSyntaxTransformer], after: [hoistTransformer(hoisted)] }
  });
  const diag = out.diagnostics?.find(d => d.category === ts.DiagnosticCategory.Error);
  if (diag) throw syntaxError(diag, source);
  const js = out.outputText.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '');
  const prefix = (hoisted.names.length > 0 ? `var ${hoisted.names.join(', ')}; ` : '') + '(async () => {';
  const map = LineMap.fromJson(out.sourceMapText ?? '{"mappings":""}');
  return {
    script: `${prefix}${js}\n})()`,
    names: hoisted.names,
    original: pos => map.original(pos.line === 1 ? { line: 1, column: pos.column - prefix.length } : pos)
  };
}

/**
 * `{a: 1}` alone is a block statement in JavaScript; like Node's REPL, a cell that is entirely a braced
 * expression is read as an object literal when it parses as one.
 */
function asObjectLiteral(code: string): string | undefined {
  const t = code.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  const wrapped = `(${code})`;
  const r = ts.transpileModule(wrapped, { reportDiagnostics: true, compilerOptions: OPTIONS });
  return r.diagnostics && r.diagnostics.length === 0 ? wrapped : undefined;
}

function syntaxError(d: ts.Diagnostic, source: string): CellSyntaxError {
  const start = d.start ?? 0;
  const before = source.slice(0, start).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  return new CellSyntaxError(ts.flattenDiagnosticMessageText(d.messageText, '\n'), line, column);
}
