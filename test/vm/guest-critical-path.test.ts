/**
 * The guest critical path (vCPU preemption and hypervisor time as their own states), against values worked out
 * from the events:
 * - generated experiment (`generator/scenario.ts`), app (guest1 tid 1200) over its long gettimeofday, true (host)
 *   times [25, 38.0092] ms: RUNNING until guest1's vCPU exits at 25.001 (external interrupt), VMM until its thread
 *   is switched out at 25.003, VCPU_PREEMPTED until it is switched back in at 38.007 — guest2's vCPU thread runs
 *   there: in the hypervisor [25.003, 25.005), then `burner` in guest mode except 13 timer exits (3 µs) and 13
 *   vmsync exits (1.5 µs), in the hypervisor again [38.005, 38.007) — then VMM until kvm_entry at 38.009, RUNNING
 *   to the syscall's end.
 * - OneQemuKvm stub, thread 131 over [75, 175]: running, VMM (exit 32) at 95, preempted by host thread 30 in
 *   [100, 150), VMM until the kvm_entry at 155, running.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openExperiment } from '../../src/analysis/trace/open';
import type { Experiment } from '../../src/analysis/trace/types';
import { guestCriticalPath, guestCriticalPathTable, vmAnalysis } from '../../src/analysis/vm';
import type { GuestPathSegment } from '../../src/analysis/vm';
import { run } from '../cli/capture';
import { abs, BASE, writeVmExperiment } from './generator/scenario';
import type { Truth } from './generator/scenario';

const US = 1000n;
const MS = 1_000_000n;
const at = (t: bigint): bigint => abs(BASE + t);

let dir: string;
let truth: Truth;
let exp: Experiment;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-vm-path-'));
  truth = writeVmExperiment(dir);
  exp = openExperiment([truth.dirs.host, truth.dirs.guest1, truth.dirs.guest2]);
});

afterAll(() => {
  exp.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** ns per `state: cause` (cause '' for RUNNING). */
function byStateCause(segs: readonly GuestPathSegment[]): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const s of segs) {
    const k = s.cause ? `${s.state}: ${s.cause}` : s.state;
    out[k] = (out[k] ?? 0n) + (s.end - s.start);
  }
  return out;
}

function contiguous(segs: readonly GuestPathSegment[], start: bigint, end: bigint): void {
  expect(segs[0].start).toBe(start);
  expect(segs[segs.length - 1].end).toBe(end);
  for (let k = 1; k < segs.length; k++) expect(segs[k].start).toBe(segs[k - 1].end);
}

test("app's long gettimeofday: 13.004 ms VCPU_PREEMPTED, 12.9415 ms of it by guest2's burner", () => {
  const start = truth.longSyscall.start;
  const end = truth.longSyscall.end;
  const p = guestCriticalPath(exp, { tid: 1200, start, end });
  expect(p.vm).toBe('guest1');
  contiguous(p.segments, start, end);
  expect(new Set(p.segments.map(s => `${s.host}/${s.tid}`))).toEqual(new Set(['guest1/1200']));
  expect(byStateCause(p.segments)).toEqual({
    RUNNING: 1000n + 200n,
    'VMM: exit_reason 1 (EXTERNAL_INTERRUPT)': 2000n + 2000n,
    'VCPU_PREEMPTED: vm guest2 vcpu 0 tid 1500 (burner)': 13n * MS - 13n * 3000n - 13n * 1500n,
    'VCPU_PREEMPTED: vm guest2 vcpu 0 in hypervisor (host tid 3001)': 2000n + 13n * 4500n + 2000n
  });
  const s = p.segments;
  expect([s[0].state, s[0].end]).toEqual(['RUNNING', at(25n * MS + 1n * US)]);
  expect([s[1].state, s[1].start, s[1].end, s[1].reason]).toEqual([
    'VMM',
    at(25n * MS + 1n * US),
    at(25n * MS + 3n * US),
    1
  ]);
  const pre = s.filter(x => x.state === 'VCPU_PREEMPTED');
  expect([pre[0].start, pre[pre.length - 1].end]).toEqual([truth.preempted.start, truth.preempted.end]);
  expect(pre.find(x => x.causeKind === 'vm-thread')).toMatchObject({
    causeVm: 'guest2',
    causeVcpu: 0,
    causeTid: 1500,
    causeComm: 'burner',
    vcpu: 0
  });
  expect(s[s.length - 1]).toMatchObject({ state: 'RUNNING', start: at(38n * MS + 9n * US) });
});

