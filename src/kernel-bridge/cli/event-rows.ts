/**
 * Text rows of `tracelab events`: JSON Lines and CSV.
 *
 * JSONL: `{"ts":<ns>,"cpu":<n>,"name":"...","host":"...","fields":{...}}` plus `"context":{...}` (stream event
 * context and event context fields) when the class has any. Integers are exact JSON integers at any size; dotted
 * field names (`v.id`) become nested objects (`{"v":{"id":...}}`); arrays are arrays; enums are
 * `{"label":...,"value":...}`. CSV: header `ts,cpu,name,host,fields,context`, the last two holding the same JSON
 * objects as JSONL (`context` empty when the class has none), quoted per RFC 4180.
 *
 * Scope: per-class row plans compiled once (key strings and a field getter per leaf), then one string per event.
 */
import { jsonNumber, jsonString, jsonValue } from '../../analysis/arrow/value-json';
import type { EventBatch, EventClassInfo, Experiment, FieldInfo } from '../../analysis/trace/types';

type Getter = (b: EventBatch, i: number) => string;

/** A JSON object writer: literal text pieces between field values. */
interface ObjectPlan {
  literals: string[];
  getters: Getter[];
}

function getterFor(fi: number, info: FieldInfo): Getter {
  switch (info.type) {
    case 'int':
    case 'uint':
      return (b, i) => {
        const n = b.int(i, fi);
        if (Number.isSafeInteger(n)) return String(n);
        const big = b.bigint(i, fi);
        return big === undefined ? 'null' : big.toString();
      };
    case 'string':
      return (b, i) => {
        const s = b.str(i, fi);
        return s === undefined ? 'null' : jsonString(s);
      };
    case 'float':
      return (b, i) => {
        const v = b.value(i, fi);
        return typeof v === 'number' || typeof v === 'bigint' ? jsonNumber(v) : jsonValue(v);
      };
    default:
      return (b, i) => jsonValue(b.value(i, fi));
  }
}

interface Node {
  leaf?: Getter;
  children: Map<string, Node>;
}

function insert(root: Node, name: string, getter: Getter): void {
  const parts = name.split('.');
  let node = root;
  for (let p = 0; p < parts.length - 1; p++) {
    let next = node.children.get(parts[p]);
    if (next === undefined || next.leaf) {
      // a leaf already holds this key: keep the dotted name at this level instead of nesting under it
      if (next?.leaf) return insertFlat(node, parts.slice(p).join('.'), getter);
      next = { children: new Map() };
      node.children.set(parts[p], next);
    }
    node = next;
  }
  const last = parts[parts.length - 1];
  if (node.children.has(last)) return insertFlat(node, `${last}#${node.children.size}`, getter);
  node.children.set(last, { leaf: getter, children: new Map() });
}

function insertFlat(node: Node, key: string, getter: Getter): void {
  node.children.set(key, { leaf: getter, children: new Map() });
}

function emit(node: Node, plan: ObjectPlan, text: { s: string }): void {
  text.s += '{';
  let first = true;
  for (const [key, child] of node.children) {
    text.s += (first ? '' : ',') + jsonString(key) + ':';
    first = false;
    if (child.leaf) {
      plan.literals.push(text.s);
      plan.getters.push(child.leaf);
      text.s = '';
    } else emit(child, plan, text);
  }
  text.s += '}';
}

function objectPlan(fields: readonly { fi: number; info: FieldInfo }[]): ObjectPlan {
  const root: Node = { children: new Map() };
  for (const { fi, info } of fields) insert(root, info.name, getterFor(fi, info));
  const plan: ObjectPlan = { literals: [], getters: [] };
  const text = { s: '' };
  emit(root, plan, text);
  plan.literals.push(text.s);
  return plan;
}

function runPlan(plan: ObjectPlan, b: EventBatch, i: number): string {
  const { literals, getters } = plan;
  let s = literals[0];
  for (let k = 0; k < getters.length; k++) s += getters[k](b, i) + literals[k + 1];
  return s;
}

/** The compiled plan of one event class. */
export interface ClassRowPlan {
  readonly name: string;
  readonly host: string;
  /** `{...}` of payload fields. */
  fields(b: EventBatch, i: number): string;
  /** `{...}` of context fields, or undefined when the class has none. */
  context(b: EventBatch, i: number): string | undefined;
}

export function classRowPlan(exp: Experiment, cls: EventClassInfo): ClassRowPlan {
  const payload = cls.fields.map((info, fi) => ({ fi, info })).filter(f => f.info.scope === 'payload');
  const ctx = cls.fields.map((info, fi) => ({ fi, info })).filter(f => f.info.scope !== 'payload');
  const fieldsPlan = objectPlan(payload);
  const ctxPlan = ctx.length > 0 ? objectPlan(ctx) : undefined;
  return {
    name: cls.name,
    host: exp.traces[cls.traceIndex]?.hostname ?? '',
    fields: (b, i) => runPlan(fieldsPlan, b, i),
    context: (b, i) => (ctxPlan ? runPlan(ctxPlan, b, i) : undefined)
  };
}

/** Formats one event as a text row (with its newline). */
export type RowFormatter = (b: EventBatch, i: number) => string;

/** Lazily compiled per-class plans of an experiment. */
export function rowPlans(exp: Experiment): (classId: number) => ClassRowPlan {
  const plans: (ClassRowPlan | undefined)[] = [];
  return id => (plans[id] ??= classRowPlan(exp, exp.eventClasses[id]));
}

export function jsonlFormatter(exp: Experiment): RowFormatter {
  const plan = rowPlans(exp);
  const heads: string[] = [];
  return (b, i) => {
    const id = b.classId[i];
    const p = plan(id);
    const head = (heads[id] ??= `,"name":${jsonString(p.name)},"host":${jsonString(p.host)},"fields":`);
    const ctx = p.context(b, i);
    const tail = ctx === undefined ? '}\n' : `,"context":${ctx}}\n`;
    return `{"ts":${b.ts[i]},"cpu":${b.cpu[i]}${head}${p.fields(b, i)}${tail}`;
  };
}

/** An RFC 4180 CSV cell: quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = 'ts,cpu,name,host,fields,context\n';

export function csvFormatter(exp: Experiment): RowFormatter {
  const plan = rowPlans(exp);
  const heads: string[] = [];
  return (b, i) => {
    const id = b.classId[i];
    const p = plan(id);
    const head = (heads[id] ??= `,${csvCell(p.name)},${csvCell(p.host)},`);
    const ctx = p.context(b, i);
    return `${b.ts[i]},${b.cpu[i]}${head}${csvCell(p.fields(b, i))},${ctx === undefined ? '' : csvCell(ctx)}\n`;
  };
}
