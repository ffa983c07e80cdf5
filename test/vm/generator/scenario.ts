/**
 * Generates a host + two guests LTTng-like CTF 1.8 experiment (`writeVmExperiment(dir)`): the seed's story of a
 * gettimeofday() that takes 13 ms instead of 200 ns.
 *
 * Host `host` (2 CPUs): vCPU threads 2001 (VM `guest1`, qemu pid 2000, vm_uid 1001) and 3001 (VM `guest2`, pid
 * 3000, vm_uid 1002), host worker 500. Guest1's `app` (tid 1200) runs on guest1's vCPU 0 (host CPU 1); guest2's
 * `burner` (tid 1500) on guest2's vCPU 0 (host CPU 0). At 24 ms the host's kworker preempts guest2's vCPU thread
 * on CPU 0; at 25 ms `app` enters gettimeofday, guest1's vCPU exits (external interrupt) and its thread is switched
 * out on CPU 1 in favour of guest2's vCPU thread, which runs `burner` there until 38.005 ms; `app`'s syscall ends
 * at 38.0092 ms. Also: a HLT exit while guest1 sleeps [10, 12) ms (vCPU thread blocks: not a preemption), timer
 * exits every ms, one vmsync round (gh/hg hypercall pair) per ms and VM, a 200 ns gettimeofday at 5.1 ms.
 * Guest clocks are skewed on purpose: guest1 runs 50 ppm fast and 3.2 ms ahead, guest2 30 ppm slow and 1.7 ms
 * behind. Times in `Truth` are true (host clock) ns as readers report them.
 *
 * Scope: the scenario; encoding is `ctf-writer.ts`.
 */
import * as path from 'path';
import { writeTrace } from './ctf-writer';
import type { GenEvent } from './ctf-writer';
import { EXIT, GUEST_CLASSES, HOST_CLASSES } from './lttng-classes';

const US = 1000n;
const MS = 1_000_000n;
/** Clock origin offset of every trace (metadata `offset_s`). */
export const OFFSET_S = 1_700_000_000;
/** True time of the scenario's origin (ns from the clock origin; guests skew their local times from it). */
export const BASE = 1_000_000_000n;
/** Absolute ns (as readers report them) of a host-clock value. */
export const abs = (t: bigint): bigint => BigInt(OFFSET_S) * 1_000_000_000n + t;

export interface VmSpec {
  name: string;
  uid: number;
  pid: number;
  vcpuTid: number;
  ppm: bigint;
  offsetNs: bigint;
}

export const VM1: VmSpec = {
  name: 'guest1',
  uid: 1001,
  pid: 2000,
  vcpuTid: 2001,
  ppm: 50n,
  offsetNs: 3_200_000n
};
export const VM2: VmSpec = {
  name: 'guest2',
  uid: 1002,
  pid: 3000,
  vcpuTid: 3001,
  ppm: -30n,
  offsetNs: -1_700_000n
};

/** A guest's local clock for true time `t`. */
export function guestClock(vm: VmSpec, t: bigint): bigint {
  return t + (t * vm.ppm) / 1_000_000n + vm.offsetNs;
}

export interface Truth {
  /** gettimeofday of app (guest1 tid 1200), true times. */
  longSyscall: { start: bigint; end: bigint };
  /** When guest2's vCPU thread runs burner on CPU 1 (guest mode), true times. */
  burnerOnCpu1: { start: bigint; end: bigint };
  /** guest1's vCPU thread is switched out runnable on CPU 1. */
  preempted: { start: bigint; end: bigint };
  durationMs: number;
  dirs: { host: string; guest1: string; guest2: string };
}

/** A window of guest mode of one vCPU on one host CPU: [start, end), left with `reason` (none at the end). */
interface Window {
  cpu: number;
  start: bigint;
  end: bigint;
  reason?: number;
}

class Machine {
  readonly events: GenEvent[] = [];
  ev(ts: bigint, cpu: number, name: string, values: GenEvent['values'] = {}): void {
    this.events.push({ ts: BASE + ts, cpu, name, values });
  }
  sw(ts: bigint, cpu: number, prev: [number, string, number], next: [number, string]): void {
    this.ev(ts, cpu, 'sched_switch', {
      prev_comm: prev[1],
      prev_tid: prev[0],
      prev_prio: 20,
      prev_state: prev[2],
      next_comm: next[1],
      next_tid: next[0],
      next_prio: 20
    });
  }
  sorted(): GenEvent[] {
    return this.events.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  }
}

