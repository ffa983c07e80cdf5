/**
 * `is_complete_request`: whether a cell is ready to run (console frontends decide on Enter). Uses the
 * TypeScript parser: no syntax errors -> complete; every error at the end of input (an unclosed brace,
 * bracket, comment or template) -> incomplete; any other error -> invalid.
 */
import type * as TS from 'typescript';
import type { ContentOf } from './types';

type IsCompleteReply = ContentOf<'is_complete_reply'>;

/** TypeScript is ~10 MB of JavaScript: load it on first use, not at kernel start. */
let tsModule: typeof TS | undefined;
function ts(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tsModule ??= require('typescript') as typeof TS;
  return tsModule;
}

/** Diagnostic codes that can never be fixed by typing more (an unterminated one-line string). */
const NEVER_INCOMPLETE = new Set([1002]);

/** Classifies `code` as complete, incomplete (with the indent for the next line) or invalid. */
export function isComplete(code: string): IsCompleteReply {
  const end = code.trimEnd().length;
  if (end === 0) return { status: 'complete' };
  const t = ts();
  const out = t.transpileModule(code, {
    reportDiagnostics: true,
    compilerOptions: {
      target: t.ScriptTarget.ES2022,
      module: t.ModuleKind.ESNext,
      moduleDetection: t.ModuleDetectionKind.Force
    }
  });
  const diags = out.diagnostics ?? [];
  if (diags.length === 0) return { status: 'complete' };
  const atEnd = diags.every(d => (d.start ?? 0) >= end && !NEVER_INCOMPLETE.has(d.code));
  return atEnd ? { status: 'incomplete', indent: nextIndent(code) } : { status: 'invalid' };
}

/** Indent of the last non-blank line, two more spaces after an opening bracket or arrow. */
function nextIndent(code: string): string {
  const lines = code.split('\n').filter(l => l.trim() !== '');
  const last = lines[lines.length - 1] ?? '';
  const base = /^\s*/.exec(last)?.[0] ?? '';
  return /([{([]|=>)\s*$/.test(last) ? base + '  ' : base;
}
