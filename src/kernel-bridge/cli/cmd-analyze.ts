/**
 * `tracelab analyze <kind> <trace>... [--start T] [--end T] [--tid N] [--host H] [--format jsonl|csv|arrow|table]
 * [--limit N] [--out FILE]`: runs one analysis of the kernel model, critical path, packet matching or clock sync
 * and writes its table. Integers are exact in every format, as with `tracelab events`.
 *
 * Scope: argument handling and output; the analyses live in `analyzers.ts`.
 */
import { parseCommandArgs, parseCount, parseTime } from './args';
import { ANALYZERS, findAnalyzer } from './analyzers';
import type { AnalyzeArgs } from './analyzers';
import { EXIT_OK, UsageError } from './context';
import type { CliContext, Command } from './context';
import { reportError } from './errors';
import { FileOutput, StreamOutput } from './output';
import type { Output } from './output';
import { TABLE_FORMATS, writeTable } from './table-output';
import type { TableFormat } from './table-output';

const HELP = `Usage: tracelab analyze <kind> <trace>... [options]

Runs one analysis over the traces (one experiment; hosts kept apart) and writes its table.

Kinds:
${ANALYZERS.map(a => `  ${a.name.padEnd(22)} ${a.summary}`).join('\n')}

Options:
  --start T, --end T   time window: ns integer, or seconds with a decimal point (exact)
  --tid N              thread (required by the critical-path kinds; a filter for the others)
  --host H             host name (when several hosts have the thread)
  --format F           jsonl (default when not a terminal), csv, arrow (IPC file), table (default on a terminal)
  --symbols FILE       symbols for call stacks: an nm mapping or an ELF file (repeatable)
  --target-prefix P    where the traced machine's files are (call stacks via statedumps)
  --debug-dir D        where separate debug files are (repeatable)
  --spec FILE          state-view / segments: a Trace Compass XML analysis or a tracelab spec (JSON)
  --id ID              the analysis id inside --spec (default: the first)
  --table T            the table of multi-table analyses (e.g. vm: vcpu-states, guest-preemption, fused-cpus)
  --limit N            at most N rows
  --out FILE           write to FILE instead of stdout
  -h, --help           this help
`;

const OPTIONS = {
  start: { type: 'string' },
  end: { type: 'string' },
  tid: { type: 'string' },
  host: { type: 'string' },
  format: { type: 'string' },
  limit: { type: 'string' },
  out: { type: 'string' },
  symbols: { type: 'string', multiple: true },
  'target-prefix': { type: 'string' },
  'debug-dir': { type: 'string', multiple: true },
  spec: { type: 'string' },
  id: { type: 'string' },
  table: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const;

/** Options only some analyses read; they pick them up from the args object. */
interface ExtraArgs {
  symbols?: string[];
  targetPrefix?: string;
  debugDir?: string[];
  spec?: string;
  id?: string;
  table?: string;
}

const str = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));
const strs = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

function parseFormat(text: string | undefined, ctx: CliContext): TableFormat {
  if (text === undefined) return (ctx.stdout as { isTTY?: boolean }).isTTY ? 'table' : 'jsonl';
  if (!(TABLE_FORMATS as readonly string[]).includes(text)) {
    throw new UsageError(`--format: '${text}' is not one of ${TABLE_FORMATS.join(', ')}`, 'analyze');
  }
  return text as TableFormat;
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary:
    'run an analysis (thread states, syscalls, CPU usage, critical path, sync, ...) and print its table',
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    let out: Output | undefined;
    try {
      const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'analyze');
      if (values.help) {
        ctx.stdout.write(HELP);
        return EXIT_OK;
      }
      const [kind, ...paths] = positionals;
      if (kind === undefined) throw new UsageError('missing the analysis kind', 'analyze');
      const analyzer = findAnalyzer(kind);
      if (paths.length === 0) throw new UsageError('missing trace path', 'analyze');
      const args: AnalyzeArgs & ExtraArgs = {
        symbols: strs(values.symbols),
        targetPrefix: str(values['target-prefix']),
        debugDir: strs(values['debug-dir']),
        spec: str(values.spec),
        id: str(values.id),
        table: str(values.table),
        start: values.start !== undefined ? parseTime(String(values.start), '--start') : undefined,
        end: values.end !== undefined ? parseTime(String(values.end), '--end') : undefined,
        tid: values.tid !== undefined ? parseCount(String(values.tid), '--tid') : undefined,
        host: values.host !== undefined ? String(values.host) : undefined
      };
      if (analyzer.needsTid && args.tid === undefined) {
        throw new UsageError(`'${kind}' needs --tid`, 'analyze');
      }
      const format = parseFormat(values.format as string | undefined, ctx);
      const limit = values.limit !== undefined ? parseCount(String(values.limit), '--limit') : undefined;
      const exp = await ctx.open(paths);
      try {
        const table = analyzer.run(exp, args);
        out = values.out !== undefined ? new FileOutput(String(values.out)) : new StreamOutput(ctx.stdout);
        await writeTable(table, format, out, limit);
      } finally {
        exp.close();
      }
      await out.close();
      return EXIT_OK;
    } catch (e) {
      if (out) await out.close().catch(() => undefined);
      return reportError(ctx, e, 'analyze');
    }
  }
};
