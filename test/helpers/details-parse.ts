/**
 * Parses the event messages of babeltrace2 `sink.text.details` output (the `.expect` files of babeltrace2's own
 * test suite, `../shared/traces/babeltrace2/expect/`) into the same event shape as the pretty parser, so the same
 * comparison applies. Other messages (stream/packet beginning and end, metadata) are skipped.
 *
 * Event block (non-compact form), separated from the next message by an empty line:
 *   [<cycles> cycles, <ns> ns from origin]          (only when the stream class has a clock)
 *   {Trace 0, Stream class ID 0, Stream ID 2}
 *   Event `name` (Class ID 0):
 *     Common context:  / Specific context:  / Payload:
 *       member: value            scalar (text kept raw: see compare-values.ts `detailsTextEqual`)
 *       member:                  structure, members 2 spaces deeper (`member: Empty` when it has none)
 *       member: Length N:        array or sequence, `[i]: value` lines 2 spaces deeper (`Empty` when N = 0)
 * Variants and options print their selected value directly, without a wrapper.
 * Compact form (`compact=yes`): `[<cycles> <ns>] {0 0 0} Event `name` (0)` — name and time only (such events
 * carry no scopes, so only name and timestamp are compared; `noFields`).
 */
import type { BtEvent, BtStruct, BtValue } from './bt2-pretty-parse';

const TIME = /^\[([0-9,]+) cycles, (-?[0-9,]+) ns from origin\]$/;
/** Compact form (`compact=yes`): one line per message, no fields. */
const COMPACT_EVENT = /^(?:\[[0-9,]+ (-?[0-9,]+)\] )?\{[0-9]+ [0-9]+ [0-9]+\} Event `(.*)` \([0-9,]+\)$/;
const EVENT = /^Event `(.*)` \(Class ID [0-9,]+\):?$/;
const SCOPE: Record<string, 'commonContext' | 'specificContext' | 'payload'> = {
  'Common context:': 'commonContext',
  'Specific context:': 'specificContext',
  'Payload:': 'payload'
};

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Parses the children (at `indent`) of a compound value starting at `lines[i]`; returns [value, next index]. */
function parseChildren(lines: string[], i: number, indent: number, array: boolean): [BtValue, number] {
  const m: [string, BtValue][] = [];
  const items: BtValue[] = [];
  while (i < lines.length && indentOf(lines[i]) === indent) {
    const body = lines[i].slice(indent);
    const sep = body.indexOf(':');
    const name = body.slice(0, sep);
    const rest = body.slice(sep + 1);
    let v: BtValue;
    [v, i] = parseAfterName(lines, i + 1, indent, rest);
    if (array) items.push(v);
    else m.push([name, v]);
  }
  return [array ? { k: 'array', items } : { k: 'struct', m }, i];
}

function parseAfterName(lines: string[], next: number, indent: number, rest: string): [BtValue, number] {
  const len = /^ Length [0-9,]+:$/.exec(rest);
  if (len) return parseChildren(lines, next, indent + 2, true);
  if (rest === '') {
    if (next < lines.length && indentOf(lines[next]) > indent) {
      return parseChildren(lines, next, indent + 2, false);
    }
    return [{ k: 'struct', m: [] }, next];
  }
  return [{ k: 'text', v: rest.slice(1) }, next];
}

function parseBlock(block: string[]): BtEvent | undefined {
  let i = 0;
  let ts: bigint | undefined;
  const t = TIME.exec(block[i]);
  if (t) {
    ts = BigInt(t[2].replace(/,/g, ''));
    i++;
  }
  if (!block[i]?.startsWith('{Trace ')) return undefined;
  const e = EVENT.exec(block[++i] ?? '');
  if (!e) return undefined;
  const ev: BtEvent = { ts, name: e[1] };
  for (i++; i < block.length;) {
    const line = block[i].trim();
    const empty = line.endsWith(': Empty');
    const key = SCOPE[empty ? line.slice(0, -' Empty'.length) : line];
    if (key === undefined) throw new Error(`details: unexpected line in event ${e[1]}: ${block[i]}`);
    let v: BtValue = { k: 'struct', m: [] };
    if (empty) i++;
    else [v, i] = parseAfterName(block, i + 1, indentOf(block[i]), '');
    ev[key] = v as BtStruct;
  }
  return ev;
}

/** All event messages of a details text, in order. */
export function parseDetailsEvents(text: string): BtEvent[] {
  const events: BtEvent[] = [];
  let block: string[] = [];
  const flush = (): void => {
    if (block.length > 0) {
      const ev = parseBlock(block);
      if (ev) events.push(ev);
    }
    block = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const c = COMPACT_EVENT.exec(line);
    if (c) {
      flush();
      events.push({
        ts: c[1] === undefined ? undefined : BigInt(c[1].replace(/,/g, '')),
        name: c[2],
        noFields: true
      });
      continue;
    }
    if (line === '') flush();
    else block.push(line);
  }
  flush();
  return events;
}
