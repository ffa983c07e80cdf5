/**
 * Event bodies of ftrace text into typed fields, named as the tracepoint's format fields (what perf reports):
 * - `key=value` lists (values may hold spaces: `prev_comm=Web Content prev_pid=2711`), with `[ns]` units dropped
 *   and bracketed pairs unwrapped (`vec=1 [action=TIMER]` → vec, action);
 * - sched_switch in the kernel's (`prev_comm=… ==> next_comm=…`) and trace-cmd's (`a:1 [120] S ==> b:2 [120]`)
 *   forms; `prev_state` becomes an enumeration (letters as label, kernel < 4.14 bits as value, see `prevState`);
 * - sched_wakeup in trace-cmd's form; sched_process_fork's printed `comm`/`pid` are `parent_comm`/`parent_pid`;
 * - raw syscalls (`NR 172 (29, c350, …)`, `NR 172 = 0`) and the syscall tracer (`fd: ff, buf: …` in bare hex;
 *   `-> 0x…` return values, signed);
 * - function (`func <-parent`) and function_graph (`func=0x… depth=n`, or trace-cmd's `0.123 us | func() {`).
 */
import type { FieldValue } from '../../trace/types';
import type { ValueKind } from './row-chunk';

export interface ParsedField {
  readonly name: string;
  readonly kind: ValueKind;
  readonly value: FieldValue;
  /** The text as printed. */
  readonly raw: string;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A number when exact, else bigint. */
export function exactInt(v: bigint): number | bigint {
  return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v;
}

/** The typed value of a printed token: decimal int, 0x hex, decimal float, else string. */
export function typedValue(name: string, raw: string): ParsedField {
  if (/^-?\d+$/.test(raw)) return { name, kind: 'int', value: exactInt(BigInt(raw)), raw };
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return { name, kind: 'uint', value: exactInt(BigInt(raw)), raw };
  if (/^-?\d+\.\d+(e[-+]?\d+)?$/.test(raw)) return { name, kind: 'float', value: Number(raw), raw };
  return { name, kind: 'string', value: raw, raw };
}

function hexBare(name: string, raw: string): ParsedField {
  return /^[0-9a-fA-F]+$/.test(raw)
    ? { name, kind: 'uint', value: exactInt(BigInt(`0x${raw}`)), raw }
    : typedValue(name, raw);
}

/** Kernel < 4.14 task state bits by printed letter (TASK_STATE_MAX 2048 marks preemption: `R+`). */
const STATE_BITS: Record<string, number> = {
  S: 1,
  D: 2,
  T: 4,
  t: 8,
  X: 16,
  Z: 32,
  x: 64,
  K: 128,
  W: 256,
  P: 512
};

/** `prev_state` letters (`R`, `R+`, `S`, `D|K`, `I`) as an enumeration value. */
export function prevState(raw: string): ParsedField {
  if (/^-?\d+$/.test(raw)) return typedValue('prev_state', raw);
  let v = 0;
  for (const ch of raw) {
    if (ch === '+') v |= 2048;
    else if (ch === 'I') v |= 2 | 1024;
    else if (ch === 'N') v |= 1024;
    else v |= STATE_BITS[ch] ?? 0;
  }
  return { name: 'prev_state', kind: 'enum', value: { label: raw, value: v }, raw };
}

const KEY = /(?:^|\s)([A-Za-z_][\w.]*)=/g;

/** `key=value …` pairs (values run to the next ` key=`). */
export function keyValues(body: string): ParsedField[] {
  let text = body;
  if (text.includes('[')) text = text.replace(/\s\[(?:ns|us|ms|s)\]/g, '').replace(/\[(\w+=[^\]]*)\]/g, '$1');
  if (text.includes('==>')) text = text.replace(/\s==>\s/, ' ');
  const keys: { name: string; at: number; valueAt: number }[] = [];
  for (const m of text.matchAll(KEY)) {
    const at = m.index + (m[0].length - m[1].length - 1);
    keys.push({ name: m[1], at, valueAt: m.index + m[0].length });
  }
  return keys.map((k, i) => {
    const raw = text.slice(k.valueAt, i + 1 < keys.length ? keys[i + 1].at : text.length).trim();
    return k.name === 'prev_state' ? prevState(raw) : typedValue(k.name, raw);
  });
}

const TC_SWITCH = /^(.*):(-?\d+) \[(-?\d+)\] (\S+) ==> (.*):(-?\d+) \[(-?\d+)\]$/;
const TC_WAKEUP = /^(.*):(-?\d+) \[(-?\d+)\](?: success=(\d+))? CPU:(\d+)$/;

function schedSwitch(body: string): ParsedField[] {
  const m = TC_SWITCH.exec(body.trim());
  if (m === null) return keyValues(body);
  return [
    { name: 'prev_comm', kind: 'string', value: m[1], raw: m[1] },
    typedValue('prev_pid', m[2]),
    typedValue('prev_prio', m[3]),
    prevState(m[4]),
    { name: 'next_comm', kind: 'string', value: m[5], raw: m[5] },
    typedValue('next_pid', m[6]),
    typedValue('next_prio', m[7])
  ];
}

