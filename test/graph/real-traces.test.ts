/**
 * The critical path on real traces, against their ground truth:
 * - tracecompass/synctraces: the `ssh` client (tid 7422 on VM1, during an scp) crosses to the sshd threads on VM3
 *   through NETWORK links, in synchronised time;
 * - recorded/django-poll: each of the 15 client requests runs client → Apache (listener, worker) → mod_wsgi thread
 *   → PostgreSQL backend and back, on one host over loopback, with exactly the threads of `request-map.tsv`; the
 *   listener is on the path exactly when the client blocked before the listener handed the connection to the
 *   worker (read from the events); each POST waits on its backend's WAL flush (BLOCKED), no GET does;
 * - recorded/login: each `ssh` login runs through sshd's monitor, its pre-auth child, the pam_motd helpers and the
 *   session child of that login only (`process-events.tsv`);
 * - invariants on all of them and on many-threads: see `path-invariants.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/analysis/kernel';
import { criticalPath, criticalPathSummaryTable, EDGE_NAMES, executionGraph } from '../../src/analysis/graph';
import type { CriticalPath, ExecGraph } from '../../src/analysis/graph/index';
import { openExperiment } from '../../src/analysis/trace/open';
import type { Experiment } from '../../src/analysis/trace/types';
import { pathRows } from './graph-helpers';
import { agreement, checkCoverage, statesByTid } from './path-invariants';

const TRACES = path.join(process.cwd(), '..', 'shared', 'traces');
const tsv = (file: string): string[][] =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(l => !l.startsWith('#'))
    .slice(1)
    .map(l => l.split('\t'));

function threadsOn(p: CriticalPath): Set<number> {
  return new Set(Array.from(p.segW, w => p.graph.wTid.buf[w]));
}

/** Thread ids in path order, consecutive repeats merged. */
function order(p: CriticalPath): number[] {
  const out: number[] = [];
  for (const w of p.segW) {
    const t = p.graph.wTid.buf[w];
    if (out[out.length - 1] !== t) out.push(t);
  }
  return out;
}

describe('synctraces: ssh client on VM1 → sshd on VM3', () => {
  const exp = openExperiment([
    path.join(TRACES, 'tracecompass/synctraces/scp_src'),
    path.join(TRACES, 'tracecompass/synctraces/scp_dest')
  ]);
  const eg = executionGraph(exp);
  const p = criticalPath(eg, { tid: 7422, host: 'VM1' });
  const g = eg.graph;

  test('the graph is built in synchronised time with the 46 matched packets', () => {
    expect(eg.sync?.hosts.find(h => h.host === 'VM3')?.quality).toBe('accurate');
    expect(eg.matches.send.length).toBe(46);
  });

  test('the path crosses to sshd on VM3 through NETWORK links and comes back', () => {
    checkCoverage(p);
    const vm3 = g.hosts.indexOf('VM3');
    const names = new Set(
      Array.from(p.segW, w => (g.wHost.buf[w] === vm3 ? g.wName[w] : '')).filter(Boolean)
    );
    expect(names.has('sshd')).toBe(true);
    let toVm3 = 0;
    let toVm1 = 0;
    for (let k = 0; k < p.linkType.length; k++) {
      if (p.linkType[k] !== 2) continue;
      const from = g.hosts[g.wHost.buf[p.linkFromW[k]]];
      const to = g.hosts[g.wHost.buf[p.linkToW[k]]];
      if (from === 'VM1' && to === 'VM3') toVm3++;
      if (from === 'VM3' && to === 'VM1') toVm1++;
      expect(p.linkToTs[k] >= p.linkFromTs[k]).toBe(true);
    }
    expect(toVm3).toBeGreaterThanOrEqual(5);
    expect(toVm1).toBeGreaterThanOrEqual(5);
    const sshd = new Set(
      Array.from(p.segW, w => g.wTid.buf[w]).filter(
        (_, k) => g.wHost.buf[p.segW[k]] === vm3 && g.wName[p.segW[k]] === 'sshd'
      )
    );
    expect([...sshd].sort()).toEqual(expect.arrayContaining([4047, 4048]));
  });

  test('VM1 rows agree with the kernel model', () => {
    const states = statesByTid(analyze('thread-states', exp, { host: 'VM1' }));
    expect(agreement(p, states, g.hosts.indexOf('VM1'))).toBeGreaterThan(0.99);
  });
});

