/**
 * Resolution pass: binds every dynamic reference of a trace class (sequence / dynamic-length lengths, variant and
 * optional selectors) to the field it names, assigns each referenced field a "stored value" slot, builds variant
 * option tables, and validates the references (clear `MetadataError`s, as babeltrace2's `fail/` traces expect).
 *
 * Lookup rules:
 *   - absolute locations (`origin` set): member names from that scope's root;
 *   - CTF 1.8 relative names: searched among the *preceding* members of the enclosing structures from the
 *     innermost outwards (babeltrace2's rule), then, as the CTF 1.8 spec allows, from the roots of the enclosing
 *     dynamic scopes, nearest first (payload -> specific context -> common context -> header -> packet context ->
 *     packet header);
 *   - CTF 2 relative locations (`null` = parent structure): walked from the structure holding the anchor field.
 *
 * The pass works on private deep copies of the scope structures (`cloneFieldClass`), so a field class object the
 * metadata front end shares between two places never receives two different bindings. Trees without references
 * (`hasReferences`: most event classes) are neither copied nor walked.
 */
import type { FieldClass, FieldLocation, Mapping, Scope, StructFC, VariantFC } from '../ir';
import { MetadataError, displayName } from '../ir';

/** Scopes in decoding order. */
export const SCOPE_ORDER: readonly Scope[] = [
  'packet.header',
  'packet.context',
  'event.header',
  'event.common_context',
  'event.specific_context',
  'event.payload'
];

/** One selectable range of a variant or optional: inclusive bounds (numbers) and the option index. */
export interface SelectRange {
  lo: number;
  hi: number;
  option: number;
}

/** Shared result of resolving all scopes of a trace class. */
export class Resolution {
  /** Slot of each referenced (stored) field. */
  readonly slotOf = new Map<FieldClass, number>();
  /** Slot read by each dynamic user field (array/sequence, variant, optional, sized string, blob). */
  readonly useSlot = new Map<FieldClass, number>();
  /** Option tables of variants (and the "present" ranges of integer-selected optionals: option 0). */
  readonly select = new Map<FieldClass, SelectRange[]>();
  /** True for optionals whose selector is a boolean. */
  readonly boolSelector = new Set<FieldClass>();
  slotCount = 0;

  constructor(readonly file: string) {}

  slotFor(target: FieldClass): number {
    let s = this.slotOf.get(target);
    if (s === undefined) {
      s = this.slotCount++;
      this.slotOf.set(target, s);
    }
    return s;
  }
}

/** Deep copy of plain metadata data (field classes hold only plain objects, arrays, primitives and bigints). */
export function cloneFieldClass<T>(v: T): T {
  if (Array.isArray(v)) return v.map(x => cloneFieldClass(x)) as unknown as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = cloneFieldClass(x);
    return out as T;
  }
  return v;
}

/**
 * True when resolving `fc` would bind or check anything: it holds a sequence or dynamic-length string / BLOB, an
 * array without a length, a variant or an optional. A tree without any needs neither resolution nor a copy.
 */
export function hasReferences(fc: FieldClass | undefined): boolean {
  if (fc === undefined) return false;
  switch (fc.kind) {
    case 'struct':
      for (let i = 0; i < fc.members.length; i++) if (hasReferences(fc.members[i].fc)) return true;
      return false;
    case 'array':
      return fc.lengthLocation !== undefined || fc.length === undefined || hasReferences(fc.element);
    case 'sized-string':
    case 'blob':
      return fc.lengthLocation !== undefined || fc.length === undefined;
    case 'variant':
    case 'optional':
      return true;
    default:
      return false;
  }
}

interface Frame {
  struct: StructFC;
  /** Index of the member being visited. */
  index: number;
}

interface Ctx {
  res: Resolution;
  roots: Partial<Record<Scope, StructFC>>;
  scope: Scope;
  frames: Frame[];
  ctf2: boolean;
  where: string;
}

/**
 * Resolves the dynamic references of one scope root. `roots` holds the (already cloned) roots of this scope and
 * of all preceding scopes of the same event record.
 */
