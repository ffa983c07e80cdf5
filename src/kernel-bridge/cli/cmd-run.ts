/**
 * `tracelab run <notebook> [--to html|notebook] [--out FILE] [--timeout S] [--allow-errors]`: executes a notebook
 * headlessly with the tracelab kernel through Debian's `jupyter nbconvert --execute`, and writes the result: HTML
 * (the views' static `image/svg+xml` fallbacks, viewable without a kernel, for publishing) or the executed notebook.
 *
 * The tracelab kernelspec is installed into a private temporary prefix that `JUPYTER_PATH` puts first for the
 * child, so the run does not depend on (or change) what the user has installed. The child runs in the notebook's
 * folder, so the notebook's relative trace paths resolve as they do in JupyterLab.
 *
 * nbconvert 6.5 passes every `image/svg+xml` output through lxml's `clean_html`, which strips an SVG's children
 * (an empty figure); a small template keeps nbconvert's lab HTML template and only inlines SVG as is, unless
 * HTML sanitizing is on. The SVG is what the executed notebook's own code produced.
 *
 * Scope: argument handling, the nbconvert child process, and moving its output to the requested file.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, extname, join, resolve } from 'node:path';
import { installKernelspec } from '../kernelspec';
import { parseCommandArgs, parseCount } from './args';
import { EXIT_OK, EXIT_TRACE_ERROR, UsageError } from './context';
import type { CliContext, Command } from './context';
import { reportError } from './errors';

const HELP = `Usage: tracelab run <notebook> [--to html|notebook] [--out FILE] [--timeout S] [--allow-errors]

Executes a notebook with the tracelab kernel (Jupyter's nbconvert, run in the notebook's folder) and writes the
result. HTML keeps the views' static SVG figures, so it shows without a kernel (for publishing).

Options:
  --to FORMAT        html (default) or notebook (the executed .ipynb, with the tracelab views' outputs)
  --out FILE         output file (default: next to the notebook, <name>.html or <name>.out.ipynb)
  --timeout S        per-cell time limit in seconds (0: none; default: nbconvert's)
  --allow-errors     keep going past failing cells (their errors are in the output) and exit 0
  -h, --help         this help

Exit codes: 0 ok, 1 the notebook failed (nbconvert's message on stderr), 2 bad command line.
`;

type Format = 'html' | 'notebook';

/** What one `tracelab run` does. */
export interface IRunOptions {
  notebook: string;
  to: Format;
  out: string;
  timeoutSeconds?: number;
  allowErrors: boolean;
}

/** The default output path for a notebook: `<name>.html` or `<name>.out.ipynb` next to it. */
export function defaultOutput(notebook: string, to: Format): string {
  const stem = basename(notebook, extname(notebook));
  return join(dirname(notebook), to === 'html' ? `${stem}.html` : `${stem}.out.ipynb`);
}

/** The lab HTML template with SVG outputs inlined unchanged (see the header). */
const SVG_TEMPLATE = `{%- extends 'index.html.j2' -%}
{% block data_svg scoped -%}
<div class="jp-RenderedSVG jp-OutputArea-output {{ extra_class }}" data-mime-type="image/svg+xml">
{%- if output.svg_filename %}
<img src="{{ output.svg_filename | posix_path | escape_html }}">
{%- elif resources.should_sanitize_html %}
{{ output.data['image/svg+xml'] | clean_html }}
{%- else %}
{{ output.data['image/svg+xml'] }}
{%- endif %}
</div>
{%- endblock data_svg %}
`;

/** The `jupyter` arguments that execute `opts.notebook` into `<outDir>/result.<ext>`. */
export function nbconvertArgs(opts: IRunOptions, outDir: string, template?: string): string[] {
  const args = ['nbconvert', '--execute', '--to', opts.to, resolve(opts.notebook)];
  if (opts.to === 'html' && template !== undefined) args.push('--template-file', template);
  args.push('--ExecutePreprocessor.kernel_name=tracelab', '--output-dir', outDir, '--output', 'result');
  if (opts.timeoutSeconds !== undefined) {
    args.push(`--ExecutePreprocessor.timeout=${opts.timeoutSeconds === 0 ? -1 : opts.timeoutSeconds}`);
  }
  if (opts.allowErrors) args.push('--allow-errors');
  return args;
}

