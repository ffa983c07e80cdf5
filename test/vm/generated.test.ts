/**
 * The VM analysis on a generated host + two guests CTF 1.8 experiment (`generator/scenario.ts`): babeltrace2 and
 * tracelab decode the same events; the skewed guest clocks are synchronised (quality accurate, every vmsync event
 * within 1 µs of its true time); guest1's 13 ms gettimeofday is attributed to guest2's `burner` thread; guest2's
 * `burner` is in turn preempted by the host's kworker; the vCPU that halts (HLT, thread blocked) is not preempted.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openExperiment } from '../../src/analysis/trace/open';
import type { Experiment } from '../../src/analysis/trace/types';
import { VCPU_PREEMPT, vcpuStateName, vmAnalysis } from '../../src/analysis/vm';
import type { PreemptionRow } from '../../src/analysis/vm';
import { apply } from '../../src/analysis/sync';
import { abs, BASE, guestClock, VM1, VM2, writeVmExperiment } from './generator/scenario';
import type { Truth } from './generator/scenario';

let dir: string;
let truth: Truth;
let exp: Experiment;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-vm-'));
  truth = writeVmExperiment(dir);
  exp = openExperiment([truth.dirs.host, truth.dirs.guest1, truth.dirs.guest2]);
});

afterAll(() => {
  exp.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** (ns, event name) of every event of one trace, as tracelab reads it. */
function tracelabEvents(trace: string): string[] {
  const e = openExperiment([trace]);
  const out: string[] = [];
  for (const b of e.batches()) {
    for (let i = 0; i < b.length; i++) out.push(`${b.ts[i]} ${e.eventClasses[b.classId[i]].name}`);
  }
  e.close();
  return out;
}

/** (ns, event name) as babeltrace2 prints them (`--clock-seconds`: seconds.nanoseconds from origin). */
function bt2Events(trace: string): string[] {
  const text = execFileSync('babeltrace2', ['--clock-seconds', '--no-delta', trace], { encoding: 'utf8' });
  return text
    .trim()
    .split('\n')
    .map(l => {
      const m = /^\[(\d+)\.(\d{9})\] \S+ (\w+):/.exec(l);
      if (!m) throw new Error(`unexpected babeltrace2 line: ${l}`);
      return `${BigInt(m[1]) * 1_000_000_000n + BigInt(m[2])} ${m[3]}`;
    });
}

test.each(['host', 'guest1', 'guest2'])('babeltrace2 and tracelab read the same events from %s', name => {
  const p = path.join(dir, name);
  const bt = bt2Events(p);
  expect(bt.length).toBeGreaterThan(50);
  expect(tracelabEvents(p)).toEqual(bt);
});

test('roles and bindings (vmsync_gh_host names the VM, kvm_entry the vCPU)', () => {
  const m = vmAnalysis(exp).model;
  expect(m.hosts.map(h => h.host)).toEqual(['host']);
  expect([...m.guests.keys()].sort()).toEqual(['guest1', 'guest2']);
  expect([...m.hosts[0].vcpuOfTid].sort((a, b) => a[0] - b[0])).toEqual([
    [2001, { vm: 'guest1', vcpu: 0 }],
    [3001, { vm: 'guest2', vcpu: 0 }]
  ]);
});

test('host and guest clocks are synchronised with quality accurate; guest events land within 1 µs', () => {
  const m = vmAnalysis(exp).model;
  for (const vm of [VM1, VM2]) {
    const s = m.syncs.find(x => x.guest === vm.name);
    expect(s?.quality).toBe('accurate');
    expect(s?.matches).toBeGreaterThanOrEqual(40);
    // true slope of guest → host is 1 / (1 + ppm): recovered to well under 1 ppm.
    expect(Math.abs((s?.transform.slope ?? 0) * (1 + Number(vm.ppm) / 1e6) - 1)).toBeLessThan(1e-6);
    for (const t of [BASE + 1_000_000n, BASE + 20_000_000n, BASE + 39_000_000n]) {
      const local = abs(guestClock(vm, t));
      const mapped = apply(s!.transform, local);
      expect(Number(mapped - abs(t))).toBeGreaterThan(-1000);
      expect(Number(mapped - abs(t))).toBeLessThan(1000);
    }
  }
});