export function resolveScope(
  res: Resolution,
  roots: Partial<Record<Scope, StructFC>>,
  scope: Scope,
  ctf2: boolean,
  where: string
): void {
  const root = roots[scope];
  if (!root) return;
  const ctx: Ctx = { res, roots, scope, frames: [], ctf2, where };
  walk(root, ctx);
}

function walk(fc: FieldClass, ctx: Ctx): void {
  switch (fc.kind) {
    case 'struct': {
      const frame: Frame = { struct: fc, index: 0 };
      ctx.frames.push(frame);
      for (let i = 0; i < fc.members.length; i++) {
        frame.index = i;
        walk(fc.members[i].fc, ctx);
      }
      ctx.frames.pop();
      return;
    }
    case 'array':
      if (fc.lengthLocation) bindLength(fc, fc.lengthLocation, ctx);
      else if (fc.length === undefined) fail(ctx, 'array without length');
      walk(fc.element, ctx);
      return;
    case 'sized-string':
    case 'blob':
      if (fc.lengthLocation) bindLength(fc, fc.lengthLocation, ctx);
      else if (fc.length === undefined) fail(ctx, `${fc.kind} without length`);
      return;
    case 'variant':
      bindVariant(fc, ctx);
      for (const o of fc.options) walk(o.fc, ctx);
      return;
    case 'optional':
      bindOptional(fc, ctx);
      walk(fc.fc, ctx);
      return;
    default:
      return;
  }
}

function fail(ctx: Ctx, msg: string): never {
  throw new MetadataError(`${ctx.where} (${ctx.scope}): ${msg}`, ctx.res.file);
}

function locText(loc: FieldLocation): string {
  const p = loc.path.map(x => (x === null ? '<parent>' : x)).join('.');
  return loc.origin ? `${loc.origin}:${p}` : p;
}

function bindLength(user: FieldClass, loc: FieldLocation, ctx: Ctx): void {
  const t = locate(loc, ctx);
  const ok =
    (t.kind === 'int' && !t.signed) ||
    (t.kind === 'varint' && !t.signed) ||
    (t.kind === 'enum' && !t.container.signed);
  if (!ok) fail(ctx, `length field \`${locText(loc)}\` is a ${describe(t)}, expected an unsigned integer`);
  ctx.res.useSlot.set(user, ctx.res.slotFor(t));
}

function describe(fc: FieldClass): string {
  if (fc.kind === 'int') return `${fc.signed ? 'signed' : 'unsigned'} integer`;
  return fc.kind === 'enum' ? 'enumeration' : fc.kind;
}

function bindVariant(v: VariantFC, ctx: Ctx): void {
  const t = locate(v.selectorLocation, ctx);
  const where = `variant selector \`${locText(v.selectorLocation)}\``;
  const explicit = v.options.some(o => o.ranges !== undefined);
  let table: SelectRange[];
  if (explicit) {
    if (t.kind !== 'int' && t.kind !== 'enum' && t.kind !== 'varint') {
      fail(ctx, `${where} is a ${describe(t)}, expected an integer`);
    }
    table = [];
    v.options.forEach((o, option) => {
      for (const [lo, hi] of o.ranges ?? []) table.push({ lo: Number(lo), hi: Number(hi), option });
    });
  } else {
    const mappings =
      t.kind === 'enum' ? t.mappings : t.kind !== 'bool' && 'mappings' in t ? t.mappings : undefined;
    if (!mappings) fail(ctx, `${where} is a ${describe(t)}, expected an enumeration`);
    table = optionTable(v, mappings);
  }
  ctx.res.select.set(v, table);
  ctx.res.useSlot.set(v, ctx.res.slotFor(t));
}

/**
 * Matches enumeration labels to variant options. Exact names first (babeltrace2 2.0 matches the names as written:
 * `meta-variant-*` traces); when a label has no exact option, names are compared with one leading underscore
 * removed on both sides (the CTF 1.8 escaping rule; babeltrace2 2.0.4 aborts on such traces).
 */
