/**
 * Turns what a command throws into a message on stderr and an exit code.
 *
 * Trace errors (bad metadata: file and line; corrupt data: file and byte offset; a missing file) are expected
 * and printed as one line; anything else is a bug and also gets its stack when TRACELAB_DEBUG is set.
 *
 * Scope: error → message + exit code.
 */
import { MetadataError } from '../../analysis/formats/ctf/ir';
import { TraceDataError } from '../../analysis/trace/types';
import { EXIT_TRACE_ERROR, EXIT_USAGE, UsageError } from './context';
import type { CliContext } from './context';

function systemMessage(e: NodeJS.ErrnoException): string | undefined {
  const where = e.path ? `: ${e.path}` : '';
  switch (e.code) {
    case 'ENOENT':
      return `no such file or directory${where}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied${where}`;
    case 'EISDIR':
      return `is a directory${where}`;
    case 'ENOTDIR':
      return `not a directory${where}`;
    default:
      return undefined;
  }
}

/** The one-line message for an error (without the `tracelab: ` prefix). */
export function errorMessage(e: unknown): string {
  if (e instanceof MetadataError) return `bad metadata: ${e.message}`;
  if (e instanceof TraceDataError) return `corrupt trace data: ${e.message}`;
  if (e instanceof Error) {
    const sys = systemMessage(e as NodeJS.ErrnoException);
    return sys ?? e.message;
  }
  return String(e);
}

/** Writes the error to stderr and returns the exit code for it. */
export function reportError(ctx: CliContext, e: unknown, command?: string): number {
  if (e instanceof UsageError) {
    const cmd = e.command ?? command;
    const hint = cmd ? `tracelab ${cmd} --help` : 'tracelab --help';
    ctx.stderr.write(`tracelab: ${e.message}\n(see '${hint}')\n`);
    return EXIT_USAGE;
  }
  ctx.stderr.write(`tracelab: ${errorMessage(e)}\n`);
  if (process.env.TRACELAB_DEBUG && e instanceof Error && e.stack) ctx.stderr.write(`${e.stack}\n`);
  return EXIT_TRACE_ERROR;
}