/** Nanoseconds per cause over the rows overlapping [start, end). */
function byCause(rows: PreemptionRow[], start: bigint, end: bigint): Map<string, bigint> {
  const m = new Map<string, bigint>();
  for (const r of rows) {
    const a = r.start > start ? r.start : start;
    const b = r.end < end ? r.end : end;
    if (b > a) m.set(r.cause, (m.get(r.cause) ?? 0n) + (b - a));
  }
  return m;
}

test("guest1's long gettimeofday is attributed to guest2's burner thread", () => {
  const a = vmAnalysis(exp);
  const g1 = a.model.syncs.find(s => s.guest === 'guest1')!;
  // The long syscall (the last one) as guest1 saw it, mapped to host time.
  let entry = 0n;
  let exit = 0n;
  const e1 = openExperiment([truth.dirs.guest1]);
  for (const b of e1.batches()) {
    for (let i = 0; i < b.length; i++) {
      const name = e1.eventClasses[b.classId[i]].name;
      if (name === 'syscall_entry_gettimeofday') entry = apply(g1.transform, b.ts[i]);
      if (name === 'syscall_exit_gettimeofday') exit = apply(g1.transform, b.ts[i]);
    }
  }
  e1.close();
  expect(Number(exit - entry)).toBeGreaterThan(13_000_000);
  expect(Number(entry - truth.longSyscall.start)).toBeLessThan(1000);
  const rows = a.preemption.filter(r => r.vm === 'guest1' && r.tid === 1200 && r.state === 'preempted');
  const causes = byCause(rows, entry, exit);
  const burner = causes.get('vm guest2 vcpu 0 tid 1500 (burner)') ?? 0n;
  const total = [...causes.values()].reduce((x, y) => x + y, 0n);
  // guest2's vCPU is in guest mode running burner on CPU 1 for 13 ms minus its own exits (13 timer + 13 vmsync).
  expect(burner).toBe(13_000_000n - 13n * 3000n - 13n * 1500n);
  expect(total).toBe(truth.preempted.end - truth.preempted.start);
  expect([...causes.keys()].sort()).toEqual([
    'vm guest2 vcpu 0 in hypervisor (host tid 3001)',
    'vm guest2 vcpu 0 tid 1500 (burner)'
  ]);
  const r0 = rows.find(r => r.causeKind === 'vm-thread')!;
  expect(r0).toMatchObject({ causeVm: 'guest2', causeVcpu: 0, causeTid: 1500, causeComm: 'burner', cpu: 1 });
});

test("guest2's burner is preempted by the host's kworker on CPU 0 [24.002, 25.003) ms", () => {
  const rows = vmAnalysis(exp).preemption.filter(r => r.vm === 'guest2' && r.causeKind === 'host-thread');
  expect(rows.map(r => [r.tid, r.start - abs(BASE), r.end - abs(BASE), r.cause, r.cpu])).toEqual([
    [1500, 24_002_000n, 25_003_000n, 'host host tid 500 (kworker/0:1)', 0]
  ]);
});

test('the halted vCPU (HLT exit, thread blocked) is idle in the hypervisor, not preempted', () => {
  const a = vmAnalysis(exp);
  const t = abs(BASE + 11_000_000n);
  const r = a.vcpuStates.find(x => x.vm === 'guest1' && x.start <= t && t < x.end)!;
  expect(vcpuStateName(r.state)).toBe('idle|vmm');
  expect(r.state & VCPU_PREEMPT).toBe(0);
  expect([r.start - abs(BASE), r.end - abs(BASE)]).toEqual([10_002_000n, 12_004_000n]);
});

test('fused CPU 1 shows guest2 burner while guest1 waits', () => {
  const a = vmAnalysis(exp);
  const mid = abs(BASE + 30_000_000n);
  const f = a.fused.find(r => r.cpu === 1 && r.start <= mid && mid < r.end)!;
  expect(f).toMatchObject({
    vm: 'guest2',
    vcpu: 0,
    tid: 1500,
    comm: 'burner',
    hostTid: 3001,
    state: 'guest'
  });
  const overhead = a.overhead.find(r => r.vm === 'guest1' && r.tid === 1200 && r.state === 'preempted');
  expect(overhead?.ns).toBe(truth.preempted.end - truth.preempted.start);
});
