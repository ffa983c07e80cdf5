/**
 * What a CLI command runs with: its output streams, whether stderr is a terminal (for progress), and how traces
 * are opened. `main()` builds the process one; tests build their own (captured streams, fake experiments).
 *
 * Scope: the command context type, the command interface of the subcommand registry, and the usage error.
 */
import type { Experiment } from '../../analysis/trace/types';

export type Opener = (paths: string[]) => Experiment | Promise<Experiment>;

export interface CliContext {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Progress is shown only when stderr is a terminal. */
  readonly stderrIsTTY: boolean;
  readonly open: Opener;
  /** Milliseconds clock for progress rates (injectable for tests). */
  readonly now: () => number;
}

/** A `tracelab <name> ...` subcommand. */
export interface Command {
  readonly name: string;
  /** One line for `tracelab --help`. */
  readonly summary: string;
  /** Full text for `tracelab <name> --help`. */
  readonly help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** Bad command line: reported with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
/** A trace could not be read (bad metadata, corrupt data, missing file). */
export const EXIT_TRACE_ERROR = 1;
/** Bad command line. */
export const EXIT_USAGE = 2;
