/**
 * Row ids shared by every view of an experiment, so the control flow, resources and critical-path views can
 * follow the same thread: `h:<host>`, `p:<host>:<pid>`, `t:<host>:<tid>`, `c:<host>:<cpu>`, `k:<host>:<cpu>`
 * (a kernel worker of the critical path).
 */

export const hostRowId = (host: string): string => `h:${host}`;
export const processRowId = (host: string, pid: number): string => `p:${host}:${pid}`;
export const threadRowId = (host: string, tid: number): string => `t:${host}:${tid}`;
export const cpuRowId = (host: string, cpu: number): string => `c:${host}:${cpu}`;
export const kernelWorkerRowId = (host: string, cpu: number): string => `k:${host}:${cpu}`;
