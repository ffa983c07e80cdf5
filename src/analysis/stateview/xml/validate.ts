/**
 * Validates a Trace Compass XML analysis document against the schema of `schema.ts`: attributes (allowed,
 * required, enumerations, integer/long/boolean/ID types), character data, and children against each element's
 * content model (sequences, choices, occurrence bounds). The first violation is thrown as a `TcXmlError` naming
 * the element, its line and the rule it breaks.
 *
 * Scope: structure only (what an XSD validator checks); references between elements are checked on import.
 */
import { TcXmlError } from './dom';
import type { XmlElement } from './dom';
import { EXTRA_ELEMENTS, ROOT_ELEMENT, TYPES } from './schema';
import type { AttrRule, ElementType, Particle } from './schema';

export interface ValidateOptions {
  /** Names of extension elements (members of the `extra` group) to accept without checking their content. */
  extraElements?: readonly string[];
}

interface Search {
  names: string[];
  extras: ReadonlySet<string>;
  furthest: number;
  expected: Set<string>;
}

function tried(s: Search, pos: number, what: string): void {
  if (pos > s.furthest) {
    s.furthest = pos;
    s.expected = new Set();
  }
  if (pos === s.furthest) s.expected.add(what);
}

/** Records that the children up to `pos` were matched (nothing expected there yet). */
function reached(s: Search, pos: number): void {
  if (pos > s.furthest) {
    s.furthest = pos;
    s.expected = new Set();
  }
}

function once(p: Particle, pos: number, s: Search): Set<number> {
  if ('el' in p) {
    if (s.names[pos] === p.el) {
      reached(s, pos + 1);
      return new Set([pos + 1]);
    }
    tried(s, pos, `<${p.el}>`);
    return new Set();
  }
  if ('extra' in p) {
    if (pos < s.names.length && s.extras.has(s.names[pos])) {
      reached(s, pos + 1);
      return new Set([pos + 1]);
    }
    tried(s, pos, 'an extension element');
    return new Set();
  }
  if ('seq' in p) {
    let cur = new Set([pos]);
    for (const c of p.seq) {
      const next = new Set<number>();
      for (const q of cur) for (const r of match(c, q, s)) next.add(r);
      cur = next;
      if (cur.size === 0) break;
    }
    return cur;
  }
  const out = new Set<number>();
  for (const c of p.choice) for (const r of match(c, pos, s)) out.add(r);
  return out;
}

/** End positions reachable by matching `p` (with its occurrence bounds) from `pos`. */
function match(p: Particle, pos: number, s: Search): Set<number> {
  const results = new Set<number>();
  if (p.min === 0) results.add(pos);
  let frontier = new Set([pos]);
  for (let k = 1; k <= p.max && frontier.size > 0; k++) {
    const next = new Set<number>();
    for (const q of frontier) for (const r of once(p, q, s)) next.add(r);
    if (k >= p.min) {
      const fresh = new Set([...next].filter(r => !results.has(r)));
      for (const r of next) results.add(r);
      frontier = fresh;
    } else frontier = next;
  }
  return results;
}

/** Child element name → type, from a content model. */
function childTypes(p: Particle | undefined, out: Map<string, string> = new Map()): Map<string, string> {
  if (p === undefined) return out;
  if ('el' in p) out.set(p.el, p.type);
  else if ('seq' in p) p.seq.forEach(c => childTypes(c, out));
  else if ('choice' in p) p.choice.forEach(c => childTypes(c, out));
  return out;
}

const KIND_TEST: Record<string, [RegExp, string]> = {
  integer: [/^[+-]?\d+$/, 'an integer'],
  long: [/^[+-]?\d+$/, 'a long integer'],
  boolean: [/^(true|false|1|0)$/, 'a boolean (true, false, 1, 0)'],
  id: [/^[A-Za-z_][\w.-]*$/, 'an XML ID (a name: letters, digits, ., -, _)'],
  nonEmpty: [/./, 'a non-empty string']
};

class Validator {
  private readonly ids = new Set<string>();
  private readonly extras: Set<string>;

