/**
 * LTTng kernel event classes (names and payload fields as lttng-modules 2.13 writes them) used by the generated
 * host + guests experiment. Hosts declare the kvm and vmsync host events, guests the vmsync guest events and
 * syscalls, so the VM analysis tells them apart by their classes as it would on real traces.
 *
 * Scope: declarations only.
 */
import type { ClassDecl } from './ctf-writer';

const SCHED: ClassDecl[] = [
  {
    name: 'sched_switch',
    fields: [
      ['prev_comm', 'comm'],
      ['prev_tid', 'i32'],
      ['prev_prio', 'i32'],
      ['prev_state', 'i64'],
      ['next_comm', 'comm'],
      ['next_tid', 'i32'],
      ['next_prio', 'i32']
    ]
  },
  {
    name: 'sched_wakeup',
    fields: [
      ['comm', 'comm'],
      ['tid', 'i32'],
      ['prio', 'i32'],
      ['target_cpu', 'i32']
    ]
  },
  {
    name: 'lttng_statedump_process_state',
    fields: [
      ['tid', 'i32'],
      ['vtid', 'i32'],
      ['pid', 'i32'],
      ['vpid', 'i32'],
      ['ppid', 'i32'],
      ['vppid', 'i32'],
      ['name', 'comm'],
      ['type', 'i32'],
      ['mode', 'i32'],
      ['submode', 'i32'],
      ['status', 'i32'],
      ['ns_level', 'u32'],
      ['ns_inum', 'u32']
    ]
  }
];

const SYNC_FIELDS = [
  ['cnt', 'u32'],
  ['vm_uid', 'u64']
] as const;

export const HOST_CLASSES: readonly ClassDecl[] = [
  ...SCHED,
  { name: 'kvm_entry', fields: [['vcpu_id', 'u32']] },
  {
    name: 'kvm_exit',
    fields: [
      ['exit_reason', 'u32'],
      ['guest_rip', 'u64'],
      ['isa', 'u32'],
      ['info1', 'u64'],
      ['info2', 'u64']
    ]
  },
  { name: 'vmsync_gh_host', fields: SYNC_FIELDS },
  { name: 'vmsync_hg_host', fields: SYNC_FIELDS }
];

export const GUEST_CLASSES: readonly ClassDecl[] = [
  ...SCHED,
  { name: 'vmsync_gh_guest', fields: SYNC_FIELDS },
  { name: 'vmsync_hg_guest', fields: SYNC_FIELDS },
  {
    name: 'syscall_entry_gettimeofday',
    fields: [
      ['tv', 'u64'],
      ['tz', 'u64']
    ]
  },
  {
    name: 'syscall_exit_gettimeofday',
    fields: [
      ['ret', 'i64'],
      ['tv', 'u64'],
      ['tz', 'u64']
    ]
  }
];

/** kvm exit reasons (VMX basic exit reasons). */
export const EXIT = { EXTERNAL_INTERRUPT: 1, HLT: 12, VMCALL: 18 } as const;
