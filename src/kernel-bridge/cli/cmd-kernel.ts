/**
 * `tracelab kernel install [options]`: installs the tracelab Jupyter kernelspec. The work is done by
 * `installKernelspec` in `src/kernel-bridge/kernelspec.ts`; this command only forwards the options.
 *
 * Scope: argument handling and delegation.
 */
import { installKernelspec } from '../kernelspec';
import { parseCommandArgs } from './args';
import { EXIT_OK, EXIT_USAGE, UsageError } from './context';
import type { CliContext, Command } from './context';
import { reportError } from './errors';

const HELP = `Usage: tracelab kernel install [--user | --sys-prefix | --prefix DIR] [--name NAME]

Installs the tracelab Jupyter kernel (a kernelspec) so Jupyter lists it.

Options:
  --user             install for the current user (default)
  --sys-prefix       install into sys.prefix (e.g. a virtualenv or conda env)
  --prefix DIR       install under DIR/share/jupyter/kernels
  --name NAME        kernelspec name (default: tracelab)
  -h, --help         this help
`;

async function runKernel(args: string[], ctx: CliContext): Promise<number> {
  try {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '-h' || sub === '--help') {
      (sub === undefined ? ctx.stderr : ctx.stdout).write(HELP);
      return sub === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (sub !== 'install') throw new UsageError(`unknown kernel subcommand '${sub}'`, 'kernel');
    const { values: v } = parseCommandArgs(
      rest,
      {
        user: { type: 'boolean' },
        'sys-prefix': { type: 'boolean' },
        prefix: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      'kernel'
    );
    if (v.help) {
      ctx.stdout.write(HELP);
      return EXIT_OK;
    }
    const result = installKernelspec({
      user: v.user === true ? true : undefined,
      sysPrefix: v['sys-prefix'] === true ? true : undefined,
      prefix: typeof v.prefix === 'string' ? v.prefix : undefined,
      name: typeof v.name === 'string' ? v.name : undefined
    });
    ctx.stdout.write(`installed kernelspec '${result.name}' in ${result.dir}\n`);
    return EXIT_OK;
  } catch (e) {
    return reportError(ctx, e, 'kernel');
  }
}

export const kernelCommand: Command = {
  name: 'kernel',
  summary: 'install the tracelab Jupyter kernel (tracelab kernel install)',
  help: HELP,
  run: runKernel
};