export function optionTable(v: VariantFC, mappings: Mapping[]): SelectRange[] {
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  v.options.forEach((o, i) => {
    if (o.name === undefined) return;
    if (!exact.has(o.name)) exact.set(o.name, i);
    const d = displayName(o.name);
    if (!loose.has(d)) loose.set(d, i);
  });
  const table: SelectRange[] = [];
  for (const m of mappings) {
    const option = exact.get(m.label) ?? loose.get(displayName(m.label));
    if (option === undefined) continue;
    for (const [lo, hi] of m.ranges) table.push({ lo: Number(lo), hi: Number(hi), option });
  }
  return table;
}

function bindOptional(fc: FieldClass & { kind: 'optional' }, ctx: Ctx): void {
  const t = locate(fc.selectorLocation, ctx);
  const where = `optional selector \`${locText(fc.selectorLocation)}\``;
  if (t.kind === 'bool') {
    ctx.res.boolSelector.add(fc);
  } else if (t.kind === 'int' || t.kind === 'enum' || t.kind === 'varint') {
    ctx.res.select.set(
      fc,
      (fc.ranges ?? []).map(([lo, hi]) => ({ lo: Number(lo), hi: Number(hi), option: 0 }))
    );
  } else {
    fail(ctx, `${where} is a ${describe(t)}, expected a boolean or an integer`);
  }
  ctx.res.useSlot.set(fc, ctx.res.slotFor(t));
}

/** Splits TSDL dotted names (`a.b`) into components. */
function tokens(loc: FieldLocation): (string | null)[] {
  const out: (string | null)[] = [];
  for (const p of loc.path) {
    if (p === null) out.push(null);
    else out.push(...p.split('.'));
  }
  return out;
}

function locate(loc: FieldLocation, ctx: Ctx): FieldClass {
  const toks = tokens(loc);
  let found: FieldClass | undefined;
  if (loc.origin) {
    const root = ctx.roots[loc.origin];
    if (!root) fail(ctx, `\`${locText(loc)}\`: scope ${loc.origin} is absent or follows this one`);
    found = descend(root, toks, loc.origin === ctx.scope ? ctx.frames[0]?.index : undefined);
  } else if (ctx.ctf2 || toks.includes(null)) {
    found = locateCtf2Relative(toks, ctx) ?? (toks.includes(null) ? undefined : locateRelative(toks, ctx));
  } else {
    found = locateRelative(toks, ctx);
  }
  if (!found) fail(ctx, `cannot find field \`${locText(loc)}\``);
  return found;
}

/** Descends struct members by name; `before` limits the first level to members preceding that index. */
function descend(root: StructFC, toks: (string | null)[], before?: number): FieldClass | undefined {
  let cur: FieldClass = root;
  for (let k = 0; k < toks.length; k++) {
    const name = toks[k];
    if (cur.kind !== 'struct' || name === null) return undefined;
    const limit: number = k === 0 && before !== undefined ? before : cur.members.length;
    const m: { fc: FieldClass } | undefined = cur.members.slice(0, limit).find(x => x.name === name);
    if (!m) return undefined;
    cur = m.fc;
  }
  return cur;
}

function locateRelative(toks: (string | null)[], ctx: Ctx): FieldClass | undefined {
  for (let f = ctx.frames.length - 1; f >= 0; f--) {
    const hit = descend(ctx.frames[f].struct, toks, ctx.frames[f].index);
    if (hit) return hit;
  }
  const here = SCOPE_ORDER.indexOf(ctx.scope);
  for (let s = here - 1; s >= 0; s--) {
    const root = ctx.roots[SCOPE_ORDER[s]];
    const hit = root && descend(root, toks);
    if (hit) return hit;
  }
  return undefined;
}

function locateCtf2Relative(toks: (string | null)[], ctx: Ctx): FieldClass | undefined {
  let f = ctx.frames.length - 1;
  let k = 0;
  while (k < toks.length && toks[k] === null) {
    f--;
    k++;
  }
  if (f < 0) return undefined;
  return descend(ctx.frames[f].struct, toks.slice(k), ctx.frames[f].index);
}
