/**
 * The VM views through the notebook API (`Trace.vmResources()`, `vmGuestThreads()`, `vmFused()`,
 * `vmCriticalPathView()`, `vm()`): payloads pass the protocol validators and display with the SVG and text
 * fallbacks; the full-resolution intervals (the view store's source) hold the values worked out from the events:
 * - generated experiment: guest1's vCPU 0 is PREEMPT over [25.003, 38.007) ms with guest2's burner as the main
 *   cause; app (guest1 tid 1200) shows VCPU_PREEMPTED over the same interval inside its gettimeofday, VCPU_VMM
 *   around it; fused CPU 1 runs guest2's burner at 30 ms; guest2's burner is preempted by the host's kworker.
 * - OneQemuKvm stub: the vCPU row's states follow the vCPU-state table (PREEMPT in [100, 150) and [300, 350) by
 *   host thread 30, VMM with exit reason 32).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openExperiment } from '../../src/analysis/trace/open';
import { Trace } from '../../src/kernel-bridge/api/trace';
import { DISPLAY } from '../../src/kernel-bridge/api/mime-bundle';
import type { IntervalSource } from '../../src/kernel-bridge/views/interval-source';
import type { TimeGraphView } from '../../src/kernel-bridge/views/timegraph-view';
import { ViewStore } from '../../src/kernel-bridge/views/view-store';
import {
  CRITICALPATH_MIME_TYPE,
  TIMEGRAPH_MIME_TYPE,
  validateCriticalPathPayload,
  validateTimeGraphPayload
} from '../../src/protocol';
import { abs, BASE, writeVmExperiment } from './generator/scenario';
import type { Truth } from './generator/scenario';

const US = 1000n;
const MS = 1_000_000n;
const at = (t: bigint): bigint => abs(BASE + t);

let dir: string;
let truth: Truth;
let t: Trace;
const store = new ViewStore();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-vm-views-'));
  truth = writeVmExperiment(dir);
  const paths = [truth.dirs.host, truth.dirs.guest1, truth.dirs.guest2];
  t = new Trace(openExperiment(paths), paths, { store });
});

afterAll(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Iv {
  row: string;
  start: bigint;
  end: bigint;
  state: string;
  label: string;
}

/** The view's full-resolution intervals with row ids, state ids and labels. */
function intervals(v: TimeGraphView): Iv[] {
  const s = store.get(v.handle!) as IntervalSource;
  const out: Iv[] = [];
  for (let i = 0; i < s.length; i++) {
    out.push({
      row: s.rowIds[s.row[i]],
      start: s.start[i],
      end: s.end[i],
      state: v.payload.legend[s.state[i]].id,
      label: s.label && s.label[i] >= 0 ? s.strings[s.label[i]] : ''
    });
  }
  return out;
}

function expectDisplayable(v: TimeGraphView): void {
  const checked = validateTimeGraphPayload(JSON.parse(JSON.stringify(v.payload)));
  expect(checked.ok ? [] : checked.errors).toEqual([]);
  const bundle = v[DISPLAY]() as unknown as Record<string, unknown>;
  expect(Object.keys(bundle).sort()).toEqual([TIMEGRAPH_MIME_TYPE, 'image/svg+xml', 'text/plain'].sort());
  expect(String(bundle['image/svg+xml'])).toMatch(/^<svg[\s>]/);
}