/** Timer exits (3 µs) at k ms + 250 µs and vmsync rounds at k ms + `syncAt` inside each guest-mode window. */
function runWindows(host: Machine, guest: Machine, vm: VmSpec, windows: Window[], syncAt: bigint): void {
  let cnt = 0;
  const exit = (ts: bigint, cpu: number, reason: number): void =>
    host.ev(ts, cpu, 'kvm_exit', { exit_reason: reason, guest_rip: 0xffffffff81000000n, isa: 1 });
  for (const w of windows) {
    host.ev(w.start, w.cpu, 'kvm_entry', { vcpu_id: 0 });
    for (let k = w.start / MS; k * MS < w.end; k++) {
      const timer = k * MS + 250n * US;
      if (timer > w.start + 5n * US && timer + 8n * US < w.end) {
        exit(timer, w.cpu, EXIT.EXTERNAL_INTERRUPT);
        host.ev(timer + 3n * US, w.cpu, 'kvm_entry', { vcpu_id: 0 });
      }
      const t = k * MS + syncAt;
      if (t > w.start + 5n * US && t + 5n * US < w.end) {
        const sync = { vm_uid: BigInt(vm.uid) };
        guest.ev(t - 500n, 0, 'vmsync_gh_guest', { ...sync, cnt: ++cnt });
        exit(t, w.cpu, EXIT.VMCALL);
        host.ev(t + 600n, w.cpu, 'vmsync_gh_host', { ...sync, cnt });
        host.ev(t + 1000n, w.cpu, 'vmsync_hg_host', { ...sync, cnt: ++cnt });
        host.ev(t + 1500n, w.cpu, 'kvm_entry', { vcpu_id: 0 });
        guest.ev(t + 1900n, 0, 'vmsync_hg_guest', { ...sync, cnt });
      }
    }
    if (w.reason !== undefined) exit(w.end, w.cpu, w.reason);
  }
}

function statedump(m: Machine, rows: [number, number, string][]): void {
  rows.forEach(([tid, pid, name], i) =>
    m.ev(BigInt(i), 0, 'lttng_statedump_process_state', {
      tid,
      vtid: tid,
      pid,
      vpid: pid,
      ppid: 1,
      vppid: 1,
      name,
      status: 5,
      ns_inum: 4026531836
    })
  );
}

const QEMU = 'CPU 0/KVM';

function hostSched(host: Machine): void {
  statedump(host, [
    [500, 500, 'kworker/0:1'],
    [2000, 2000, 'qemu-guest1'],
    [2001, 2000, QEMU],
    [3000, 3000, 'qemu-guest2'],
    [3001, 3000, QEMU]
  ]);
  host.sw(10n * US, 0, [0, 'swapper/0', 0], [3001, QEMU]);
  host.sw(10n * US, 1, [0, 'swapper/1', 0], [2001, QEMU]);
  // guest1 halts while app sleeps: its vCPU thread blocks (not a preemption).
  host.sw(10n * MS + 4n * US, 1, [2001, QEMU, 1], [0, 'swapper/1']);
  host.ev(12n * MS, 1, 'sched_wakeup', { comm: QEMU, tid: 2001, prio: 20, target_cpu: 1 });
  host.sw(12n * MS + 2n * US, 1, [0, 'swapper/1', 0], [2001, QEMU]);
  // kworker preempts guest2's vCPU thread on CPU 0.
  host.ev(24n * MS, 0, 'sched_wakeup', { comm: 'kworker/0:1', tid: 500, prio: 20, target_cpu: 0 });
  host.sw(24n * MS + 2n * US, 0, [3001, QEMU, 0], [500, 'kworker/0:1']);
  // guest2's vCPU thread migrates to CPU 1 and preempts guest1's vCPU thread.
  host.sw(25n * MS + 3n * US, 1, [2001, QEMU, 0], [3001, QEMU]);
  host.sw(38n * MS + 7n * US, 1, [3001, QEMU, 0], [2001, QEMU]);
  host.sw(38n * MS + 8n * US, 0, [500, 'kworker/0:1', 1], [3001, QEMU]);
}

