/**
 * The `tracelab` command line: `main(argv)` parses the global options (`--help`, `--version`), dispatches to a
 * subcommand of the registry and resolves to the process exit code (0 ok, 1 a trace could not be read, 2 bad
 * command line). `bin/tracelab.js` calls it; tests call it in-process with their own streams.
 *
 * Scope: dispatch and the process context; each subcommand lives in its own `cmd-*.ts` file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openExperiment } from '../../analysis/trace/open';
import type { Experiment } from '../../analysis/trace/types';
import { EXIT_OK, EXIT_USAGE, UsageError } from './context';
import type { CliContext, Opener } from './context';
import { reportError } from './errors';
import { commands, findCommand } from './registry';

export type { CliContext } from './context';

/** Opens traces with the project's reader (every format, detected by content, as one merged experiment). */
export const openTraces: Opener = (paths: string[]): Experiment => openExperiment(paths);

/** The package version (package.json sits three levels above both `src/kernel-bridge/cli` and `dist/...`). */
export function version(): string {
  try {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')
    ) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function globalHelp(): string {
  const width = Math.max(...commands.map(c => c.name.length)) + 2;
  const lines = commands.map(c => `  ${c.name.padEnd(width)}${c.summary}`);
  return `Usage: tracelab <command> [options]

Explore kernel and user-space traces (LTTng CTF 1.8 and 2, perf CTF, Trace Compass XML stubs).

Commands:
${lines.join('\n')}

Options:
  -h, --help     this help ('tracelab <command> --help' for a command's options)
  -V, --version  print the version

Exit codes: 0 ok, 1 a trace could not be read (message on stderr), 2 bad command line.
`;
}

function processContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTTY: process.stderr.isTTY === true,
    open: openTraces,
    now: () => performance.now()
  };
}

/** Runs `tracelab <argv...>`; resolves to the exit code. `ctx` overrides parts of the process context. */
export async function main(argv: string[], ctx: Partial<CliContext> = {}): Promise<number> {
  const full: CliContext = { ...processContext(), ...ctx };
  const [first, ...rest] = argv;
  if (first === undefined) {
    full.stderr.write(globalHelp());
    return EXIT_USAGE;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    const cmd = rest[0] !== undefined ? findCommand(rest[0]) : undefined;
    full.stdout.write(cmd ? cmd.help : globalHelp());
    return EXIT_OK;
  }
  if (first === '-V' || first === '--version') {
    full.stdout.write(`tracelab ${version()}\n`);
    return EXIT_OK;
  }
  const cmd = findCommand(first);
  if (!cmd) {
    const why = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
    return reportError(full, new UsageError(why));
  }
  return cmd.run(rest, full);
}
