/**
 * The `tracelab` object cells see (also `require('tracelab')` / `import * as tracelab from 'tracelab'`):
 * the one public entry point of the notebook API.
 *
 * @example
 * ```ts
 * const t = await tracelab.open('../shared/traces/tracecompass/many-threads');
 * t.info()                       // traces, hosts, event classes, time range
 * tracelab.display.html('<b>hi</b>');
 * const p = tracelab.progress('work', 100); p.update(50); p.finish();
 * ```
 */
import { resolve } from 'node:path';
import type { IDisplay } from './display';
import { documented } from './doc';
import { experimentOpener } from './experiment-opener';
import { createProgress, type IProgress } from './progress';
import { Trace } from './trace-handle';

/** The notebook API. */
export interface ITracelab {
  /** Opens one trace or several (merged into one experiment). Relative paths are from the kernel's cwd. */
  open(paths: string | string[]): Promise<Trace>;
  /** Same as the global `display`. */
  display: IDisplay;
  /** Shows a progress display in the cell. */
  progress(label: string, total?: number): IProgress;
  /** tracelab's version. */
  readonly version: string;
}

/** Builds the tracelab object around a display function. */
export function createTracelab(display: IDisplay, version: string): ITracelab {
  const open = documented(
    async (paths: string | string[]): Promise<Trace> => {
      const list = (Array.isArray(paths) ? paths : [paths]).map(p => resolve(String(p)));
      if (list.length === 0) throw new Error('tracelab.open: no path given');
      const experiment = await experimentOpener()(list);
      return new Trace(experiment, list);
    },
    'tracelab.open(path: string | string[]): Promise<Trace>\n\n' +
      'Opens a trace directory or file (CTF, perf CTF, Trace Compass XML), or several merged into one\n' +
      'experiment. Returns a Trace: t.info() lists traces, hosts, event classes and the time range.\n\n' +
      "Example: const t = await tracelab.open('traces/many-threads'); t.info()"
  );
  const progress = documented(
    (label: string, total?: number): IProgress => createProgress(display, label, { total }),
    'tracelab.progress(label: string, total?: number): { update(done, total?), finish(message?) }\n\n' +
      'Shows a progress bar in the cell, updated in place (throttled to 5 updates a second).'
  );
  return { open, display, progress, version };
}
