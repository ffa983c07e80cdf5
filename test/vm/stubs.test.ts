/**
 * The VM analysis on Trace Compass's incubator stub experiments (`incubator-vm/vm/`), against values worked out by
 * hand from the events.
 *
 * OneQemuKvm: host CPU 0 runs host thread 30 and vCPU thread 31 (qemucpu1); kvm_entry(vcpu 0) at 5, 60, 155, 210,
 * 260, 355; kvm_exit (reason 32) at 45, 95, 195, 245, 295; 31 switched out runnable at 100 and 300 (30 runs),
 * back at 150 and 350; vmsync_gh_host(vm_uid 123456) at 50 binds 31 to the guest. Guest CPU 0 alternates 130/131
 * (switches at 10, 35, 75, 175, 225, 275, 375; the first one's prev is 130, so 130 runs before 10). Both share one
 * clock by construction (the vmsync pairs are 10 ns apart both ways), so the exact checks run unsynchronised and a
 * separate check shows the sync is accurate and moves nothing by more than 1 ns.
 */
import * as path from 'node:path';
import { openExperiment } from '../../src/analysis/trace/open';
import { vcpuStateName, vmAnalysis, vmTables } from '../../src/analysis/vm';
import type { FusedRow, PreemptionRow, VcpuStateRow } from '../../src/analysis/vm';

const VM = path.join(process.cwd(), '..', 'shared', 'traces', 'tracecompass-stubs', 'incubator-vm', 'vm');
const open = (dir: string, ...files: string[]) => openExperiment(files.map(f => path.join(VM, dir, f)));

const vcpu = (rows: VcpuStateRow[]) => rows.map(r => `${r.start}-${r.end} ${vcpuStateName(r.state)}`);
const preempt = (rows: PreemptionRow[]) =>
  rows.map(r => `${r.tid} ${r.start}-${r.end} ${r.state}: ${r.cause}`);
const fused = (rows: FusedRow[]) =>
  rows.map(r => `${r.cpu} ${r.start}-${r.end} ${r.vm || 'host'} ${r.tid} ${r.state}`);

const VCPU_EXPECTED = [
  '5-45 running',
  '45-60 running|vmm',
  '60-95 running',
  '95-100 running|vmm',
  '100-150 running|vmm|preempt',
  '150-155 running|vmm',
  '155-195 running',
  '195-210 running|vmm',
  '210-245 running',
  '245-260 running|vmm',
  '260-295 running',
  '295-300 running|vmm',
  '300-350 running|vmm|preempt',
  '350-355 running|vmm',
  '355-375 running'
];

const PREEMPT_EXPECTED = [
  '130 45-60 vmm: exit_reason 32',
  '131 95-100 vmm: exit_reason 32',
  '131 100-150 preempted: host host.xml tid 30 (any)',
  '131 150-155 vmm: exit_reason 32',
  '130 195-210 vmm: exit_reason 32',
  '131 245-260 vmm: exit_reason 32',
  '130 295-300 vmm: exit_reason 32',
  '130 300-350 preempted: host host.xml tid 30 (any)',
  '130 350-355 vmm: exit_reason 32'
];

/** Fused CPU 0; `mid` is what the guest runs in [260, 295) (QemuContainer adds thread 132 at 270). */
function fusedExpected(mid: string[]): string[] {
  return [
    '0 1-5 guest.xml 31 vmm',
    '0 5-10 guest.xml 130 guest',
    '0 10-35 guest.xml 131 guest',
    '0 35-45 guest.xml 130 guest',
    '0 45-60 guest.xml 31 vmm',
    '0 60-75 guest.xml 130 guest',
    '0 75-95 guest.xml 131 guest',
    '0 95-100 guest.xml 31 vmm',
    '0 100-150 host 30 host',
    '0 150-155 guest.xml 31 vmm',
    '0 155-175 guest.xml 131 guest',
    '0 175-195 guest.xml 130 guest',
    '0 195-210 guest.xml 31 vmm',
    '0 210-225 guest.xml 130 guest',
    '0 225-245 guest.xml 131 guest',
    '0 245-260 guest.xml 31 vmm',
    ...mid,
    '0 295-300 guest.xml 31 vmm',
    '0 300-350 host 30 host',
    '0 350-355 guest.xml 31 vmm',
    '0 355-375 guest.xml 130 guest'
  ];
}