test('virtual resources: VM > vCPU rows; guest1 vCPU 0 preempted by guest2 burner, VMM with the exit reason', () => {
  const v = t.vmResources();
  expectDisplayable(v);
  expect(v.payload.rows.map(r => [r.id, r.label, r.parent])).toEqual([
    ['h:guest1', 'VM guest1 (on host)', -1],
    ['c:guest1:0', 'vCPU 0', 0],
    ['h:guest2', 'VM guest2 (on host)', -1],
    ['c:guest2:0', 'vCPU 0', 2]
  ]);
  const ivs = intervals(v);
  const pre = ivs.filter(i => i.row === 'c:guest1:0' && i.state === 'PREEMPT');
  expect(pre.map(i => [i.start, i.end])).toEqual([[truth.preempted.start, truth.preempted.end]]);
  expect(pre[0].label).toBe(
    'preempted on CPU 1: vm guest2 vcpu 0 tid 1500 (burner) 99.5%, ' +
      'vm guest2 vcpu 0 in hypervisor (host tid 3001) 0.5%'
  );
  const hlt = ivs.find(i => i.row === 'c:guest1:0' && i.start === at(10n * MS + 2n * US))!;
  expect(hlt).toMatchObject({
    state: 'VMM',
    end: at(12n * MS + 4n * US),
    label: 'exit_reason 12 (HLT), guest idle'
  });
  const g2 = ivs.filter(i => i.row === 'c:guest2:0' && i.state === 'PREEMPT');
  expect(g2.map(i => [i.start - abs(BASE), i.end - abs(BASE), i.label])).toEqual([
    [24_002_000n, 25_003_000n, 'preempted on CPU 0: host host tid 500 (kworker/0:1) 100.0%'],
    // switched out runnable on CPU 1 at 38.007 ms (guest1's vCPU thread comes back), in on CPU 0 at 38.008 ms
    [38_007_000n, 38_008_000n, 'preempted on CPU 1: vm guest1 vcpu 0 in hypervisor (host tid 2001) 100.0%']
  ]);
  const run = ivs.find(
    i => i.row === 'c:guest2:0' && i.state === 'RUNNING' && i.start <= at(30n * MS) && at(30n * MS) < i.end
  );
  expect(run?.label).toBe('burner [1500]');
});

test("guest threads: app's gettimeofday shows VCPU_PREEMPTED [25.003, 38.007) ms with the cause", () => {
  const v = t.vmGuestThreads();
  expectDisplayable(v);
  const rows = v.payload.rows.map(r => r.id);
  expect(rows).toEqual(
    expect.arrayContaining(['h:guest1', 'p:guest1:1200', 't:guest1:1200', 't:guest2:1500'])
  );
  expect(rows.some(r => r.startsWith('t:host:'))).toBe(false);
  const app = intervals(v).filter(
    i => i.row === 't:guest1:1200' && i.start >= at(24n * MS) && i.end <= at(39n * MS)
  );
  const inSyscall = app.filter(i => i.start >= at(25n * MS + 1n * US) && i.end <= at(38n * MS + 9n * US));
  expect(inSyscall.map(i => [i.state, i.start - abs(BASE), i.end - abs(BASE)])).toEqual([
    ['VCPU_VMM', 25_001_000n, 25_003_000n],
    ['VCPU_PREEMPTED', 25_003_000n, 38_007_000n],
    ['VCPU_VMM', 38_007_000n, 38_009_000n]
  ]);
  expect(inSyscall[0].label).toBe('gettimeofday; vCPU 0 in hypervisor: exit_reason 1 (EXTERNAL_INTERRUPT)');
  expect(inSyscall[1].label).toBe(
    'gettimeofday; vCPU 0 preempted on CPU 1: vm guest2 vcpu 0 tid 1500 (burner) 99.5%, ' +
      'vm guest2 vcpu 0 in hypervisor (host tid 3001) 0.5%'
  );
  // the syscall's own state around the overlay (its bounds come from guest1's clock, mapped: within 1 µs)
  const first = app.find(i => i.state === 'RUN_SYSCALL')!;
  expect(first.label).toBe('gettimeofday');
  expect(Math.abs(Number(first.start - truth.longSyscall.start))).toBeLessThan(1000);
  expect(first.end).toBe(at(25n * MS + 1n * US));
  const one = t.vmGuestThreads({ vm: 'guest2' });
  expect(one.payload.rows.every(r => r.host === 'guest2')).toBe(true);
  expect(() => t.vmGuestThreads({ vm: 'nope' })).toThrow(/not a guest/);
});

