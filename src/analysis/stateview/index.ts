/**
 * Declarative state views: the public API.
 *
 * - `runStateView(exp, spec, opts)` runs a spec (native object or an imported Trace Compass analysis) over an
 *   experiment: a state system (attribute tree + intervals) and pattern segments.
 * - `stateIntervals(result)` / `segments(result)`: Arrow tables (`attribute, start, end, value, value_num`;
 *   `name, start, end, <fields>`).
 * - `loadTcXml(text, file)`: validates and imports a Trace Compass XML analysis file (`tcAnalysis(doc, id)` picks
 *   one analysis' spec).
 * - `timeGraphRows` / `rowStates` / `xySeries`: the view section applied to a result.
 * - Built-in views: `ustMemorySpec` (heap per thread); MPI: `mpiImbalanceSpec` + `rankActivity`, `waitShares`,
 *   `waitShareTable` (LTTng-UST mpi_demo events), `clockOffsetNs` + `waitCoverage` (the kernel's busy-wait spans
 *   under the waits), `otf2Spec` + `otf2Arrows`/`otf2ArrowsTable` (Score-P OTF2 traces converted to CTF).
 */
export type * from './spec-types';
export { runStateView } from './engine';
export type { RunOptions, StateViewResult } from './engine';
export { SpecError } from './compile-env';
export { StateSystem } from './state-system';
export type { Interval } from './interval-store';
export type { Segment } from './segments';
export { Dbl, valueString } from './values';
export type { Value } from './values';
export { stateIntervals, segments } from './tables';
export type { IntervalTableOptions } from './tables';
export { timeGraphRows, rowStates, xySeries, sampleTimes, matchAttributes } from './views';
export type { TimeGraphRow, RowState, XySeries } from './views';
export { loadTcXml, tcAnalysis, extensionElements } from './xml/load';
export type { TcXmlDocument, TcXmlAnalysis, ImportedView, LoadOptions } from './xml/load';
export { TcXmlError } from './xml/dom';
export { ustMemorySpec } from './builtins/ust-memory';
export { mpiImbalanceSpec, rankActivity, waitShares, waitShareTable } from './builtins/mpi-imbalance';
export type { RankPhase, WaitShare } from './builtins/mpi-imbalance';
export { clockOffsetNs, waitCoverage } from './builtins/mpi-kernel';
export type { BusySpan, WaitCoverage } from './builtins/mpi-kernel';
export { otf2Spec } from './builtins/otf2';
export { otf2Arrows, otf2ArrowsTable, COLLECTIVE_OPS } from './builtins/otf2-arrows';
export type { MpiArrow } from './builtins/otf2-arrows';
