/**
 * Google Cloud Trace (API v1) JSON documents — `{projectId, traceId, spans: [...]}`, or `{traces: [...]}` of
 * those — as records shaped like trace-event complete events, so call stacks and tables read them the same way:
 * one `ph: "X"` record per span, class = span name, timestamp = `startTime`, `dur` = `endTime - startTime` (ns,
 * exact: RFC 3339 times carry up to 9 fraction digits), `cat` = span kind, then `spanId`, `parentSpanId`,
 * `traceId` and one `args.<key>` per label.
 *
 * Spans of one trace go to one process (`pid` = trace number, from 1) and to stack-consistent lanes (`tid`): a
 * span joins the first lane whose open spans all contain it, so parallel children (overlapping siblings) take
 * separate lanes instead of breaking the nesting. Lane names go to the environment as trace-event metadata does
 * (`thread_name:<pid>:<tid>` = `trace <traceId>` then ` #n`; `process_name:<pid>` = the project).
 */
import type { ParsedField } from '../ftrace/body';
import { exactInt } from '../ftrace/body';
import { JsonNumber } from '../trace-event/lenient-json';
import type { JsonValue } from '../trace-event/lenient-json';
import type { MemoryRecord } from '../memory-source';

type JsonObject = { [key: string]: JsonValue };

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** ns since the Unix epoch of an RFC 3339 time (`2015-09-03T16:40:00.841654024Z`), or undefined. */
export function rfc3339ToNs(text: string): bigint | undefined {
  const m = RFC3339.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return undefined;
  let ns = BigInt(ms) * 1_000_000n + BigInt((frac ?? '').padEnd(9, '0'));
  if (sign !== undefined) {
    const offset = BigInt(Number(oh) * 60 + Number(om)) * 60_000_000_000n;
    ns += sign === '+' ? -offset : offset;
  }
  return ns;
}

export class GcloudTraceError extends Error {
  constructor(file: string, what: string) {
    super(`${file}: not a readable Google Cloud Trace document: ${what}`);
    this.name = 'GcloudTraceError';
  }
}

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !(v instanceof JsonNumber);

function text(v: JsonValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof JsonNumber) return v.raw;
  return undefined;
}

const str = (name: string, value: string): ParsedField => ({ name, kind: 'string', value, raw: value });
const int = (name: string, value: bigint): ParsedField => ({
  name,
  kind: 'int',
  value: exactInt(value),
  raw: String(value)
});

interface Span {
  readonly obj: JsonObject;
  readonly name: string;
  readonly start: bigint;
  readonly end: bigint;
}

function readSpan(file: string, obj: JsonValue, where: string): Span {
  if (!isObject(obj)) throw new GcloudTraceError(file, `${where} is not an object`);
  const start = rfc3339ToNs(text(obj.startTime) ?? '');
  const end = rfc3339ToNs(text(obj.endTime) ?? '');
  if (start === undefined) throw new GcloudTraceError(file, `${where}.startTime is not an RFC 3339 time`);
  if (end === undefined) throw new GcloudTraceError(file, `${where}.endTime is not an RFC 3339 time`);
  if (end < start) throw new GcloudTraceError(file, `${where} ends before it starts`);
  return { obj, name: text(obj.name) ?? '(unnamed)', start, end };
}

/** Lane of each span (spans sorted by start, longer first): the first lane whose open spans all contain it. */
function lanes(spans: readonly Span[]): number[] {
  const open: bigint[][] = [];
  return spans.map(s => {
    for (let l = 0; ; l++) {
      if (l === open.length) open.push([]);
      const stack = open[l];
      while (stack.length > 0 && stack[stack.length - 1] <= s.start) stack.pop();
      if (stack.length === 0 || stack[stack.length - 1] >= s.end) {
        stack.push(s.end);
        return l;
      }
    }
  });
}

function spanRecord(s: Span, pid: number, tid: number, traceId: string): MemoryRecord {
  const o = s.obj;
  const fields: ParsedField[] = [str('ph', 'X'), str('cat', text(o.kind) ?? ''), int('pid', BigInt(pid))];
  fields.push(int('tid', BigInt(tid)), int('dur', s.end - s.start));
  fields.push(str('spanId', text(o.spanId) ?? ''), str('parentSpanId', text(o.parentSpanId) ?? ''));
  fields.push(str('traceId', traceId));
  if (isObject(o.labels)) {
    for (const [k, v] of Object.entries(o.labels)) {
      fields.push(str(`args.${k}`, text(v) ?? JSON.stringify(v)));
    }
  }
  return { name: s.name, ts: s.start, fields };
}

/** The records and environment of one trace object (number `pid`). */
function traceRecords(
  file: string,
  t: JsonValue,
  pid: number,
  env: Record<string, string | bigint>
): MemoryRecord[] {
  if (!isObject(t) || !Array.isArray(t.spans)) {
    throw new GcloudTraceError(file, `trace ${pid} has no spans array`);
  }
  const traceId = text(t.traceId) ?? '';
  const spans = t.spans
    .map((o, k) => readSpan(file, o, `trace ${pid} span ${k}`))
    .sort((a, b) =>
      a.start < b.start ? -1 : a.start > b.start ? 1 : a.end > b.end ? -1 : a.end < b.end ? 1 : 0
    );
  const lane = lanes(spans);
  const project = text(t.projectId);
  if (project !== undefined) env[`process_name:${pid}`] = project;
  const used = new Set(lane);
  for (const l of used) env[`thread_name:${pid}:${l + 1}`] = `trace ${traceId}${l === 0 ? '' : ` #${l + 1}`}`;
  return spans.map((s, k) => spanRecord(s, pid, lane[k] + 1, traceId));
}

/** Records of a parsed document; `env` receives the project, trace ids and lane names. */
export function gcloudRecords(
  file: string,
  doc: JsonValue,
  env: Record<string, string | bigint>
): MemoryRecord[] {
  if (!isObject(doc)) throw new GcloudTraceError(file, 'the document is not an object');
  const traces = Array.isArray(doc.traces) ? doc.traces : [doc];
  const out: MemoryRecord[] = [];
  traces.forEach((t, k) => {
    out.push(...traceRecords(file, t, k + 1, env));
    if (isObject(t) && typeof t.traceId === 'string') env[`trace_id:${k + 1}`] = t.traceId;
  });
  env.traces = BigInt(traces.length);
  return out;
}
