/**
 * Events as Apache Arrow: the per-experiment events table, per-event-class tables and incremental IPC file output.
 *
 * Scope: re-exports the public API of `src/analysis/arrow/`.
 */
export {
  eventsTable,
  eventsLayout,
  eventsColumns,
  eventsFields,
  eventsRecordBatch,
  recordBatch
} from './events-table';
export type { EventsLayout, TableOptions } from './events-table';
export { classTable, classColumns, ClassTableBuilder, rowsOfClass } from './class-table';
export type { ClassColumns, RowSample } from './class-table';
export { streamEventsIPC, streamClassIPC, IpcFileOutput } from './ipc';
export type { ChunkSink, IpcSummary } from './ipc';
export { jsonValue, jsonString, jsonNumber } from './value-json';
