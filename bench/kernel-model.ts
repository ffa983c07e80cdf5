/**
 * Kernel-model speed (not a jest test; run by hand): `npm run bench:model [trace...]` (bench/kernel-model.js runs
 * this in fresh single-threaded processes with the huge-pages tunable the `tracelab` command sets, best of 3).
 * For each trace, three measurements, each in CPU time (user + system; wall time is unreliable on a shared machine):
 * (1) decode + model end to end, timed from openExperiment (wall time too), with the number of state changes kept (thread/CPU
 * intervals, syscalls) and the memory in use (JS heap + array buffers) after the model is built;
 * (2) decode alone, of the event classes the model asks for and of every class;
 * (3) the model alone: the model's batches are decoded once and kept, then replayed through `buildKernelModel`
 * (best of `KM_REPS` runs, default 3) — what the model costs per event on top of decoding.
 */
import { buildKernelModel } from '../src/analysis/kernel/model';
import { openExperiment } from '../src/analysis/trace/open';
import type { EventBatch, Experiment, ReadOptions } from '../src/analysis/trace/types';

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function decodeOnly(
  trace: string,
  classIds: ReadonlySet<number> | undefined
): { events: number; cpu: number } {
  const c0 = cpuMs();
  const exp = openExperiment([trace]);
  let events = 0;
  for (const b of exp.batches({ classIds, streaming: true })) events += b.length;
  exp.close();
  return { events, cpu: cpuMs() - c0 };
}

/** An experiment whose `batches` replays `kept` (the options are ignored). */
function replaying(exp: Experiment, kept: readonly EventBatch[]): Experiment {
  return {
    traces: exp.traces,
    eventClasses: exp.eventClasses,
    streamName: s => exp.streamName(s),
    batches: () => kept,
    timeRange: () => exp.timeRange(),
    losses: () => exp.losses(),
    close: () => undefined
  };
}

/** The model alone: best CPU time of `reps` runs over batches decoded beforehand. */
function modelOnly(trace: string, opts: ReadOptions, reps: number): { events: number; cpu: number } {
  const exp = openExperiment([trace]);
  // Kept batches: not a streaming read.
  const kept = [...exp.batches({ ...opts, streaming: false })];
  const replay = replaying(exp, kept);
  let best = Infinity;
  let events = 0;
  for (let r = 0; r < reps; r++) {
    const c0 = cpuMs();
    events = buildKernelModel(replay).events;
    best = Math.min(best, cpuMs() - c0);
  }
  exp.close();
  return { events, cpu: best };
}

const rate = (n: number, t: number): string => `${(((n / t) * 1e3) / 1e6).toFixed(2)} M/s`;

export function main(args: string[]): void {
  const reps = Number(process.env.KM_REPS ?? 3);
  for (const trace of args) {
    const t0 = now();
    const c0 = cpuMs();
    const exp = openExperiment([trace]);
    // Remember the read options the model uses, to decode and replay the same events.
    let opts: ReadOptions = {};
    const spy: Experiment = Object.create(exp) as Experiment;
    Object.defineProperty(spy, 'batches', {
      value: (o?: ReadOptions) => {
        opts = o ?? {};
        return exp.batches(o);
      }
    });
    const model = buildKernelModel(spy);
    const ms = now() - t0;
    const cpu = cpuMs() - c0;
    const mem = process.memoryUsage();
    const heapMb = (mem.heapUsed + mem.arrayBuffers) / 1048576;
    const o = model.out;
    const counts = {
      schedIntervals: o.threads.length,
      cpuIntervals: o.cpus.length,
      syscalls: o.syscalls.length,
      irqs: o.irqs.length
    };
    exp.close();
    const dm = decodeOnly(trace, opts.classIds);
    const da = decodeOnly(trace, undefined);
    const mo = modelOnly(trace, opts, reps);
    console.log(
      JSON.stringify({
        trace,
        events: model.events,
        decodeAndModelMs: Math.round(ms),
        decodeAndModelCpuMs: Math.round(cpu),
        decodeAndModel: rate(model.events, cpu),
        decodeModelClassesCpuMs: Math.round(dm.cpu),
        decodeModelClasses: rate(dm.events, dm.cpu),
        decodeAllCpuMs: Math.round(da.cpu),
        decodeAll: rate(da.events, da.cpu),
        modelOnlyCpuMs: Math.round(mo.cpu),
        modelOnly: rate(mo.events, mo.cpu),
        ...counts,
        heapMb: Math.round(heapMb)
      })
    );
  }
}
