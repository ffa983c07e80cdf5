/**
 * End-to-end harness, server half: starts JupyterLab the way `npm start` does (`scripts/start.sh`, so the
 * npm-built frontend in lab/ on Debian's jupyter_server, or a real `jupyter lab` where one exists) on a free
 * port with a temporary root and settings folder, waits until it answers, and stops it (SIGTERM: jupyter_server
 * shuts its kernels down; SIGKILL to the process group if it lingers).
 *
 * Scope: the server process and the notebook files it serves. The browser half is lab-harness.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The project root (test/e2e/../..). */
export const PROJECT_ROOT = join(__dirname, '..', '..');

/** A running JupyterLab server. */
export interface ILabServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  token: string;
  /** The notebook root folder (temporary unless given). */
  root: string;
  /** Seconds from spawn until `/api/status` answered. */
  startSeconds: number;
  /** Everything the server printed so far. */
  log(): string;
  /** `<baseUrl>/lab/tree/<path>?token=…` (the Lab page, opening `path` when given). */
  labUrl(path?: string): string;
  /** Stops the server and removes the temporary folders. */
  stop(): Promise<void>;
}

export interface ILabServerOptions {
  /** Notebook root (default: a new temporary folder, removed by stop()). */
  root?: string;
  /** Milliseconds to wait for the server (default 90 s). */
  startTimeoutMs?: number;
  /** Extra environment variables for the server. */
  env?: Record<string, string>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** HTTP status of a GET (0 when the connection fails). */
export function httpStatus(url: string, timeoutMs = 2000): Promise<number> {
  return new Promise(resolve => {
    const req = get(url, { timeout: timeoutMs }, res => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms));

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!exited(child) && Date.now() < until) await sleep(100);
  return exited(child);
}

/** Starts JupyterLab through scripts/start.sh and waits until it answers. */
export async function startLabServer(options: ILabServerOptions = {}): Promise<ILabServer> {
  const temp = mkdtempSync(join(tmpdir(), 'tracelab-e2e-'));
  const root = options.root ?? join(temp, 'root');
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = ['scripts/start.sh', '--port', String(port), '--root', root, '--token', token];
  const child = spawn('bash', [...args, '--state', join(temp, 'state')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const t0 = Date.now();
  const stop = async (): Promise<void> => {
    if (!exited(child)) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10000)) && child.pid) process.kill(-child.pid, 'SIGKILL');
      await waitForExit(child, 2000);
    }
    rmSync(temp, { recursive: true, force: true });
  };
  const deadline = t0 + (options.startTimeoutMs ?? 90000);
  while ((await httpStatus(`${baseUrl}/api/status?token=${token}`)) !== 200) {
    if (exited(child) || Date.now() > deadline) {
      await stop();
      const why = exited(child) ? 'exited' : 'did not answer in time';
      throw new Error(`JupyterLab server ${why}; its output:\n${output.slice(-4000)}`);
    }
    await sleep(150);
  }
  return {
    baseUrl,
    token,
    root,
    startSeconds: (Date.now() - t0) / 1000,
    log: () => output,
    labUrl: (path = '') => `${baseUrl}/lab${path ? `/tree/${path}` : ''}?token=${token}`,
    stop
  };
}

/** A notebook (nbformat 4.5) holding one code cell per source; kernel metadata only when `kernel` is given. */
export function writeNotebook(dir: string, name: string, sources: string[], kernel?: string): string {
  const cells = sources.map((source, i) => ({
    cell_type: 'code',
    id: `cell-${i}`,
    execution_count: null,
    metadata: {},
    outputs: [],
    source
  }));
  const metadata = kernel
    ? { kernelspec: { name: kernel, display_name: kernel, language: 'typescript' } }
    : {};
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n');
  return file;
}

/** Whether `jupyter-lab` (a pip/conda JupyterLab) is on PATH and scripts/start.sh will use it. */
export function usesRealJupyterLab(): boolean {
  if (process.env.TRACELAB_LAB === 'npm') return false;
  return (process.env.PATH ?? '').split(delimiter).some(dir => dir && existsSync(join(dir, 'jupyter-lab')));
}

/** What an e2e run needs that is missing here (empty when all is present). */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) missing.push(`Chromium (${chromium}; apt-get install chromium)`);
  const kernel = join(PROJECT_ROOT, 'lab', 'share', 'jupyter', 'kernels', 'tracelab', 'kernel.json');
  if (!existsSync(kernel)) missing.push('the tracelab kernelspec in lab/share/jupyter (npm run setup)');
  const ext = join(PROJECT_ROOT, 'labextension', 'static');
  if (!existsSync(ext) || !readdirSync(ext).some(f => f.startsWith('remoteEntry.'))) {
    missing.push('the built labextension (npm run build:labextension)');
  }
  if (usesRealJupyterLab()) return missing;
  if (!existsSync(join(PROJECT_ROOT, 'lab', 'build', 'static', 'bundle.js'))) {
    missing.push('the JupyterLab build in lab/build (npm run setup)');
  }
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import jupyterlab_server'], { stdio: 'ignore' });
  } catch {
    missing.push("Debian's python3-jupyterlab-server (npm run setup)");
  }
  return missing;
}
