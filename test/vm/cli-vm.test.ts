/**
 * `tracelab analyze vm-*` on the OneQemuKvm stub experiment: the guest-preemption and vcpu-states tables through
 * the CLI, and the `--tid` filter.
 */
import * as path from 'node:path';
import { run } from '../cli/capture';

const VM = path.join(
  process.cwd(),
  '..',
  'shared',
  'traces',
  'tracecompass-stubs',
  'incubator-vm',
  'vm',
  'OneQemuKvm'
);
const EXP = [path.join(VM, 'host.xml'), path.join(VM, 'guest.xml')];

function jsonl(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split('\n')
    .map(l => JSON.parse(l) as Record<string, unknown>);
}

test('analyze vm-guest-preemption --tid 131: the guest thread preempted by host thread 30 in [100, 150)', async () => {
  const r = await run(['analyze', 'vm-guest-preemption', '--tid', '131', ...EXP]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const rows = jsonl(r.stdout).filter(o => o.state === 'preempted');
  expect(rows.map(o => [o.vm, o.tid, o.state, o.cause_kind, o.cause_tid])).toEqual([
    ['guest.xml', 131, 'preempted', 'host-thread', 30]
  ]);
  // synchronised by default: the stub's vmsync pairs give a slope within 0.3 % of 1, so times move by < 1 ns here.
  expect([rows[0].start, rows[0].end]).toEqual([100, 150]);
});

test('analyze vm-vcpu-states lists the 15 intervals; vm-sync says accurate', async () => {
  const v = await run(['analyze', 'vm-vcpu-states', ...EXP]);
  expect(v.code).toBe(0);
  expect(jsonl(v.stdout)).toHaveLength(15);
  expect(
    jsonl(v.stdout)
      .map(o => o.state_name)
      .slice(0, 5)
  ).toEqual(['running', 'running|vmm', 'running', 'running|vmm', 'running|vmm|preempt']);
  const s = await run(['analyze', 'vm-sync', ...EXP]);
  expect(jsonl(s.stdout)).toEqual([
    expect.objectContaining({ host: 'host.xml', guest: 'guest.xml', quality: 'accurate' })
  ]);
});
