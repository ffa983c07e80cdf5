/**
 * Decoding of `sched_switch.prev_state` into the state of the thread switched out.
 *
 * The encoding depends on the kernel and the tracer:
 * - `legacy` (kernels < 4.14, any tracer; also Trace Compass stubs): the raw `task->state`, preemption marked by
 *   the TASK_STATE_MAX bit (512 before 3.9, 1024 until 4.1, 2048 until 4.13). Trace Compass masks with
 *   TASK_NOLOAD-1 (1023); bits: 1 S, 2 D, 4 T, 8 t, 16 EXIT_DEAD, 32 EXIT_ZOMBIE, 64 TASK_DEAD.
 * - `report` (kernels >= 4.14 through the kernel's tracepoint, i.e. perf, and lttng-modules >= 2.11): one bit of the
 *   TASK_REPORT set: 0 R, 1 S, 2 D, 4 T, 8 t, 16 X, 32 Z, 64 P (parked), 128 I (idle kthread), 256 preempted (R+).
 * - `raw414` (kernels >= 4.14 with older lttng-modules, e.g. 2.10): the raw state again, with the 4.14 bit layout:
 *   64 P, 128 TASK_DEAD, 256 WAKEKILL, 512 WAKING, 1024 NOLOAD, 2048 NEW, 4096 TASK_STATE_MAX (preempted).
 * A `report` decoder that meets a value only the raw layout produces (> 256) switches itself to `raw414`.
 */
import { ThreadState } from './state-values';
import type { ThreadStateValue } from './state-values';
import type { TraceInfo } from '../trace/types';

export type PrevStateScheme = 'legacy' | 'report' | 'raw414';

/** Result of a decode: the new state, or `undefined` when the thread is dead. */
export type PrevStateResult = ThreadStateValue | undefined;

function decodeLegacy(v: number, mask: number): PrevStateResult {
  const s = v & mask;
  if (s === 0) return ThreadState.WAIT_FOR_CPU;
  if (s & 3) return ThreadState.WAIT_BLOCKED;
  if (s & (16 | 32 | 64)) return undefined;
  return ThreadState.WAIT_UNKNOWN;
}

function decodeReport(v: number): PrevStateResult {
  if (v === 0 || v & 256) return ThreadState.WAIT_FOR_CPU;
  if (v & (1 | 2 | 64 | 128)) return ThreadState.WAIT_BLOCKED;
  if (v & (16 | 32)) return undefined;
  return ThreadState.WAIT_UNKNOWN;
}

function decodeRaw414(v: number): PrevStateResult {
  if (v & 4096) return ThreadState.WAIT_FOR_CPU;
  const s = v & 0xff;
  if (s === 0) return ThreadState.WAIT_FOR_CPU;
  if (s & (1 | 2)) return ThreadState.WAIT_BLOCKED;
  if (s & (16 | 32 | 128)) return undefined;
  if (s & 64) return ThreadState.WAIT_BLOCKED;
  return ThreadState.WAIT_UNKNOWN;
}

/** A stateful decoder for one trace. */
export class PrevStateDecoder {
  constructor(
    public scheme: PrevStateScheme,
    private readonly legacyMask = 1023
  ) {}

  decode(value: number): PrevStateResult {
    const v = Number.isFinite(value) ? value : 0;
    switch (this.scheme) {
      case 'legacy':
        return decodeLegacy(v, this.legacyMask);
      case 'raw414':
        return decodeRaw414(v);
      case 'report':
        if (v > 256) {
          this.scheme = 'raw414';
          return decodeRaw414(v);
        }
        return decodeReport(v);
    }
  }
}

/** Kernel `major.minor` from a release string like `4.4.3-1-ARCH`, or undefined. */
export function kernelVersion(release: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function before(v: [number, number], major: number, minor: number): boolean {
  return v[0] < major || (v[0] === major && v[1] < minor);
}

/** Picks the decoder for a trace from its environment (kernel release, tracer name and version). */
export function prevStateDecoderFor(trace: TraceInfo, isPerf: boolean): PrevStateDecoder {
  const rel = trace.env.kernel_release ?? trace.env.release;
  const ver = typeof rel === 'string' ? kernelVersion(rel) : undefined;
  if (ver === undefined) return new PrevStateDecoder('legacy');
  if (before(ver, 3, 9)) return new PrevStateDecoder('legacy', 511);
  if (before(ver, 4, 14)) return new PrevStateDecoder('legacy');
  if (isPerf) return new PrevStateDecoder('report');
  const major = Number(trace.env.tracer_major ?? 0);
  const minor = Number(trace.env.tracer_minor ?? 0);
  return new PrevStateDecoder(major > 2 || (major === 2 && minor >= 11) ? 'report' : 'raw414');
}
