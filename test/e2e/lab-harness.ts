/**
 * End-to-end harness for tests against a real JupyterLab 4 in headless Chromium (playwright-core with Debian's
 * /usr/bin/chromium, machine.md section 4): start the server (lab-server.ts), open Lab or a notebook, pick a
 * kernel, run all cells, read outputs, collect console errors, take screenshots into test-artifacts/, stop.
 *
 * Typical use (see lab-notebook.test.ts):
 *   const lab = await LabSession.start();            // server on a free port + browser
 *   const nb = await lab.openNotebook('x.ipynb');     // a notebook written into lab.server.root
 *   await nb.selectKernel('tracelab (TypeScript)');  // when the notebook names no kernel
 *   await nb.runAll();  const outs = await nb.outputTexts();
 *   await lab.screenshot('name');  expect(lab.errors()).toEqual([]);  await lab.stop();
 *
 * Scope: browser-side driving; DOM access goes through locators and string expressions (the test tsconfig has
 * no DOM lib).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT, missingPrerequisites, startLabServer } from './lab-server';
import type { ILabServer, ILabServerOptions } from './lab-server';

export { missingPrerequisites, writeNotebook } from './lab-server';
export type { ILabServer } from './lab-server';

/** Chromium flags for this VM (machine.md section 4). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

/** Where screenshots go (git-ignored; CI keeps it as an artifact). */
export const ARTIFACTS_DIR = join(PROJECT_ROOT, 'test-artifacts');

/**
 * Console noise that is not a defect of tracelab: jupyter_server 1.x lacks APIs Lab 4 probes (when a real
 * `jupyter lab` serves, these don't occur), and Chromium logs failed resource loads separately from the response.
 */
export const KNOWN_NOISE: RegExp[] = [/kernelInfoTimeout/, /\/api\/(me|events\/subscribe)\b/];

/**
 * Whether to skip e2e tests here: a reason when a prerequisite is missing outside CI, undefined when all is
 * present. In CI (CI=true) a missing prerequisite throws, so the suite fails instead of skipping.
 */
export function e2eSkipReason(): string | undefined {
  const missing = missingPrerequisites();
  if (missing.length === 0) return undefined;
  const reason = `JupyterLab e2e prerequisites missing: ${missing.join('; ')}`;
  if (process.env.CI) throw new Error(`${reason} (CI must have them: run npm run setup)`);
  return reason;
}

/** Waits until JupyterLab has started and restored its layout (works for the lab/ host and a real Lab). */
export async function waitForLab(page: Page, timeoutMs = 60000): Promise<void> {
  await page.waitForSelector('#jp-main-dock-panel', { state: 'attached', timeout: timeoutMs });
  await page.waitForFunction(
    `window.jupyterapp !== undefined && document.querySelector('.jp-LabShell') !== null &&
     !document.querySelector('#jupyterlab-splash')`,
    undefined,
    { timeout: timeoutMs }
  );
}

/** A notebook open in the Lab page. */
export class NotebookPage {
  constructor(readonly page: Page) {}

  /**
   * Chooses a kernel by display name in Lab's "Select Kernel" dialog: the one Lab opens for a notebook that
   * names no kernel (waited for up to `dialogWaitMs`), else one opened here with "Change Kernel…".
   */
  async selectKernel(displayName: string, timeoutMs = 60000, dialogWaitMs = 10000): Promise<void> {
    const dialog = this.page.locator('.jp-Dialog');
    const shown = await dialog
      .waitFor({ timeout: dialogWaitMs })
      .then(() => true)
      .catch(() => false);
    if (!shown) await this.page.evaluate(`void window.jupyterapp.commands.execute('notebook:change-kernel')`);
    const select = dialog.locator('select');
    await select.waitFor({ timeout: timeoutMs });
    const value = await select
      .locator('option', { hasText: displayName })
      .first()
      .getAttribute('value', { timeout: timeoutMs });
    if (value === null) throw new Error(`no kernel named ${displayName} in the dialog`);
    await select.selectOption(value);
    await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
    const { name } = JSON.parse(value) as { name: string };
    await this.waitForKernel(name, timeoutMs);
  }