describe('django-poll: client → Apache → mod_wsgi → PostgreSQL, on one host', () => {
  const dir = path.join(TRACES, 'recorded/django-poll');
  const exp = openExperiment([path.join(dir, 'ctf')]);
  const eg = executionGraph(exp);
  const requests = tsv(path.join(dir, 'request-map.tsv'));
  const CLIENT = 29114;
  const POSTMASTER = 29019;
  const paths = requests.map(r => criticalPath(eg, { tid: CLIENT, start: BigInt(r[3]), end: BigInt(r[4]) }));

  /** From the events: when the client first blocks in the window, and when the listener wakes the worker. */
  function blockAndHandoff(
    exp2: Experiment,
    b: bigint,
    e: bigint,
    listener: number,
    worker: number
  ): [bigint, bigint] {
    const sw = exp2.eventClasses.find(c => c.name === 'sched:sched_switch')!;
    const wk = exp2.eventClasses.find(c => c.name === 'sched:sched_waking')!;
    let block = -1n;
    let hand = -1n;
    for (const batch of exp2.batches({ classIds: new Set([sw.id, wk.id]), start: b, end: e })) {
      for (let i = 0; i < batch.length; i++) {
        if (batch.classId[i] === sw.id) {
          if (
            block < 0n &&
            batch.int(i, sw.fieldIndex('prev_pid')) === CLIENT &&
            (batch.int(i, sw.fieldIndex('prev_state')) & 3) !== 0
          ) {
            block = batch.ts[i];
          }
        } else if (
          hand < 0n &&
          batch.int(i, wk.fieldIndex('perf_tid')) === listener &&
          batch.int(i, wk.fieldIndex('pid')) === worker
        ) {
          hand = batch.ts[i];
        }
      }
    }
    return [block, hand];
  }

  test.each(requests.map((r, k) => [k, `${r[0]} ${r[1]} ${r[2]}`]))(
    'request %i (%s): the ground-truth threads',
    k => {
      const r = requests[k as number];
      const p = paths[k as number];
      const listener = Number(r[6].split('/')[1]);
      const worker = Number(r[7].split('/')[1]);
      const wsgi = Number(r[8].split('/')[1]);
      const backend = Number(r[9]);
      checkCoverage(p);
      const on = threadsOn(p);
      for (const t of [CLIENT, worker, wsgi, backend]) expect(on.has(t)).toBe(true);
      expect([...on].filter(t => ![CLIENT, listener, worker, wsgi, backend, POSTMASTER].includes(t))).toEqual(
        []
      );
      const o = order(p);
      expect(o[0]).toBe(CLIENT);
      expect(o.slice(-2)).toEqual([worker, CLIENT]); // the worker sends the response
      const [block, hand] = blockAndHandoff(exp, BigInt(r[3]), BigInt(r[4]), listener, worker);
      expect(on.has(listener)).toBe(block > 0n && hand > block);
      // the backend's rows are its own, and the wsgi thread waits on it over loopback (NETWORK links)
      const g = eg.graph;
      const links = Array.from(p.linkType, (t, j) => [
        g.wTid.buf[p.linkFromW[j]],
        g.wTid.buf[p.linkToW[j]],
        t
      ]);
      expect(links.some(([f, t, ty]) => f === backend && t === wsgi && ty === 2)).toBe(true);
    }
  );

  test('each POST waits on its backend’s WAL flush (BLOCKED), no GET does; the summary says where time went', () => {
    requests.forEach((r, k) => {
      const p = paths[k];
      const rows = criticalPathSummaryTable(p)
        .toArray()
        .map(x => x.toJSON());
      const blocked = rows.filter(x => x.by === 'thread-state' && x.state === 'BLOCKED');
      if (r[2] === 'POST') {
        expect(blocked.map(x => x.tid)).toEqual([Number(r[9])]);
        expect(Number(blocked[0].duration)).toBeGreaterThan(200_000);
      } else {
        expect(blocked).toEqual([]);
      }
      const byHost = rows.filter(x => x.by === 'host');
      expect(byHost.map(x => [x.host, x.duration])).toEqual([['vm', p.end - p.start]]);
      const topThread = rows.find(x => x.by === 'thread');
      expect(topThread?.tid).toBe(Number(r[9])); // the backend holds the largest share of every request
    });
  });

  test('path rows agree with the kernel model', () => {
    const states = statesByTid(analyze('thread-states', exp));
    for (const p of paths) expect(agreement(p, states)).toBeGreaterThan(0.99);
  });

  test('ctf-all (with perf’s synthesized comm/fork/mmap records) gives the same paths', () => {
    const all = executionGraph(openExperiment([path.join(dir, 'ctf-all')]));
    requests.forEach((r, k) => {
      expect(pathRows(criticalPath(all, { tid: CLIENT, start: BigInt(r[3]), end: BigInt(r[4]) }))).toEqual(
        pathRows(paths[k])
      );
    });
  });

  test('the whole-trace path of the client is contiguous and agrees with the kernel model', () => {
    const p = criticalPath(eg, { tid: CLIENT });
    checkCoverage(p);
    expect(agreement(p, statesByTid(analyze('thread-states', exp)))).toBeGreaterThan(0.99);
  });
});