test('fused CPUs: CPU 1 runs guest2 burner at 30 ms, CPU 0 the host kworker', () => {
  const v = t.vmFused({ start: at(20n * MS), end: at(39n * MS) });
  expectDisplayable(v);
  const ivs = intervals(v);
  const mid = at(30n * MS);
  const on = (cpu: number) => ivs.find(i => i.row === `c:host:${cpu}` && i.start <= mid && mid < i.end);
  expect(on(1)).toMatchObject({ state: 'GUEST', label: 'guest2: burner [1500] on vCPU 0' });
  expect(on(0)).toMatchObject({ state: 'HOST', label: 'kworker/0:1 [500]' });
  expect(Math.min(...ivs.map(i => Number(i.start - at(20n * MS))))).toBe(0);
});

test('guest critical path view: valid payload with VCPU_PREEMPTED and VMM states; vm() tables', () => {
  const v = t.vmCriticalPathView({ tid: 1200, start: truth.longSyscall.start, end: truth.longSyscall.end });
  const checked = validateCriticalPathPayload(JSON.parse(JSON.stringify(v.payload)));
  expect(checked.ok ? [] : checked.errors).toEqual([]);
  const bundle = v[DISPLAY]() as unknown as Record<string, unknown>;
  expect(Object.keys(bundle).sort()).toEqual([CRITICALPATH_MIME_TYPE, 'image/svg+xml', 'text/plain'].sort());
  expect(String(bundle['text/plain'])).toMatch(/13\.0092 ms covered/);
  expect(String(bundle['text/plain'])).toMatch(
    /by state: vCPU preempted 100\.0%, In hypervisor 0\.0%, Running 0\.0%/
  );
  const tab = t.vmCriticalPath({ tid: 1200, start: truth.longSyscall.start, end: truth.longSyscall.end });
  expect(tab.numRows).toBe(v.payload.segments.row.length);
  const pre = t.vm({ table: 'guest-preemption', tid: 1200, start: at(25n * MS), end: at(39n * MS) });
  expect(pre.numRows).toBeGreaterThan(20);
  expect(
    t
      .vm({ table: 'vm-sync' })
      .toArray()
      .map(r => r.quality)
  ).toEqual(['accurate', 'accurate']);
  expect(() => t.vm({ table: 'guest-critical-path' })).toThrow(/needs tid/);
});

test('OneQemuKvm stub: the vCPU row follows the vCPU states, PREEMPT by host thread 30', () => {
  const VM = path.join(process.cwd(), '..', 'shared', 'traces', 'tracecompass-stubs', 'incubator-vm', 'vm');
  const paths = [path.join(VM, 'OneQemuKvm', 'host.xml'), path.join(VM, 'OneQemuKvm', 'guest.xml')];
  const s = new Trace(openExperiment(paths), paths, { store });
  try {
    const v = s.vmResources();
    expectDisplayable(v);
    const ivs = intervals(v).filter(i => i.start >= 95n && i.end <= 355n);
    expect(ivs.map(i => `${i.start}-${i.end} ${i.state} ${i.label}`)).toEqual([
      '95-100 VMM exit_reason 32 (MSR_WRITE), guest any2 [131]',
      '100-150 PREEMPT preempted on CPU 0: host host.xml tid 30 (any) 100.0%',
      '150-155 VMM exit_reason 32 (MSR_WRITE), guest any2 [131]',
      '155-175 RUNNING any2 [131]',
      '175-195 RUNNING any [130]',
      '195-210 VMM exit_reason 32 (MSR_WRITE), guest any [130]',
      '210-225 RUNNING any [130]',
      '225-245 RUNNING any2 [131]',
      '245-260 VMM exit_reason 32 (MSR_WRITE), guest any2 [131]',
      '260-275 RUNNING any2 [131]',
      '275-295 RUNNING any [130]',
      '295-300 VMM exit_reason 32 (MSR_WRITE), guest any [130]',
      '300-350 PREEMPT preempted on CPU 0: host host.xml tid 30 (any) 100.0%',
      '350-355 VMM exit_reason 32 (MSR_WRITE), guest any [130]'
    ]);
    const g = intervals(s.vmGuestThreads()).filter(i => i.state === 'VCPU_PREEMPTED');
    expect(g.map(i => `${i.row} ${i.start}-${i.end}`)).toEqual([
      't:guest.xml:130 300-350',
      't:guest.xml:131 100-150'
    ]);
  } finally {
    s.close();
  }
});
