/**
 * The seam between the cell API and the trace API: `tracelab.open` calls whatever opener is registered here,
 * by default `openExperiment` of `src/analysis/trace/open.ts`; tests may register a fake.
 */
import { openExperiment } from '../../analysis/trace/open';
import type { Experiment } from '../../analysis/trace/types';

/** Opens an experiment from trace paths (absolute). */
export type OpenExperiment = (paths: string[]) => Experiment | Promise<Experiment>;

let opener: OpenExperiment | undefined = paths => openExperiment(paths);

/** Replaces the opener (`undefined`: none, `tracelab.open` then throws). */
export function setExperimentOpener(fn: OpenExperiment | undefined): void {
  opener = fn;
}

/** The registered opener; throws when the trace API is not available. */
export function experimentOpener(): OpenExperiment {
  if (!opener) throw new Error('tracelab.open: the trace API is not available in this build');
  return opener;
}
