/**
 * The subcommand registry: `tracelab <name> ...` dispatches here. New subcommands (e.g. `analyze`, issue 3) add
 * one file and one line below.
 *
 * Scope: the ordered list of commands shown by `tracelab --help`.
 */
import { analyzeCommand } from './cmd-analyze';
import { eventsCommand } from './cmd-events';
import { infoCommand } from './cmd-info';
import { kernelCommand } from './cmd-kernel';
import { runCommand } from './cmd-run';
import type { Command } from './context';

export const commands: readonly Command[] = [
  infoCommand,
  eventsCommand,
  analyzeCommand,
  kernelCommand,
  runCommand
];

export function findCommand(name: string): Command | undefined {
  return commands.find(c => c.name === name);
}
