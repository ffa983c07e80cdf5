/**
 * Summary lines of a TraceClass in the format of `fixtures/make-bt2-summaries.js` (babeltrace2's view), so that
 * the TSDL front end can be compared with babeltrace2 2.0 trace class by trace class.
 *
 * Format: `stream N`, `stream N clock NAME freq=F offset_ns=O`, `stream N packet-context FC`,
 * `stream N common-context FC`, `event S/ID NAME[ | loglevel L][ | emf URI][ | context FC][ | payload FC]` with
 * FC: `u32b10` / `s8b16` (integers), `ue8b10<LABEL=range,...>` (enums, labels sorted, ranges `a` or `a..b`
 * joined by `+`), `str`, `f32` / `f64`, `arrN<FC>`, `seq<FC>`, `{name:FC,...}`, `var<option:FC,...>`.
 * It mimics what babeltrace2 puts in its trace IR: names lose one leading underscore; 8-bit byte-aligned
 * encoded integer arrays and sequences are strings; integers with a role or a mapped clock, and the packet
 * header UUID, are dropped unless a sequence length or variant tag names them; emptied structs are dropped.
 */

import type {
  ClockClass,
  FieldClass,
  StreamClass,
  StructFC,
  TraceClass
} from '../../../src/analysis/formats/ctf/ir';
import { displayName } from '../../../src/analysis/formats/ctf/ir';

/** Names used as sequence lengths or variant tags under `fc` (last path component). */
function dependencyNames(fc: FieldClass | undefined, out: Set<string>): Set<string> {
  if (!fc) return out;
  if (fc.kind === 'struct') for (const m of fc.members) dependencyNames(m.fc, out);
  else if (fc.kind === 'variant') {
    out.add(String(fc.selectorLocation.path[fc.selectorLocation.path.length - 1]));
    for (const o of fc.options) dependencyNames(o.fc, out);
  } else if (fc.kind === 'array') {
    if (fc.lengthLocation) out.add(String(fc.lengthLocation.path[fc.lengthLocation.path.length - 1]));
    dependencyNames(fc.element, out);
  }
  return out;
}

function isText(fc: FieldClass): boolean {
  if (fc.kind !== 'array') return false;
  const el = fc.element.kind === 'enum' ? fc.element.container : fc.element;
  return (
    el.kind === 'int' &&
    el.size === 8 &&
    el.align === 8 &&
    el.encoding !== undefined &&
    el.encoding !== 'none'
  );
}

function rangeText([a, b]: [bigint, bigint]): string {
  return a === b ? `${a}` : `${a}..${b}`;
}

/** Summary of `fc`, or undefined when babeltrace2 would leave it out of its IR. */
export function summarizeFc(fc: FieldClass, deps: Set<string>, name?: string): string | undefined {
  switch (fc.kind) {
    case 'int':
    case 'enum': {
      const int = fc.kind === 'enum' ? fc.container : fc;
      const special = int.mappedClock !== undefined || (fc.roles?.length ?? 0) > 0;
      if (special && !(name !== undefined && deps.has(name))) return undefined;
      const head = `${int.signed ? 's' : 'u'}${fc.kind === 'enum' ? 'e' : ''}${int.size}b${int.base}`;
      if (fc.kind === 'int') return head;
      const labels = fc.mappings.map(m => `${m.label}=${m.ranges.map(rangeText).join('+')}`).sort();
      return `${head}<${labels.join(',')}>`;
    }
    case 'string':
      return 'str';
    case 'float':
      return `f${fc.size}`;
    case 'array': {
      if (fc.roles?.includes('metadata-stream-uuid')) return undefined;
      if (isText(fc)) return 'str';
      const el = summarizeFc(fc.element, deps);
      if (el === undefined) return undefined;
      return fc.length !== undefined ? `arr${fc.length}<${el}>` : `seq<${el}>`;
    }
    case 'struct': {
      const parts: string[] = [];
      for (const m of fc.members) {
        const s = summarizeFc(m.fc, deps, m.name);
        if (s !== undefined) parts.push(`${displayName(m.name)}:${s}`);
      }
      if (parts.length === 0 && fc.members.length > 0) return undefined;
      return `{${parts.join(',')}}`;
    }
    case 'variant': {
      const opts = fc.options.map(o => [o.name ?? '', summarizeFc(o.fc, deps, o.name)] as const);
      if (opts.every(([, s]) => s === undefined)) return undefined;
      return `var<${opts.map(([n, s]) => `${displayName(n)}:${s ?? '{}'}`).join(',')}>`;
    }
    default:
      return fc.kind;
  }
}

function scope(fc: StructFC | undefined): string | undefined {
  return fc ? summarizeFc(fc, dependencyNames(fc, new Set())) : undefined;
}

function clockLine(sc: StreamClass, clocks: ClockClass[]): string | undefined {
  const c = clocks.find(k => k.name === sc.defaultClock);
  if (!c) return undefined;
  const ns = c.offsetSeconds * 1000000000n + (c.offsetCycles * 1000000000n) / c.freq;
  return `stream ${sc.id} clock ${c.name} freq=${c.freq} offset_ns=${ns}`;
}

/** The summary lines of a whole trace class. */
export function summarizeTraceClass(tc: TraceClass): string[] {
  const res: string[] = [];
  for (const sc of [...tc.streams].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    res.push(`stream ${sc.id}`);
    const clock = clockLine(sc, tc.clocks);
    if (clock) res.push(clock);
    const pc = scope(sc.packetContext);
    if (pc !== undefined) res.push(`stream ${sc.id} packet-context ${pc}`);
    const cc = scope(sc.eventContext);
    if (cc !== undefined) res.push(`stream ${sc.id} common-context ${cc}`);
    for (const ev of [...sc.events].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const parts = [`event ${sc.id}/${ev.id} ${ev.name}`];
      if (ev.loglevel !== undefined && ev.loglevel >= 0n && ev.loglevel <= 14n) {
        parts.push(`loglevel ${ev.loglevel}`);
      }
      if (ev.modelEmfUri) parts.push(`emf ${ev.modelEmfUri}`);
      const ctx = scope(ev.context);
      if (ctx !== undefined) parts.push(`context ${ctx}`);
      const payload = scope(ev.payload);
      if (payload !== undefined) parts.push(`payload ${payload}`);
      res.push(parts.join(' | '));
    }
  }
  return res;
}
