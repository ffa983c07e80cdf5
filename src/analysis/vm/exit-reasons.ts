/**
 * Names of the kvm exit reasons as `kvm_exit(exit_reason)` records them on Intel VMX (isa 1): the basic exit
 * reasons of the Intel SDM (appendix C), spelled as Linux's `vmx.h` does. Unknown codes (and AMD SVM's exit codes)
 * are shown by number only.
 *
 * Scope: a lookup table and a label helper.
 */

const VMX_EXIT_REASONS: Readonly<Record<number, string>> = {
  0: 'EXCEPTION_NMI',
  1: 'EXTERNAL_INTERRUPT',
  2: 'TRIPLE_FAULT',
  7: 'INTERRUPT_WINDOW',
  8: 'NMI_WINDOW',
  9: 'TASK_SWITCH',
  10: 'CPUID',
  12: 'HLT',
  14: 'INVLPG',
  15: 'RDPMC',
  16: 'RDTSC',
  18: 'VMCALL',
  28: 'CR_ACCESS',
  29: 'DR_ACCESS',
  30: 'IO_INSTRUCTION',
  31: 'MSR_READ',
  32: 'MSR_WRITE',
  36: 'MWAIT_INSTRUCTION',
  40: 'PAUSE_INSTRUCTION',
  44: 'APIC_ACCESS',
  45: 'EOI_INDUCED',
  48: 'EPT_VIOLATION',
  49: 'EPT_MISCONFIG',
  52: 'PREEMPTION_TIMER',
  54: 'WBINVD',
  55: 'XSETBV',
  56: 'APIC_WRITE'
};

/** The VMX name of an exit reason, or undefined. */
export function exitReasonName(reason: number): string | undefined {
  return VMX_EXIT_REASONS[reason];
}

/** `exit_reason 12 (HLT)`, `exit_reason 99`, or `exit_reason ?` when unknown (NaN). */
export function exitReasonLabel(reason: number): string {
  if (!Number.isFinite(reason)) return 'exit_reason ?';
  const name = exitReasonName(reason);
  return name === undefined ? `exit_reason ${reason}` : `exit_reason ${reason} (${name})`;
}