function schedWakeup(body: string): ParsedField[] {
  const m = TC_WAKEUP.exec(body.trim());
  if (m === null) return keyValues(body);
  const out = [
    { name: 'comm', kind: 'string' as const, value: m[1], raw: m[1] },
    typedValue('pid', m[2]),
    typedValue('prio', m[3])
  ];
  if (m[4] !== undefined) out.push(typedValue('success', m[4]));
  out.push(typedValue('target_cpu', m[5]));
  return out;
}

function rawSyscall(enter: boolean, body: string): ParsedField[] {
  const m = enter ? /^NR (-?\d+) \((.*)\)$/.exec(body.trim()) : /^NR (-?\d+) = (-?\d+)$/.exec(body.trim());
  if (m === null) return keyValues(body);
  if (!enter) return [typedValue('id', m[1]), typedValue('ret', m[2])];
  const args = m[2] === '' ? [] : m[2].split(/,\s*/).map(a => hexBare('arg', a).value);
  return [typedValue('id', m[1]), { name: 'args', kind: 'list', value: args, raw: m[2] }];
}

function syscallTracer(enter: boolean, body: string): ParsedField[] {
  if (!enter) {
    const neg = body.startsWith('-');
    const v = BigInt.asIntN(64, BigInt(neg ? body.slice(1) : body)) * (neg ? -1n : 1n);
    return [{ name: 'ret', kind: 'int', value: exactInt(v), raw: body }];
  }
  const out: ParsedField[] = [];
  for (const part of body.split(/,\s*/)) {
    const m = /^(\w+):\s*(\S*)$/.exec(part.trim());
    if (m !== null) out.push(hexBare(m[1], m[2]));
  }
  return out;
}

const GRAPH_TEXT = /^(?:[!#@*+$]\s*)?(?:(\d+(?:\.\d+)?) us\s*)?\|(\s*)(.*?)\s*$/;

/** Microseconds text → ns. */
function usToNs(us: string): bigint {
  const [i, f = ''] = us.split('.');
  return BigInt(i) * 1000n + BigInt((f + '000').slice(0, 3));
}

function funcGraph(entry: boolean, body: string): ParsedField[] {
  const m = GRAPH_TEXT.exec(body);
  if (m === null) return keyValues(body);
  const out: ParsedField[] = [];
  const call = /^([^\s(]+)\(\)\s*(\{|;)?/.exec(m[3]);
  const closing = /^\}(?:\s*\/\*\s*(\S+)\s*\*\/)?/.exec(m[3]);
  const name = call?.[1] ?? closing?.[1];
  if (name !== undefined) out.push({ name: 'func', kind: 'string', value: name, raw: name });
  out.push({ name: 'depth', kind: 'int', value: Math.max(0, Math.floor((m[2].length - 1) / 2)), raw: m[2] });
  const leaf = entry && call?.[2] === ';';
  if (m[1] !== undefined && (leaf || !entry)) {
    out.push({ name: 'duration', kind: 'int', value: exactInt(usToNs(m[1])), raw: m[1] });
  }
  return out;
}

function functionCall(body: string): ParsedField[] {
  const m = /^(\S+)\s+<-+\s*(\S+)\s*$/.exec(body.trim());
  if (m === null) return keyValues(body);
  return [typedValue('ip', m[1]), typedValue('parent_ip', m[2])];
}

const RENAME: Record<string, Record<string, string>> = {
  sched_process_fork: { comm: 'parent_comm', pid: 'parent_pid' }
};

/** Typed fields of an event's body. */
export function parseBody(event: string, body: string): ParsedField[] {
  if (event === 'sched_switch') return schedSwitch(body);
  if (event === 'sched_wakeup' || event === 'sched_wakeup_new' || event === 'sched_waking') {
    return schedWakeup(body);
  }
  if (event === 'sys_enter' || event === 'sys_exit') return rawSyscall(event === 'sys_enter', body);
  if (event.startsWith('sys_enter_')) return syscallTracer(true, body);
  if (event.startsWith('sys_exit_')) return syscallTracer(false, body);
  if (event === 'funcgraph_entry' || event === 'funcgraph_exit') {
    return body.includes('|') ? funcGraph(event === 'funcgraph_entry', body) : keyValues(body);
  }
  if (event === 'function') return functionCall(body);
  if (event === 'unknown') return [{ name: 'text', kind: 'string', value: body, raw: body }];
  const fields = keyValues(body);
  if (fields.length === 0 && body.trim() !== '') {
    return [{ name: 'text', kind: 'string', value: body, raw: body }];
  }
  const rename = RENAME[event];
  return rename === undefined ? fields : fields.map(f => ({ ...f, name: rename[f.name] ?? f.name }));
}
