/**
 * tracelab's views in the kernel: analysis results turned into protocol payloads (control flow, resources,
 * critical path, VM views) with bounded snapshots, the per-view store serving finer data, and the `tracelab` comm
 * target.
 */
export { attachViewComm, type ICommLike } from './comm-target';
export {
  controlFlowData,
  controlFlowFromColumns,
  threadStateColumns,
  type IDictColumn,
  type IThreadStateColumns,
  type IViewData
} from './control-flow';
export { experimentThreadStateColumns, modelThreadStateColumns } from './control-flow-model';
export {
  customTimeGraphView,
  type IIntervalColumnsSpec,
  type ITimeGraphSpec,
  type RowSpec,
  type StateSpec
} from './custom-view';
export { criticalPathData, type ICriticalPathData } from './critical-path';
export { IntervalSource, type IIntervalColumnsRaw } from './interval-source';
export { CPU_LEGEND, EDGE_LEGEND, LINK_KINDS, THREAD_LEGEND } from './legends';
export { resourcesData } from './resources';
export { MAX_STATES, stateViewData, type IStateViewData } from './state-view-data';
export { StateViewRunner, type IStateViewQuery, type StateViewSource } from './state-views';
export { CriticalPathView, TimeGraphView, VIEW_DEFAULTS, type IViewOptions } from './timegraph-view';
export {
  controlFlowView,
  criticalPathView,
  resourcesView,
  type IViewContext,
  type IWindow
} from './trace-views';
export { MAX_REPLY_INTERVALS, ViewStore, viewStore } from './view-store';
export {
  MPI_KERNEL_LEGEND,
  mpiKernelData,
  mpiKernelView,
  ustKernelShiftNs,
  type IMpiKernelInput
} from './mpi-view';
export {
  guestPathPayload,
  vmCriticalPathTable,
  vmCriticalPathView,
  vmFusedView,
  vmGuestThreadsView,
  vmResourcesView,
  vmTableQuery,
  VM_VIEW_TABLES,
  type IVmPathQuery,
  type IVmTableQuery,
  type IVmViewQuery
} from './vm-views';
export { FUSED_LEGEND, GUEST_PATH_LEGEND, GUEST_THREAD_LEGEND, VCPU_LEGEND } from './vm-legends';
