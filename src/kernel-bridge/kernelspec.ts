/**
 * `tracelab kernel install [--user|--sys-prefix|--prefix P]`: writes the kernelspec (kernel.json and logos)
 * where Jupyter looks for kernels, like `jupyter kernelspec install` would. The CLI calls `installKernelspec`.
 *
 * Spec: https://jupyter-client.readthedocs.io/en/latest/kernels.html#kernel-specs
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { HUGE_PAGES_TUNABLE } from './huge-pages';
import { logoPng } from './logo';

/** Where to install (at most one of user/sysPrefix/prefix; none = user). */
export interface IKernelspecInstallOptions {
  /** The per-user Jupyter data directory (the default). */
  user?: boolean;
  /** The active Python environment's prefix (virtualenv/conda, else the Python that runs `jupyter`). */
  sysPrefix?: boolean;
  /** `<prefix>/share/jupyter/kernels/`. */
  prefix?: string;
  /** Kernelspec name (default `tracelab`). */
  name?: string;
  /** Node executable in argv (default: the running one). */
  node?: string;
  /** Kernel entry script (default: `kernel.js` next to this module, i.e. dist/kernel-bridge/kernel.js). */
  kernelScript?: string;
  /** Environment variables for the kernel process (default: glibc's huge-pages tunable, see huge-pages.ts). */
  env?: Record<string, string>;
}

/** Contents of kernel.json. */
export interface IKernelSpecJson {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: 'message' | 'signal';
  env: Record<string, string>;
  metadata: Record<string, unknown>;
}

/** What was installed. */
export interface IKernelspecInstallResult {
  name: string;
  /** The kernelspec directory written. */
  dir: string;
  spec: IKernelSpecJson;
}

/** The kernel.json for these options. */
export function kernelSpec(options: IKernelspecInstallOptions = {}): IKernelSpecJson {
  const script = resolve(options.kernelScript ?? join(__dirname, 'kernel.js'));
  return {
    argv: [options.node ?? process.execPath, script, '-f', '{connection_file}'],
    display_name: 'tracelab (TypeScript)',
    language: 'typescript',
    interrupt_mode: 'message',
    env: options.env ?? { GLIBC_TUNABLES: HUGE_PAGES_TUNABLE },
    metadata: {}
  };
}

/** The `kernels/` directory the options select. */
export function kernelsDir(options: IKernelspecInstallOptions = {}): string {
  const chosen = [options.user, options.sysPrefix, options.prefix !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new Error('choose one of --user, --sys-prefix, --prefix');
  if (options.prefix !== undefined) return join(resolve(options.prefix), 'share', 'jupyter', 'kernels');
  if (options.sysPrefix) return join(pythonSysPrefix(), 'share', 'jupyter', 'kernels');
  return join(jupyterDataDir(), 'kernels');
}

/** Writes kernel.json and the logos; returns what it wrote. */
export function installKernelspec(options: IKernelspecInstallOptions = {}): IKernelspecInstallResult {
  const name = options.name ?? 'tracelab';
  if (!/^[a-z0-9._-]+$/i.test(name)) throw new Error(`invalid kernelspec name ${name}`);
  const dir = join(kernelsDir(options), name.toLowerCase());
  const spec = kernelSpec(options);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kernel.json'), JSON.stringify(spec, null, 2) + '\n');
  for (const size of [32, 64]) writeFileSync(join(dir, `logo-${size}x${size}.png`), logoPng(size));
  return { name, dir, spec };
}

/** jupyter_core's user data dir: $JUPYTER_DATA_DIR, else per platform (XDG on Linux). */
export function jupyterDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.JUPYTER_DATA_DIR) return resolve(env.JUPYTER_DATA_DIR);
  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Jupyter');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'jupyter');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'jupyter');
}

/**
 * The prefix of the Python environment Jupyter runs in: $VIRTUAL_ENV or $CONDA_PREFIX, else `sys.prefix` of
 * the interpreter named in the `jupyter` script's shebang (or `python3` on PATH).
 */
export function pythonSysPrefix(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VIRTUAL_ENV) return env.VIRTUAL_ENV;
  if (env.CONDA_PREFIX) return env.CONDA_PREFIX;
  const python = jupyterPython(env) ?? 'python3';
  return execFileSync(python, ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8' }).trim();
}

function jupyterPython(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    try {
      const first = readFileSync(join(dir, 'jupyter'), 'utf8').split('\n')[0];
      const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
      if (m) return m[1].endsWith('/env') && m[2] ? m[2] : m[1];
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
