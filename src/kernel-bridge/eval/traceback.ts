/**
 * Errors as Jupyter shows them (ename, evalue, traceback lines), with stack positions mapped from the
 * generated JavaScript back to the cell's own lines (`Cell[3]:2:7`), kernel-internal frames removed, and the
 * offending cell line quoted.
 */
import { inspect } from 'node:util';
import type { IErrorInfo } from '../handler/evaluator';
import type { ICompiledCell } from './transpile/transpile-cell';

/** A cell that ran, by its script file name (`Cell[3]`). */
export interface ICellRecord {
  code: string;
  compiled: ICompiledCell;
}

/** Cells that ran in this session (older cells' functions appear in later stacks). */
export class CellRegistry {
  /** A fresh file name for execution `count` (`Cell[3]`, then `Cell[3/2]` if 3 is reused by silent runs). */
  name(count: number): string {
    const base = `Cell[${count}]`;
    if (!this._cells.has(base)) return base;
    for (let k = 2; ; k++) if (!this._cells.has(`Cell[${count}/${k}]`)) return `Cell[${count}/${k}]`;
  }

  add(name: string, record: ICellRecord): void {
    this._cells.set(name, record);
  }

  get(name: string): ICellRecord | undefined {
    return this._cells.get(name);
  }

  private readonly _cells = new Map<string, ICellRecord>();
}

const FRAME_POS = /(Cell\[[^\]]+\]):(\d+):(\d+)/g;
/** Frames of the kernel's own machinery (vm, node internals, the evaluation child, the cell API wrappers). */
const INTERNAL_FRAME = /[( ](node:|\S*[\\/]kernel-bridge[\\/](eval|api)[\\/])/;

/** Jupyter error info for anything a cell threw. */
export function errorInfo(err: unknown, cells: CellRegistry): IErrorInfo {
  if (!(err instanceof Error) && !(typeof err === 'object' && err !== null && 'stack' in err)) {
    return { ename: 'Uncaught', evalue: inspect(err), traceback: [`Uncaught ${inspect(err)}`] };
  }
  const e = err as Error;
  const ename = e.name || e.constructor?.name || 'Error';
  const evalue = String(e.message ?? '');
  const frames = String(e.stack ?? '')
    .split('\n')
    .filter(l => /^\s+at /.test(l) && !INTERNAL_FRAME.test(l))
    .map(l =>
      l.replace(FRAME_POS, (m, file: string, line: string, col: string) =>
        mapPos(cells, file, +line, +col, m)
      )
    )
    .filter(l => !l.includes(UNMAPPED));
  return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...frames, ...excerptOfFirst(frames, cells)] };
}

/** Error info for a syntax error at a cell position. */
export function syntaxErrorInfo(
  message: string,
  file: string,
  code: string,
  line: number,
  column: number
): IErrorInfo {
  return {
    ename: 'SyntaxError',
    evalue: message,
    traceback: [
      `SyntaxError: ${message}`,
      `    at ${file}:${line}:${column}`,
      ...excerpt(file, code, line, column)
    ]
  };
}

/** Error info for an interrupted cell. */
export function interruptedInfo(detail = 'execution interrupted'): IErrorInfo {
  return { ename: 'Interrupted', evalue: detail, traceback: [`Interrupted: ${detail}`] };
}

/** Marks frames in generated wrapper code (no cell position): they are dropped. */
const UNMAPPED = '\u0000unmapped';

function mapPos(cells: CellRegistry, file: string, line: number, col: number, text: string): string {
  const cell = cells.get(file);
  if (!cell) return text;
  const pos = cell.compiled.original({ line, column: col });
  return pos ? `${file}:${pos.line}:${pos.column}` : UNMAPPED;
}

/** Quotes the cell line of the innermost cell frame. */
function excerptOfFirst(frames: string[], cells: CellRegistry): string[] {
  for (const f of frames) {
    const m = /(Cell\[[^\]]+\]):(\d+):(\d+)/.exec(f);
    const rec = m ? cells.get(m[1]) : undefined;
    if (m && rec) return excerpt(m[1], rec.code, +m[2], +m[3]);
  }
  return [];
}

/** `Cell[3], line 2:` then up to two lines before and the line itself with a caret under the column. */
export function excerpt(file: string, code: string, line: number, column: number): string[] {
  const lines = code.split('\n');
  if (line < 1 || line > lines.length) return [];
  const width = String(line).length;
  const out = ['', `${file}, line ${line}:`];
  for (let i = Math.max(1, line - 2); i <= line; i++) {
    out.push(`${i === line ? '>' : ' '} ${String(i).padStart(width)} | ${lines[i - 1]}`);
  }
  out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  return out;
}