describe('OneQemuKvm', () => {
  const exp = open('OneQemuKvm', 'host.xml', 'guest.xml');
  afterAll(() => exp.close());

  test('roles and bindings: host thread 31 is vCPU 0 of the guest (vm_uid 123456)', () => {
    const a = vmAnalysis(exp, { sync: false });
    expect(a.model.hosts.map(h => h.host)).toEqual(['host.xml']);
    expect([...a.model.guests.keys()]).toEqual(['guest.xml']);
    expect([...a.model.hosts[0].vcpuOfTid]).toEqual([[31, { vm: 'guest.xml', vcpu: 0 }]]);
    expect(a.model.guests.get('guest.xml')?.vmUid).toBe(123456);
  });

  test('vCPU state intervals', () => {
    const a = vmAnalysis(exp, { sync: false });
    expect(vcpu(a.vcpuStates)).toEqual(VCPU_EXPECTED);
    expect(a.vcpuStates.every(r => r.host === 'host.xml' && r.vm === 'guest.xml' && r.hostTid === 31)).toBe(
      true
    );
  });

  test('guest preempted intervals and their causes', () => {
    expect(preempt(vmAnalysis(exp, { sync: false }).preemption)).toEqual(PREEMPT_EXPECTED);
  });

  test('fused CPU contents', () => {
    const mid = ['0 260-275 guest.xml 131 guest', '0 275-295 guest.xml 130 guest'];
    expect(fused(vmAnalysis(exp, { sync: false }).fused)).toEqual(fusedExpected(mid));
  });

  test('overhead per guest thread adds up to the time each thread is current', () => {
    const o = vmAnalysis(exp, { sync: false }).overhead.map(r => `${r.tid} ${r.state} ${r.reason} ${r.ns}`);
    // 130 current in [5,10) [35,75) [175,225) [275,375): 5+40+50+100 = 195 = 105 running + 40 vmm + 50 preempted.
    // 131 current in [10,35) [75,175) [225,275): 25+100+50 = 175 = 100 running + 25 vmm + 50 preempted.
    expect(o).toEqual([
      '130 preempted NaN 50',
      '130 running NaN 105',
      '130 vmm 32 40',
      '131 preempted NaN 50',
      '131 running NaN 100',
      '131 vmm 32 25'
    ]);
  });

  test('synchronised: 6 vmsync pairs, accurate, no time moves by more than 1 ns', () => {
    const a = vmAnalysis(exp);
    const s = a.model.syncs[0];
    expect([s.host, s.guest, s.quality, s.matches]).toEqual(['host.xml', 'guest.xml', 'accurate', 6]);
    const synced = vcpu(a.vcpuStates);
    expect(synced.slice(0, -1)).toEqual(VCPU_EXPECTED.slice(0, -1));
    expect(a.vcpuStates[a.vcpuStates.length - 1].end - 375n).toBeLessThanOrEqual(1n);
  });

  test('Arrow tables', () => {
    const t = vmTables(exp, { sync: false, table: 'guest-preemption' });
    expect(t.numRows).toBe(PREEMPT_EXPECTED.length);
    const r = t.get(2)?.toJSON();
    expect(r).toMatchObject({
      vm: 'guest.xml',
      vcpu: 0,
      tid: 131,
      start: 100n,
      end: 150n,
      state: 'preempted'
    });
    expect(r).toMatchObject({
      cause_kind: 'host-thread',
      cause_tid: 30,
      cause_comm: 'any',
      exit_reason: null
    });
    const v = vmTables(exp, { sync: false, table: 'vcpu-states' }).get(4)?.toJSON();
    expect(v).toMatchObject({ host: 'host.xml', vm: 'guest.xml', vcpu: 0, host_tid: 31, state: 386 });
    expect(v).toMatchObject({ state_name: 'running|vmm|preempt', start: 100n, end: 150n, cpu: 0 });
    const f = vmTables(exp, { sync: false, table: 'fused-cpus' });
    expect(f.schema.fields.map(x => x.name)).toEqual([
      'host',
      'cpu',
      'start',
      'end',
      'vm',
      'vcpu',
      'tid',
      'comm',
      'host_tid',
      'state',
      'container',
      'vtid'
    ]);
    const s = vmTables(exp, { table: 'vm-sync' }).get(0)?.toJSON();
    expect(s).toMatchObject({ host: 'host.xml', guest: 'guest.xml', vm_uid: 123456n, quality: 'accurate' });
  });
});

describe('QemuContainer', () => {
  const exp = open('QemuContainer', 'host.xml', 'guest.xml');
  afterAll(() => exp.close());

  test('same host side; the guest forks 132 (myapp2), which runs [270, 275) inside guest mode', () => {
    const a = vmAnalysis(exp, { sync: false });
    expect(vcpu(a.vcpuStates)).toEqual(VCPU_EXPECTED);
    expect(preempt(a.preemption)).toEqual(PREEMPT_EXPECTED);
    const mid = [
      '0 260-270 guest.xml 131 guest',
      '0 270-275 guest.xml 132 guest',
      '0 275-295 guest.xml 130 guest'
    ];
    expect(fused(a.fused)).toEqual(fusedExpected(mid));
  });

  test('containers: 131 (statedump ns_level 1, inum 987654, vtid 4) and its child 132 (fork, vtid 5)', () => {
    const a = vmAnalysis(exp, { sync: false });
    const ct = (tid: number) => [
      ...new Set(a.fused.filter(r => r.tid === tid && r.vm !== '').map(r => `${r.container}/${r.vtid}`))
    ];
    expect([ct(130), ct(131), ct(132)]).toEqual([['0/130'], ['987654/4'], ['987654/5']]);
    const p = a.preemption.find(r => r.tid === 131 && r.state === 'preempted');
    expect(p).toMatchObject({ container: 987654, vtid: 4, causeTid: 30, causeContainer: 0 });
  });
});

describe('Containers', () => {
  test('one machine without kvm or vmsync events: no VM rows', () => {
    const exp = open('Containers', 'withContainers.xml');
    const a = vmAnalysis(exp);
    expect([a.model.hosts.length, a.model.guests.size, a.vcpuStates.length, a.fused.length]).toEqual([
      0, 0, 0, 0
    ]);
    exp.close();
  });
});