  constructor(
    private readonly file: string,
    opts: ValidateOptions
  ) {
    this.extras = new Set([...Object.keys(EXTRA_ELEMENTS), ...(opts.extraElements ?? [])]);
  }

  private fail(el: XmlElement, rule: string): never {
    throw new TcXmlError(this.file, el.line, `<${el.name}>: ${rule}`);
  }

  private attribute(el: XmlElement, name: string, value: string, rule: AttrRule): void {
    const v = value.trim();
    if (rule.values && !rule.values.includes(v)) {
      this.fail(el, `attribute ${name}="${value}" is not one of ${rule.values.join(', ')}`);
    }
    if (rule.kind) {
      const [re, what] = KIND_TEST[rule.kind];
      if (!re.test(v)) this.fail(el, `attribute ${name}="${value}" must be ${what}`);
      if (rule.kind === 'long' && (BigInt(v) > 2n ** 63n - 1n || BigInt(v) < -(2n ** 63n))) {
        this.fail(el, `attribute ${name}="${value}" is out of the long range`);
      }
      if (rule.kind === 'id') {
        if (this.ids.has(v)) {
          this.fail(el, `attribute ${name}="${value}": this ID is already used in the document`);
        }
        this.ids.add(v);
      }
    }
  }

  private attributes(el: XmlElement, type: ElementType): void {
    for (const [name, value] of el.attrs) {
      if (name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:')) continue;
      const rule = type.attrs[name];
      if (rule === undefined) {
        if (type.anyAttr) continue;
        const allowed = Object.keys(type.attrs);
        this.fail(
          el,
          `attribute '${name}' is not allowed${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`
        );
      }
      this.attribute(el, name, value, rule);
    }
    for (const [name, rule] of Object.entries(type.attrs)) {
      if (rule.required && !el.attrs.has(name)) this.fail(el, `the required attribute '${name}' is missing`);
    }
  }

  private content(el: XmlElement, type: ElementType): void {
    if (!type.text && el.text.trim() !== '') this.fail(el, 'character data is not allowed in this element');
    if (type.content === undefined) {
      if (el.children.length > 0) this.fail(el, `must be empty, but contains <${el.children[0].name}>`);
      return;
    }
    const s: Search = {
      names: el.children.map(c => c.name),
      extras: this.extras,
      furthest: -1,
      expected: new Set()
    };
    const ends = match(type.content, 0, s);
    if (ends.has(s.names.length)) return;
    const expected = [...s.expected].join(', ');
    if (s.furthest >= 0 && s.furthest < s.names.length) {
      const c = el.children[s.furthest];
      throw new TcXmlError(
        this.file,
        c.line,
        `<${c.name}> is not allowed here in <${el.name}> (line ${el.line}); ` +
          (expected
            ? `expected ${expected}`
            : `no more elements are allowed after <${el.children[s.furthest - 1]?.name}>`)
      );
    }
    const last = el.children[el.children.length - 1];
    this.fail(
      el,
      `incomplete content: expected ${expected || 'more elements'}` +
        (last ? ` after the last <${last.name}> (line ${last.line})` : '')
    );
  }

  element(el: XmlElement, typeName: string): void {
    const type = TYPES[typeName];
    this.attributes(el, type);
    this.content(el, type);
    const types = childTypes(type.content);
    for (const c of el.children) {
      const t = types.get(c.name) ?? EXTRA_ELEMENTS[c.name];
      if (t !== undefined) this.element(c, t);
      // other extension elements: accepted as they are (their schema is not known here)
    }
  }
}

/** Throws a `TcXmlError` unless `root` is a valid analysis document. */
export function validateDocument(root: XmlElement, file: string, opts: ValidateOptions = {}): void {
  if (root.name !== ROOT_ELEMENT) {
    throw new TcXmlError(file, root.line, `the root element must be <${ROOT_ELEMENT}>, not <${root.name}>`);
  }
  new Validator(file, opts).element(root, ROOT_ELEMENT);
}