function parseRunArgs(args: string[]): IRunOptions | 'help' {
  const { values: v, positionals } = parseCommandArgs(
    args,
    {
      to: { type: 'string' },
      out: { type: 'string' },
      timeout: { type: 'string' },
      'allow-errors': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    },
    'run'
  );
  if (v.help) return 'help';
  if (positionals.length !== 1) throw new UsageError('expected exactly one notebook', 'run');
  const to = typeof v.to === 'string' ? v.to : 'html';
  if (to !== 'html' && to !== 'notebook') {
    throw new UsageError(`--to: '${to}' is not html or notebook`, 'run');
  }
  const notebook = resolve(positionals[0]);
  if (!existsSync(notebook) || !statSync(notebook).isFile()) throw new Error(`no such notebook: ${notebook}`);
  return {
    notebook,
    to,
    out: resolve(typeof v.out === 'string' ? v.out : defaultOutput(notebook, to)),
    timeoutSeconds: typeof v.timeout === 'string' ? parseCount(v.timeout, '--timeout') : undefined,
    allowErrors: v['allow-errors'] === true
  };
}

interface IChildResult {
  code: number | null;
  stderr: string;
  spawnError?: Error;
}

function runChild(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<IChildResult> {
  return new Promise(done => {
    const child = spawn('jupyter', args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', spawnError => done({ code: null, stderr, spawnError }));
    child.on('close', code => done({ code, stderr }));
  });
}

/**
 * nbconvert's message: for a failing cell, the cell and its error (not Python's traceback of nbconvert itself);
 * otherwise its log without the routine INFO lines (`[NbConvertApp] Converting notebook ...`).
 */
export function nbconvertMessage(stderr: string): string {
  const cell = /CellExecutionError: ([\s\S]*)$/.exec(stderr);
  if (cell) return cell[1].trim();
  const lines = stderr.split('\n').filter(l => !/^\[NbConvertApp\] (Converting|Writing|Executing)/.test(l));
  return lines.join('\n').trim();
}

function moveInto(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Executes the notebook; resolves to the exit code (messages on ctx.stderr). */
export async function executeNotebook(opts: IRunOptions, ctx: CliContext): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'tracelab-run-'));
  try {
    const prefix = join(work, 'prefix');
    installKernelspec({ prefix });
    const jupyterPath = [join(prefix, 'share', 'jupyter'), process.env.JUPYTER_PATH].filter(Boolean);
    const env = { ...process.env, JUPYTER_PATH: jupyterPath.join(delimiter) };
    const outDir = join(work, 'out');
    const template = join(work, 'tracelab-svg.html.j2');
    writeFileSync(template, SVG_TEMPLATE);
    const r = await runChild(nbconvertArgs(opts, outDir, template), dirname(opts.notebook), env);
    if (r.spawnError) {
      throw new Error(
        `cannot run jupyter nbconvert (${r.spawnError.message}); install it (apt install jupyter-nbconvert)`
      );
    }
    const produced = join(outDir, opts.to === 'html' ? 'result.html' : 'result.ipynb');
    if (r.code !== 0 || !existsSync(produced)) {
      ctx.stderr.write(`${nbconvertMessage(r.stderr)}\n`);
      ctx.stderr.write(
        `tracelab: ${basename(opts.notebook)} failed (jupyter nbconvert exit code ${r.code})\n`
      );
      return EXIT_TRACE_ERROR;
    }
    moveInto(produced, opts.out);
    ctx.stdout.write(`wrote ${opts.out}\n`);
    return EXIT_OK;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function runRun(args: string[], ctx: CliContext): Promise<number> {
  try {
    const opts = parseRunArgs(args);
    if (opts === 'help') {
      ctx.stdout.write(HELP);
      return EXIT_OK;
    }
    return await executeNotebook(opts, ctx);
  } catch (e) {
    return reportError(ctx, e, 'run');
  }
}

export const runCommand: Command = {
  name: 'run',
  summary: 'execute a notebook with the tracelab kernel and write HTML or the executed notebook',
  help: HELP,
  run: runRun
};
