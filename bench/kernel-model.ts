/**
 * Kernel-model speed (not a jest test; run by hand):
 *   node -e "require('./test/helpers/ts-register.js'); require('./bench/kernel-model.ts').main(process.argv.slice(1))" <trace>...
 * For each trace: (1) decode + model, (2) decode of every event class (the model reads all classes of perf
 * traces, fewer of LTTng ones), each timed from openExperiment; prints events/s, the number of state
 * changes kept (thread/CPU intervals, syscalls) and the memory in use (JS heap + array buffers) after the model is
 * built. CPU time (user + system) is printed too: wall time is unreliable on a shared machine.
 */
import { buildKernelModel } from '../src/analysis/kernel/model';
import { openExperiment } from '../src/analysis/trace/open';

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function decodeOnly(
  trace: string,
  classIds: ReadonlySet<number>
): { events: number; ms: number; cpu: number } {
  const c0 = cpuMs();
  const t0 = now();
  const exp = openExperiment([trace]);
  let events = 0;
  for (const b of exp.batches({ classIds })) events += b.length;
  exp.close();
  return { events, ms: now() - t0, cpu: cpuMs() - c0 };
}

export function main(args: string[]): void {
  for (const trace of args) {
    const t0 = now();
    const c0 = cpuMs();
    const exp = openExperiment([trace]);
    const model = buildKernelModel(exp);
    const ms = now() - t0;
    const cpu = cpuMs() - c0;
    const mem = process.memoryUsage();
    const heapMb = (mem.heapUsed + mem.arrayBuffers) / 1048576;
    const d = decodeOnly(trace, new Set(exp.eventClasses.map(c => c.id)));
    const o = model.out;
    const rate = (n: number, t: number): string => `${(((n / t) * 1e3) / 1e6).toFixed(2)} M/s`;
    console.log(
      JSON.stringify({
        trace,
        events: model.events,
        decodeAndModelMs: Math.round(ms),
        decodeAndModelCpuMs: Math.round(cpu),
        decodeAndModel: rate(model.events, cpu),
        decodeAllCpuMs: Math.round(d.cpu),
        decodeAll: rate(d.events, d.cpu),
        schedIntervals: o.threads.length,
        cpuIntervals: o.cpus.length,
        syscalls: o.syscalls.length,
        irqs: o.irqs.length,
        heapMb: Math.round(heapMb)
      })
    );
    exp.close();
  }
}
