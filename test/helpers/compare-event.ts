/**
 * Compares one babeltrace2 event (parsed pretty line) with one tracelab event snapshot: event name, timestamp
 * (exact ns from origin), CPU (babeltrace2's packet context `cpu_id`, or perf's payload field `perf_cpu`), and every
 * field of the stream event context, event context and payload. Tracelab fields are matched to babeltrace2's
 * members by their dotted display names (`v.id` = member `id` of struct member `v`); a babeltrace2 member that no
 * tracelab field covers, and a tracelab field babeltrace2 does not print, are both differences.
 *
 * One known babeltrace2 2.0.4 defect is accounted for: an EMPTY null-terminated string field is printed with the
 * previous value that field had in an earlier event of the same class (the string field is reused without being
 * cleared). Example: many-threads/channel0_4, `syscall_entry_access` at 1457113583226574671 — its bytes at file
 * offset 1282915 are `5d ef a5 d5` (compact header, id 29), `00` (empty filename), `04 00 00 00` (mode 4), yet
 * babeltrace2 prints
 * `filename = "/var/run/utmpx"`, the string of the previous `syscall_entry_access` (the only occurrence of that
 * text in the file). So tracelab's `""` matches when babeltrace2's text equals the last string babeltrace2 printed
 * for that field of that class; `test/parity/bt2-empty-string.test.ts` checks the defect from the raw bytes.
 */
import type { FieldInfo } from '../../src/analysis/trace/types';
import { btText } from './bt2-pretty-parse';
import type { BtEvent, BtStruct, BtValue } from './bt2-pretty-parse';
import { compareValue, tlText } from './compare-values';
import type { TlEvent } from './tracelab-events';

const SCOPE_OF: Record<FieldInfo['scope'], 'commonContext' | 'specificContext' | 'payload'> = {
  common_context: 'commonContext',
  context: 'specificContext',
  payload: 'payload'
};

function member(s: BtValue | undefined, name: string): BtValue | undefined {
  if (s === undefined || s.k !== 'struct') return undefined;
  for (const [n, v] of s.m) if (n === name) return v;
  return undefined;
}

function intOf(v: BtValue | undefined): bigint | undefined {
  return v !== undefined && v.k === 'num' ? v.int : undefined;
}

/** babeltrace2 members (dotted paths) that no covered path reaches. */
function uncovered(s: BtStruct, prefix: string, covered: Set<string>, out: string[]): void {
  for (const [n, v] of s.m) {
    const p = prefix ? `${prefix}.${n}` : n;
    if (covered.has(p) || (v.k === 'struct' && v.m.length === 0)) continue; // an empty structure holds no value
    const deeper = [...covered].some(c => c.startsWith(p + '.'));
    if (deeper && v.k === 'struct') uncovered(v, p, covered, out);
    else out.push(p);
  }
}

/** Last string babeltrace2 printed per `class/scope.field` (to recognise its stale empty strings). */
const lastBtString = new Map<string, string>();

/** True when tracelab's empty string meets babeltrace2's stale reprint of the previous value (see header). */
function staleEmptyString(cls: string, where: string, node: BtValue, tl: unknown): boolean {
  if (node.k !== 'str') return false;
  const key = `${cls}/${where}`;
  const prev = lastBtString.get(key);
  const text = btText(node);
  if (tl === '' && text !== '""' && prev === text) return true;
  lastBtString.set(key, text);
  return false;
}

function compareScopes(bt: BtEvent, tl: TlEvent, out: string[], limit: number): void {
  const covered: Record<string, Set<string>> = {
    commonContext: new Set(),
    specificContext: new Set(),
    payload: new Set()
  };
  tl.cls.fields.forEach((f, idx) => {
    const key = SCOPE_OF[f.scope];
    let node: BtValue | undefined = bt[key];
    for (const part of f.name.split('.')) node = member(node, part);
    const where = `${f.scope}.${f.name}`;
    if (node === undefined) {
      out.push(`${where}: tracelab field (${tlText(tl.values[idx])}) absent from babeltrace2 output`);
      return;
    }
    covered[key].add(f.name);
    if (staleEmptyString(tl.cls.name, where, node, tl.values[idx])) return;
    compareValue(node, tl.values[idx], where, out, limit);
  });
  for (const key of ['commonContext', 'specificContext', 'payload'] as const) {
    const s = bt[key];
    if (s === undefined) continue;
    const missing: string[] = [];
    uncovered(s, '', covered[key], missing);
    for (const p of missing) {
      let node: BtValue | undefined = s;
      for (const part of p.split('.')) node = member(node, part);
      out.push(`${key}.${p}: babeltrace2 field (${btText(node)}) has no tracelab field`);
    }
  }
}

/** Differences between the two events (empty when they agree). */
export function compareEvent(bt: BtEvent, tl: TlEvent, limit = 20): string[] {
  const out: string[] = [];
  if (bt.name !== tl.cls.name) out.push(`name: babeltrace2 ${bt.name} vs tracelab ${tl.cls.name}`);
  if (bt.ts !== undefined && bt.ts !== tl.ts) out.push(`ts: babeltrace2 ${bt.ts} vs tracelab ${tl.ts}`);
  const cpu = intOf(member(bt.packetContext, 'cpu_id')) ?? intOf(member(bt.payload, 'perf_cpu'));
  if (cpu !== undefined && BigInt(tl.cpu) !== cpu) out.push(`cpu: babeltrace2 ${cpu} vs tracelab ${tl.cpu}`);
  if ((out.length > 0 && bt.name !== tl.cls.name) || bt.noFields) return out;
  compareScopes(bt, tl, out, limit);
  return out.slice(0, limit);
}

/** One-line description of an event for reports. */
export function describeBt(bt: BtEvent): string {
  const scopes = (['packetContext', 'commonContext', 'specificContext', 'payload'] as const)
    .filter(k => bt[k] !== undefined)
    .map(k => `${k}=${btText(bt[k])}`)
    .join(' ');
  return `[${bt.ts ?? '-'}] ${bt.name} ${scopes}`.slice(0, 400);
}

export function describeTl(tl: TlEvent): string {
  const fields = tl.cls.fields.map((f, i) => `${f.name}=${tlText(tl.values[i])}`).join(' ');
  return `#${tl.index} [${tl.ts}] cpu=${tl.cpu} stream=${tl.stream} ${tl.cls.name} ${fields}`.slice(0, 400);
}