function guest1Events(g: Machine): void {
  statedump(g, [[1200, 1200, 'app']]);
  g.sw(15n * US, 0, [0, 'swapper/0', 0], [1200, 'app']);
  g.ev(5n * MS + 100n * US, 0, 'syscall_entry_gettimeofday', { tv: 0x7ffd0000n, tz: 0n });
  g.ev(5n * MS + 100n * US + 200n, 0, 'syscall_exit_gettimeofday', { ret: 0n, tv: 0x7ffd0000n, tz: 0n });
  g.sw(10n * MS, 0, [1200, 'app', 1], [0, 'swapper/0']);
  g.ev(12n * MS + 5n * US, 0, 'sched_wakeup', { comm: 'app', tid: 1200, prio: 20, target_cpu: 0 });
  g.sw(12n * MS + 6n * US, 0, [0, 'swapper/0', 0], [1200, 'app']);
  g.ev(25n * MS, 0, 'syscall_entry_gettimeofday', { tv: 0x7ffd0000n, tz: 0n });
  g.ev(38n * MS + 9n * US + 200n, 0, 'syscall_exit_gettimeofday', { ret: 0n, tv: 0x7ffd0000n, tz: 0n });
}

function guest2Events(g: Machine): void {
  statedump(g, [
    [1500, 1500, 'burner'],
    [1501, 1501, 'sshd']
  ]);
  g.sw(20n * US, 0, [0, 'swapper/0', 0], [1500, 'burner']);
  g.sw(5n * MS, 0, [1500, 'burner', 0], [1501, 'sshd']);
  g.sw(7n * MS, 0, [1501, 'sshd', 1], [1500, 'burner']);
}

/** Applies the guest's skewed clock to its events (written in true time). */
function skew(m: Machine, vm: VmSpec): GenEvent[] {
  return m.sorted().map(e => ({ ...e, ts: guestClock(vm, e.ts) }));
}

/** Writes `host/`, `guest1/`, `guest2/` under `dir`; `durationMs` >= 40 (longer runs add periodic exits/syncs). */
export function writeVmExperiment(dir: string, durationMs = 40): Truth {
  const end = BigInt(Math.max(40, durationMs)) * MS;
  const host = new Machine();
  const g1 = new Machine();
  const g2 = new Machine();
  hostSched(host);
  runWindows(
    host,
    g1,
    VM1,
    [
      { cpu: 1, start: 12n * US, end: 10n * MS + 2n * US, reason: EXIT.HLT },
      { cpu: 1, start: 12n * MS + 4n * US, end: 25n * MS + 1n * US, reason: EXIT.EXTERNAL_INTERRUPT },
      { cpu: 1, start: 38n * MS + 9n * US, end }
    ],
    500n * US
  );
  runWindows(
    host,
    g2,
    VM2,
    [
      { cpu: 0, start: 12n * US, end: 24n * MS, reason: EXIT.EXTERNAL_INTERRUPT },
      { cpu: 1, start: 25n * MS + 5n * US, end: 38n * MS + 5n * US, reason: EXIT.EXTERNAL_INTERRUPT },
      { cpu: 0, start: 38n * MS + 12n * US, end }
    ],
    600n * US
  );
  guest1Events(g1);
  guest2Events(g2);
  const dirs = {
    host: path.join(dir, 'host'),
    guest1: path.join(dir, 'guest1'),
    guest2: path.join(dir, 'guest2')
  };
  const offsetS = OFFSET_S;
  writeTrace(dirs.host, { hostname: 'host', classes: HOST_CLASSES, events: host.sorted(), cpus: 2, offsetS });
  writeTrace(dirs.guest1, {
    hostname: VM1.name,
    classes: GUEST_CLASSES,
    events: skew(g1, VM1),
    cpus: 1,
    offsetS
  });
  writeTrace(dirs.guest2, {
    hostname: VM2.name,
    classes: GUEST_CLASSES,
    events: skew(g2, VM2),
    cpus: 1,
    offsetS
  });
  return {
    longSyscall: { start: abs(BASE + 25n * MS), end: abs(BASE + 38n * MS + 9n * US + 200n) },
    burnerOnCpu1: { start: abs(BASE + 25n * MS + 5n * US), end: abs(BASE + 38n * MS + 5n * US) },
    preempted: { start: abs(BASE + 25n * MS + 3n * US), end: abs(BASE + 38n * MS + 7n * US) },
    durationMs: Number(end / MS),
    dirs
  };
}
