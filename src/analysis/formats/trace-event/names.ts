/**
 * Process and thread names of a trace-event trace, from the metadata events kept in its environment
 * (`process_name:<pid>`, `thread_name:<pid>:<tid>`, see `trace-event-source.ts`).
 */
import type { TraceInfo } from '../../trace/types';

export interface TraceEventNames {
  /** pid → process name */
  readonly processes: Map<number, string>;
  /** `pid:tid` → thread name */
  readonly threads: Map<string, string>;
}

export function threadNames(info: TraceInfo): TraceEventNames {
  const processes = new Map<number, string>();
  const threads = new Map<string, string>();
  for (const [k, v] of Object.entries(info.env)) {
    if (typeof v !== 'string') continue;
    const p = /^process_name:(-?\d+)$/.exec(k);
    if (p !== null) processes.set(Number(p[1]), v);
    const t = /^thread_name:(-?\d+):(-?\d+)$/.exec(k);
    if (t !== null) threads.set(`${t[1]}:${t[2]}`, v);
  }
  return { processes, threads };
}
