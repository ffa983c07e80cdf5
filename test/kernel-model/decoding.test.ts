/**
 * Unit tests of the kernel model's vocabulary: prev_state decoding per kernel/tracer scheme, the choice of scheme
 * from a trace's environment, and event-layout detection from event class names.
 */
import { detectLayout, Kind } from '../../src/analysis/kernel/layout';
import { PrevStateDecoder, prevStateDecoderFor } from '../../src/analysis/kernel/prev-state';
import { ThreadState } from '../../src/analysis/kernel/state-values';
import type { TraceInfo } from '../../src/analysis/trace/types';

const { WAIT_FOR_CPU: R, WAIT_BLOCKED: B, WAIT_UNKNOWN: U } = ThreadState;
const DEAD = undefined;

function trace(env: Record<string, string | bigint>): TraceInfo {
  return { index: 0, path: '', format: 'ctf', hostname: 'h', domain: 'kernel', tracer: '', streams: 1, env };
}

describe('prev_state decoding', () => {
  test('legacy (< 4.14, Trace Compass): preempt bit ignored, 64 = TASK_DEAD', () => {
    const d = new PrevStateDecoder('legacy');
    expect([0, 2048, 1024, 1, 2, 2 | 2048, 130, 64, 32, 16, 4, 8, 256].map(v => d.decode(v))).toEqual([
      R,
      R,
      R,
      B,
      B,
      B,
      B,
      DEAD,
      DEAD,
      DEAD,
      U,
      U,
      U
    ]);
    // before 3.9 TASK_STATE_MAX was 512: a preempted task is 512
    expect(new PrevStateDecoder('legacy', 511).decode(512)).toBe(R);
  });

  test('report (>= 4.14 tracepoint format, perf): 256 = preempted, 128 = idle kthread, 16/32 = dead', () => {
    const d = new PrevStateDecoder('report');
    expect([0, 256, 1, 2, 64, 128, 16, 32, 4, 8].map(v => d.decode(v))).toEqual([
      R,
      R,
      B,
      B,
      B,
      B,
      DEAD,
      DEAD,
      U,
      U
    ]);
    expect(d.scheme).toBe('report');
  });

  test('raw414 (>= 4.14 with lttng-modules < 2.11): 4096 = preempted, 1026 = TASK_IDLE, 128 = TASK_DEAD', () => {
    const d = new PrevStateDecoder('raw414');
    expect([4096, 0, 1, 1026, 258, 128, 64].map(v => d.decode(v))).toEqual([R, R, B, B, B, DEAD, B]);
  });

  test('a report decoder meeting a raw-only value (> 256) switches to raw414', () => {
    const d = new PrevStateDecoder('report');
    expect(d.decode(128)).toBe(B);
    expect(d.decode(1026)).toBe(B);
    expect(d.scheme).toBe('raw414');
    expect(d.decode(128)).toBe(DEAD);
  });

  test('scheme from the environment', () => {
    const lttng = (rel: string, minor: number) =>
      trace({
        kernel_release: rel,
        tracer_name: 'lttng-modules',
        tracer_major: 2n,
        tracer_minor: BigInt(minor)
      });
    expect(prevStateDecoderFor(trace({}), false).scheme).toBe('legacy');
    expect(prevStateDecoderFor(lttng('4.4.3-1-ARCH', 8), false).scheme).toBe('legacy');
    expect(prevStateDecoderFor(lttng('3.6.11-1-ARCH', 1), false).decode(512)).toBe(R);
    expect(prevStateDecoderFor(lttng('4.15.0-65-generic', 10), false).scheme).toBe('raw414');
    expect(prevStateDecoderFor(lttng('4.15.0-43-generic', 11), false).scheme).toBe('report');
    expect(prevStateDecoderFor(trace({ release: '6.18.44-fc-v782', tracer_name: 'perf' }), true).scheme).toBe(
      'report'
    );
    expect(prevStateDecoderFor(trace({ release: '3.10.92-stih418_family+' }), true).scheme).toBe('legacy');
  });
});

describe('event layouts', () => {
  test('LTTng >= 2.7 syscalls, 2.8 irq_softirq_* names, sched_waking family', () => {
    const l = detectLayout([
      'sched_switch',
      'sched_waking',
      'sched_wakeup',
      'sched_wakeup_new',
      'syscall_entry_read',
      'syscall_exit_read',
      'irq_softirq_entry',
      'compat_syscall_entry_open'
    ])!;
    expect(l.id).toBe('lttng');
    expect(l.role('syscall_entry_read')).toEqual({ kind: Kind.SYS_ENTRY, syscall: 'read' });
    expect(l.role('compat_syscall_entry_open')).toEqual({ kind: Kind.SYS_ENTRY, syscall: 'open' });
    expect(l.role('syscall_exit_read')).toEqual({ kind: Kind.SYS_EXIT, syscall: 'read' });
    expect(l.role('sched_waking')?.kind).toBe(Kind.WAKEUP);
    expect(l.role('sched_wakeup')).toBeUndefined(); // one wake-up family per trace
    expect(l.role('sched_wakeup_new')).toEqual({ kind: Kind.WAKEUP, isNew: true });
    expect(l.role('irq_softirq_entry')?.kind).toBe(Kind.SOFTIRQ_ENTRY);
    expect(l.role('softirq_entry')).toBeUndefined();
    expect(l.role('exit_syscall')).toBeUndefined();
  });

  test('LTTng < 2.7: sys_* entries and the generic exit_syscall; sched_wakeup family', () => {
    const l = detectLayout(['sched_switch', 'sched_wakeup', 'sys_open', 'exit_syscall', 'softirq_entry'])!;
    expect(l.role('sys_open')).toEqual({ kind: Kind.SYS_ENTRY, syscall: 'open' });
    expect(l.role('exit_syscall')).toEqual({ kind: Kind.SYS_EXIT });
    expect(l.role('sched_wakeup')?.kind).toBe(Kind.WAKEUP);
    expect(l.role('softirq_entry')?.kind).toBe(Kind.SOFTIRQ_ENTRY);
    expect(l.fields[Kind.SWITCH][0]).toBe('prev_tid');
  });

  test('perf: subsystem:name events, named and raw syscalls, per-event tid', () => {
    const l = detectLayout([
      'sched:sched_switch',
      'sched:sched_waking',
      'syscalls:sys_enter_openat',
      'syscalls:sys_exit_openat',
      'raw_syscalls:sys_enter',
      'perf_comm'
    ])!;
    expect(l.id).toBe('perf');
    expect(l.role('syscalls:sys_enter_openat')).toEqual({ kind: Kind.SYS_ENTRY, syscall: 'openat' });
    expect(l.role('syscalls:sys_exit_openat')).toEqual({ kind: Kind.SYS_EXIT, syscall: 'openat' });
    expect(l.role('raw_syscalls:sys_enter')).toEqual({ kind: Kind.SYS_ENTRY });
    expect(l.role('perf_comm')?.kind).toBe(Kind.PERF_COMM);
    expect(l.fields[Kind.SWITCH][0]).toBe('prev_pid');
    expect(l.fields[Kind.FORK]).toEqual(['parent_pid', 'child_pid', '', 'child_comm']);
    expect(l.currentTid).toEqual(['perf_tid', 'common_pid']);
  });

  test('no sched_switch: not a kernel trace', () => {
    expect(detectLayout(['lttng_ust_tracef:event', 'mpi_demo:compute_begin'])).toBeUndefined();
  });
});