describe('login: ssh → sshd monitor → pre-auth child → pam_motd helpers → session child', () => {
  const dir = path.join(TRACES, 'recorded/login');
  const exp = openExperiment([path.join(dir, 'ctf')]);
  const eg: ExecGraph = executionGraph(exp);
  const LISTENER = 27499;
  const logins = tsv(path.join(dir, 'client-logins.tsv'));
  const events = tsv(path.join(dir, 'process-events.tsv'));
  /** The process tree of one login: every pid forked (transitively) from its ssh client and its sshd [priv]. */
  function loginPids(ssh: number, begin: bigint, end: bigint): Set<number> {
    const pids = new Set([ssh]);
    for (const [t, ev, who, , details] of events) {
      const ts = BigInt(Math.round(Number(t) * 1e9));
      if (ev !== 'sched_process_fork' || ts < begin || ts > end) continue;
      const parent = Number(who.split('/')[0]);
      const child = Number(/child_pid=(\d+)/.exec(details)![1]);
      if (parent === LISTENER || pids.has(parent)) pids.add(child);
    }
    return pids;
  }

  test.each(logins.map((l, k) => [k, Number(l[1])]))('login %i (ssh %i)', (k, ssh) => {
    const l = logins[k as number];
    const begin = BigInt(l[2]);
    const end = BigInt(l[3]);
    const p = criticalPath(eg, { tid: ssh as number, start: begin, end });
    checkCoverage(p);
    const tree = loginPids(ssh as number, begin, end);
    const on = [...threadsOn(p)].filter(t => t > 0);
    expect(on.filter(t => t !== LISTENER && !tree.has(t))).toEqual([]);
    // monitor = ssh + 1, pre-auth child = ssh + 2, session child = ssh + 7 (process-events.tsv)
    const [monitor, preauth, session] = [(ssh as number) + 1, (ssh as number) + 2, (ssh as number) + 7];
    for (const t of [monitor, preauth, session, (ssh as number) + 8]) expect(on).toContain(t);
    const o = order(p).filter(t => t > 0);
    expect(o.indexOf(monitor)).toBeLessThan(o.indexOf(preauth));
    expect(o.lastIndexOf(preauth)).toBeLessThan(o.indexOf(session));
    expect(o[o.length - 1]).toBe(ssh);
    expect(agreement(p, statesByTid(analyze('thread-states', exp)))).toBeGreaterThan(0.99);
    const states = new Set(Array.from(p.segType, t => EDGE_NAMES[t]));
    expect(states.has('RUNNING')).toBe(true);
  });
});

describe('many-threads: the busiest thread over the whole trace', () => {
  const exp = openExperiment([path.join(TRACES, 'tracecompass/many-threads')]);
  const eg = executionGraph(exp);
  const g = eg.graph;
  let busiest = -1;
  for (let w = 0; w < g.workerCount; w++) {
    if (!g.isKernel(w) && (busiest < 0 || g.verticesOf(w).length > g.verticesOf(busiest).length)) busiest = w;
  }

  test('path invariants and agreement with the kernel model', () => {
    const p = criticalPath(eg, { tid: g.wTid.buf[busiest] });
    checkCoverage(p);
    expect(p.segW.length).toBeGreaterThan(1000);
    expect(agreement(p, statesByTid(analyze('thread-states', exp)))).toBeGreaterThan(0.99);
  });
});
