/**
 * The cell API: what the evaluation child installs as globals (`display`, `tracelab`) and serves as the
 * `tracelab` module. Scope: assembling the API from a display publisher; no process or socket knowledge.
 */
import { createDisplay, type IDisplay, type IDisplayPublisher } from './display';
import { documented } from './doc';
import { createTracelab, type ITracelab } from './tracelab';

export { DISPLAY, toRichValue, type IDisplayable } from './mime-bundle';
export { setExperimentOpener, type OpenExperiment } from './experiment-opener';
export type { IDisplay, IDisplayHandle, IDisplayOptions, IDisplayPublisher } from './display';
export type { ITracelab } from './tracelab';
export type { IProgress } from './progress';
export { ExperimentInfo } from './trace-handle';
export { Trace, PROGRESS_MIN_BYTES, type ITraceContext, type IViewQuery } from './trace';
export type { IAnalysisQuery, ICriticalPathQuery, IEventsQuery, TimeNs } from './trace-queries';
export { ChartView, makeChart, type IChartOptions } from './chart';

/** Globals of the cell API. */
export interface ICellApi {
  display: IDisplay;
  tracelab: ITracelab;
}

/** Builds the cell API publishing displays through `publisher`. */
export function createCellApi(publisher: IDisplayPublisher, version: string): ICellApi {
  const display = documented(
    createDisplay(publisher),
    'display(x, { id?, metadata? }): handle | undefined\n\n' +
      'Shows x as display_data now. A plain object whose keys are MIME types is shown as that bundle.\n' +
      'With { id: true } (or a string id) returns a handle: h.update(y) replaces the output in place.\n' +
      'Also: display.update(x, { id }), display.html(s), display.markdown(s), display.svg(s),\n' +
      'display.json(x), display.clear(wait?).'
  );
  return { display, tracelab: createTracelab(display, version) };
}
