/**
 * Speed of the execution graph and the critical path (run by hand; not a jest test):
 *   node -r ./test/helpers/ts-register.js bench/graph.ts [trace...]
 * Default traces: ../shared/traces/tracecompass/many-threads and bench/out/large/ctf (bench/record-large.sh).
 * Prints per trace: events read, graph build wall and CPU time, events/s, vertices, links, peak RSS, and the
 * critical path of the busiest thread (most vertices) over the whole trace once the graph exists (target < 2 s).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { criticalPath, executionGraph } from '../src/analysis/graph';
import { openExperiment } from '../src/analysis/trace/open';

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

function benchOne(trace: string): void {
  const exp = openExperiment([trace]);
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  const eg = executionGraph(exp);
  const wall = performance.now() - t0;
  const cpu = cpuMs(c0);
  const g = eg.graph;
  let busiest = -1;
  for (let w = 0; w < g.workerCount; w++) {
    if (!g.isKernel(w) && (busiest < 0 || g.verticesOf(w).length > g.verticesOf(busiest).length)) busiest = w;
  }
  t0 = performance.now();
  c0 = process.cpuUsage();
  const p = criticalPath(eg, { tid: g.wTid.buf[busiest], host: g.hosts[g.wHost.buf[busiest]] });
  const pathWall = performance.now() - t0;
  const pathCpu = cpuMs(c0);
  console.log(
    JSON.stringify({
      trace: path.relative(process.cwd(), trace),
      events: eg.events,
      graphWallMs: Math.round(wall),
      graphCpuMs: Math.round(cpu),
      eventsPerSecWall: Math.round((eg.events / wall) * 1000),
      eventsPerSecCpu: Math.round((eg.events / cpu) * 1000),
      vertices: g.vertexCount,
      links: g.links,
      workers: g.workerCount,
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
      busiest: `${g.wTid.buf[busiest]} ${g.wName[busiest]} (${g.verticesOf(busiest).length} vertices)`,
      pathWallMs: Math.round(pathWall),
      pathCpuMs: Math.round(pathCpu),
      pathRows: p.segW.length,
      pathLinks: p.linkType.length
    })
  );
  exp.close();
}

const args = process.argv.slice(2);
const defaults = [
  path.join(process.cwd(), '..', 'shared', 'traces', 'tracecompass', 'many-threads'),
  path.join(process.cwd(), 'bench', 'out', 'large', 'ctf')
];
for (const t of args.length > 0 ? args : defaults.filter(d => fs.existsSync(d))) benchOne(t);
