/**
 * Reads an executed notebook's outputs for the example tests: error outputs, code cells that showed nothing, the
 * tracelab views (a `application/vnd.tracelab.*` MIME type) with their fallbacks, and every text output (streams
 * and `text/plain`), joined for known-answer matching.
 */

/** One output of an executed code cell (nbformat 4). */
export interface INotebookOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

/** The parts of an nbformat 4 notebook the tests read. */
export interface INotebook {
  cells: { cell_type: string; source: string | string[]; outputs?: INotebookOutput[] }[];
}

/** A tracelab view found in the outputs. */
export interface IViewOutput {
  mime: string;
  /** Has an `image/svg+xml` fallback that is an SVG document. */
  svg: boolean;
  /** Its `text/plain` fallback. */
  text: string;
  /** The SVG is the kernel's placeholder (vega could not render the chart), not a drawing. */
  placeholder: boolean;
}

/** What the tests check in an executed notebook. */
export interface INotebookReport {
  /** `ename: evalue` of every error output. */
  errors: string[];
  /** Indexes (among code cells) of cells with no output at all. */
  cellsWithoutOutput: number[];
  views: IViewOutput[];
  /** Stream texts and `text/plain` of every output, in order. */
  texts: string[];
}

const TRACELAB_MIME = /^application\/vnd\.tracelab\.[a-z-]+\.v\d+\+json$/;

/** Multiline notebook strings are arrays of lines. */
export const joined = (s: unknown): string =>
  Array.isArray(s) ? s.join('') : typeof s === 'string' ? s : s === undefined ? '' : JSON.stringify(s);

/** Collects errors, views and texts of `nb`. */
export function analyzeNotebook(nb: INotebook): INotebookReport {
  const report: INotebookReport = { errors: [], cellsWithoutOutput: [], views: [], texts: [] };
  const code = nb.cells.filter(c => c.cell_type === 'code');
  code.forEach((cell, i) => {
    const outputs = cell.outputs ?? [];
    if (outputs.length === 0) report.cellsWithoutOutput.push(i);
    for (const o of outputs) {
      if (o.output_type === 'error') report.errors.push(`${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream') report.texts.push(joined(o.text));
      const data = o.data ?? {};
      if ('text/plain' in data) report.texts.push(joined(data['text/plain']));
      for (const mime of Object.keys(data).filter(k => TRACELAB_MIME.test(k))) {
        const svg = joined(data['image/svg+xml']);
        report.views.push({
          mime,
          svg: /^\s*<svg[\s>]/.test(svg),
          text: joined(data['text/plain']),
          placeholder: svg.includes('to see this chart)')
        });
      }
    }
  });
  return report;
}