  /** The kernelspec name and status of the current notebook's kernel (undefined without one). */
  async kernel(): Promise<{ name: string; status: string } | undefined> {
    const found = await this.page.evaluate(`(() => { const w = window.jupyterapp.shell.currentWidget;
      const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
      return k ? { name: k.name, status: k.status } : null; })()`);
    return (found as { name: string; status: string } | null) ?? undefined;
  }

  /** Waits until the current notebook runs the kernel named `name` (kernelspec name) and it is idle. */
  async waitForKernel(name: string, timeoutMs = 60000): Promise<void> {
    await this.page.waitForFunction(
      `(() => { const w = window.jupyterapp.shell.currentWidget;
        const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
        return !!k && k.name === ${JSON.stringify(name)} && k.status === 'idle'; })()`,
      undefined,
      { timeout: timeoutMs, polling: 200 }
    );
  }

  /** Runs all cells; waits until every code cell shows an execution count and the kernel is idle again. */
  async runAll(timeoutMs = 120000): Promise<void> {
    await this.page.evaluate(`void window.jupyterapp.commands.execute('notebook:run-all-cells')`);
    await this.page.waitForFunction(
      `(() => { const w = window.jupyterapp.shell.currentWidget;
        const prompts = [...w.node.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
        const k = w.sessionContext.session && w.sessionContext.session.kernel;
        return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p.textContent.trim())) &&
          !!k && k.status === 'idle'; })()`,
      undefined,
      { timeout: timeoutMs, polling: 200 }
    );
  }

  /** For each code cell of the current notebook, the text of its outputs (prompts excluded). */
  async outputTexts(): Promise<string[]> {
    const texts = await this.page.evaluate(`(() => {
      const w = window.jupyterapp.shell.currentWidget;
      return [...w.node.querySelectorAll('.jp-CodeCell')].map(cell =>
        [...cell.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText).join('\\n'));
    })()`);
    return texts as string[];
  }
}

/** A JupyterLab server plus a headless Chromium page on it, with error collection. */
export class LabSession {
  private readonly collected: string[] = [];

  private constructor(
    readonly server: ILabServer,
    readonly browser: Browser,
    readonly page: Page
  ) {
    page.on('pageerror', e => this.collected.push(`pageerror: ${e.message}`));
    page.on('console', m => {
      if (m.type() === 'error') this.collected.push(`console: ${m.text()}`);
    });
    page.on('response', r => {
      if (r.status() < 400) return;
      this.collected.push(`HTTP ${r.status()} ${r.url().replace(/token=\w+/, 'token=…')}`);
    });
  }

  /** Starts a server and a browser page (viewport 1400×900). */
  static async start(options: ILabServerOptions = {}): Promise<LabSession> {
    const server = await startLabServer(options);
    try {
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      return new LabSession(server, browser, page);
    } catch (e) {
      await server.stop();
      throw e;
    }
  }

  /** Opens the Lab page (optionally a file under the root) and waits until Lab is ready. */
  async openLab(path?: string): Promise<void> {
    await this.page.goto(this.server.labUrl(path));
    await waitForLab(this.page);
  }

  /** Opens a notebook (path relative to the server root) and waits for its panel. */
  async openNotebook(path: string): Promise<NotebookPage> {
    await this.openLab(path);
    await this.page.locator('.jp-NotebookPanel .jp-Notebook .jp-Cell').first().waitFor({ timeout: 60000 });
    return new NotebookPage(this.page);
  }

  /** Errors seen so far (page errors, console errors, HTTP >= 400), minus `ignore` patterns. */
  errors(ignore: RegExp[] = KNOWN_NOISE): string[] {
    return this.collected.filter(e => !ignore.some(re => re.test(e)));
  }

  /** Saves a full-page PNG screenshot as test-artifacts/<name>.png; returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const file = join(ARTIFACTS_DIR, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /** Closes the browser and stops the server. */
  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
  }
}