test('the window in the guest clock (the syscall events as guest1 recorded them) gives the same attribution', () => {
  const e1 = openExperiment([truth.dirs.guest1]);
  const ts: bigint[] = [];
  for (const b of e1.batches()) {
    for (let i = 0; i < b.length; i++) {
      if (e1.eventClasses[b.classId[i]].name.startsWith('syscall_')) ts.push(b.ts[i]);
    }
  }
  e1.close();
  const [start, end] = ts.slice(-2);
  const p = guestCriticalPath(exp, { tid: 1200, vm: 'guest1', start, end, clock: 'guest' });
  const c = byStateCause(p.segments);
  expect(c['VCPU_PREEMPTED: vm guest2 vcpu 0 tid 1500 (burner)']).toBe(12_941_500n);
  // the mapped syscall bounds are within 1 µs of the true ones
  expect(Math.abs(Number(p.start - truth.longSyscall.start))).toBeLessThan(1000);
  expect(Math.abs(Number(p.end - truth.longSyscall.end))).toBeLessThan(1000);
});

test('the default window covers the thread from its first switch to the end, with the HLT sleep BLOCKED', () => {
  const p = guestCriticalPath(exp, { tid: 1200 });
  expect(p.end).toBe(vmAnalysis(exp).model.end);
  const c = byStateCause(p.segments);
  expect(c['VCPU_PREEMPTED: vm guest2 vcpu 0 tid 1500 (burner)']).toBe(12_941_500n);
  // app blocks at 10 ms in guest1 and is woken at 12.005 ms (guest clock mapped: within 1 µs)
  const blocked = p.segments.filter(s => s.state === 'BLOCKED');
  expect(blocked).toHaveLength(1);
  expect(Math.abs(Number(blocked[0].start - at(10n * MS)))).toBeLessThan(1000);
});

test('the Arrow table has the cause columns', () => {
  const p = guestCriticalPath(exp, { tid: 1200, start: truth.longSyscall.start, end: truth.longSyscall.end });
  const t = guestCriticalPathTable(p.segments);
  expect(t.schema.fields.map(f => f.name)).toEqual([
    'seq',
    'host',
    'tid',
    'name',
    'start',
    'end',
    'state',
    'vcpu',
    'cause_kind',
    'cause',
    'cause_vm',
    'cause_vcpu',
    'cause_tid',
    'cause_comm',
    'exit_reason'
  ]);
  expect(t.numRows).toBe(p.segments.length);
  const row = t.get(1)!.toJSON();
  expect(row).toMatchObject({ seq: 1, state: 'VMM', exit_reason: 1n, name: 'app' });
});

const STUB = path.join(
  process.cwd(),
  '..',
  'shared',
  'traces',
  'tracecompass-stubs',
  'incubator-vm',
  'vm',
  'OneQemuKvm'
);
const STUB_EXP = [path.join(STUB, 'host.xml'), path.join(STUB, 'guest.xml')];

test('OneQemuKvm: thread 131 over [75, 175] is preempted by host thread 30 in [100, 150)', () => {
  const e = openExperiment(STUB_EXP);
  try {
    for (const sync of [false, true]) {
      const p = guestCriticalPath(e, { tid: 131, start: 75n, end: 175n }, { sync });
      expect(p.segments.map(s => `${s.start}-${s.end} ${s.state} ${s.cause}`.trim())).toEqual([
        '75-95 RUNNING',
        '95-100 VMM exit_reason 32 (MSR_WRITE)',
        '100-150 VCPU_PREEMPTED host host.xml tid 30 (any)',
        '150-155 VMM exit_reason 32 (MSR_WRITE)',
        '155-175 RUNNING'
      ]);
    }
  } finally {
    e.close();
  }
});

test('CLI: analyze vm --table guest-critical-path --tid 131, and vm-guest-critical-path needs --tid', async () => {
  const r = await run(['analyze', 'vm', '--table', 'guest-critical-path', '--tid', '131', ...STUB_EXP]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const rows = r.stdout
    .trim()
    .split('\n')
    .map(l => JSON.parse(l) as Record<string, unknown>);
  const pre = rows.filter(o => o.state === 'VCPU_PREEMPTED');
  expect(pre.map(o => [o.tid, o.start, o.end, o.cause_kind, o.cause_tid])).toEqual([
    [131, 100, 150, 'host-thread', 30]
  ]);
  const bad = await run(['analyze', 'vm-guest-critical-path', ...STUB_EXP]);
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toMatch(/needs --tid/);
});
