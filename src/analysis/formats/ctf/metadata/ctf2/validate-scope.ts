/**
 * Static checks of one CTF 2 scope field class (packet header, packet context, event record header, common
 * context, specific context, payload) once it is parsed:
 *   - roles: only those CTF2-SPEC-2.0 §5.6.1/§5.8.1 allow in that scope, clock roles only with a default clock,
 *     `metadata-stream-uuid` only with a metadata stream UUID;
 *   - field locations (lengths and selectors): the origin scope must be this one or an earlier one and exist,
 *     every path member must exist (through arrays, optionals and variant options), the first member must come
 *     before the dependent field when it is in the same structure, and the located field must have a usable
 *     class (unsigned integer for lengths; boolean/integer for optional selectors; integer for variants).
 * Locations whose path has a `null` (parent) after a member name are not resolved statically (left to the
 * decoder).
 */

import type { FieldClass, FieldLocation, Role, Scope, StructFC } from '../../ir';
import { Ctf2Error } from './json-access';
import { SCOPE_ORDER } from './field-location';

const SCOPE_ROLES: Record<Scope, readonly Role[]> = {
  'packet.header': ['packet-magic-number', 'metadata-stream-uuid', 'data-stream-class-id', 'data-stream-id'],
  'packet.context': [
    'packet-total-length',
    'packet-content-length',
    'default-clock-timestamp',
    'packet-end-default-clock-timestamp',
    'discarded-event-record-counter-snapshot',
    'packet-sequence-number'
  ],
  'event.header': ['default-clock-timestamp', 'event-record-class-id'],
  'event.common_context': [],
  'event.specific_context': [],
  'event.payload': []
};

export interface ScopeEnv {
  scope: Scope;
  /** The already known root structures of earlier scopes. */
  roots: Partial<Record<Scope, StructFC>>;
  hasDefaultClock: boolean;
  hasMetadataUuid: boolean;
}

type Use = 'length' | 'optional-selector' | 'variant-selector';
interface Frame {
  struct: StructFC;
  index: number;
}

/** The structures reachable from `fc` without naming a member (through arrays, optionals, variant options). */
function structsOf(fc: FieldClass): StructFC[] {
  switch (fc.kind) {
    case 'struct':
      return [fc];
    case 'array':
      return structsOf(fc.element);
    case 'optional':
      return structsOf(fc.fc);
    case 'variant':
      return fc.options.flatMap(o => structsOf(o.fc));
    default:
      return [];
  }
}

/** The value-carrying field classes a located field may be (through arrays, optionals and variants). */
function leavesOf(fc: FieldClass): FieldClass[] {
  if (fc.kind === 'array') return leavesOf(fc.element);
  if (fc.kind === 'optional') return leavesOf(fc.fc);
  if (fc.kind === 'variant') return fc.options.flatMap(o => leavesOf(o.fc));
  return [fc];
}

function usable(fc: FieldClass, use: Use): boolean {
  if (fc.kind === 'int' || fc.kind === 'varint') return use !== 'length' || !fc.signed;
  return fc.kind === 'bool' && use === 'optional-selector';
}

function describe(fc: FieldClass): string {
  const sign = fc.kind === 'int' || fc.kind === 'varint' ? (fc.signed ? 'signed ' : 'unsigned ') : '';
  return `${sign}"${fc.kind}" field`;
}

class ScopeChecker {
  constructor(
    private readonly root: StructFC,
    private readonly env: ScopeEnv,
    private readonly where: string
  ) {}

  run(): void {
    this.visit(this.root, [], []);
  }

  private fail(message: string, names: string[]): never {
    throw new Ctf2Error(message, names.length ? `${this.where} (member ${names.join('.')})` : this.where);
  }

  private visit(fc: FieldClass, stack: Frame[], names: string[]): void {
    for (const role of fc.roles ?? []) this.checkRole(role, names);
    switch (fc.kind) {
      case 'struct':
        fc.members.forEach((m, index) =>
          this.visit(m.fc, [...stack, { struct: fc, index }], [...names, m.name])
        );
        return;
      case 'array':
        if (fc.lengthLocation) this.checkLocation(fc.lengthLocation, 'length', stack, names);
        return this.visit(fc.element, stack, names);
      case 'sized-string':
      case 'blob':
        if (fc.lengthLocation) this.checkLocation(fc.lengthLocation, 'length', stack, names);
        return;
      case 'optional':
        this.checkOptionalSelector(fc.selectorLocation, fc.ranges !== undefined, stack, names);
        return this.visit(fc.fc, stack, names);
      case 'variant':
        this.checkLocation(fc.selectorLocation, 'variant-selector', stack, names);
        fc.options.forEach((o, i) => this.visit(o.fc, stack, [...names, o.name ?? `<option ${i}>`]));
        return;
      default:
        return;
    }
  }

  private checkRole(role: Role, names: string[]): void {
    if (!SCOPE_ROLES[this.env.scope].includes(role)) this.fail(`role "${role}" is not allowed here`, names);
    if (
      (role === 'default-clock-timestamp' || role === 'packet-end-default-clock-timestamp') &&
      !this.env.hasDefaultClock
    ) {
      this.fail(`role "${role}" needs a data stream class with a default clock class`, names);
    }
    if (role === 'metadata-stream-uuid' && !this.env.hasMetadataUuid) {
      this.fail(`role "${role}" needs a preamble with a uuid`, names);
    }
  }

  private checkOptionalSelector(
    loc: FieldLocation,
    hasRanges: boolean,
    stack: Frame[],
    names: string[]
  ): void {
    const leaves = this.checkLocation(loc, 'optional-selector', stack, names);
    if (!hasRanges && leaves.some(l => l.kind !== 'bool')) {
      this.fail('an optional with an integer selector needs "selector-field-ranges"', names);
    }
  }

  /** Resolves `loc` statically and checks the located field classes; returns them (empty if unresolved). */
  private checkLocation(loc: FieldLocation, use: Use, stack: Frame[], names: string[]): FieldClass[] {
    const bad = (msg: string): never => this.fail(`bad location ${JSON.stringify(loc.path)}: ${msg}`, names);
    let start: Frame | undefined;
    let path = loc.path;
    if (loc.origin !== undefined) {
      const scope = this.env.scope;
      if (SCOPE_ORDER.indexOf(loc.origin) > SCOPE_ORDER.indexOf(scope)) {
        bad(`${loc.origin} is decoded after ${scope}`);
      }
      const root = loc.origin === scope ? this.root : this.env.roots[loc.origin];
      if (!root) return bad(`there is no ${loc.origin} field class`);
      start = loc.origin === scope ? stack[0] : { struct: root, index: Infinity };
    } else {
      let level = stack.length - 1;
      while (path[0] === null) {
        level--;
        path = path.slice(1);
      }
      if (level < 0) bad('too many parent (null) elements');
      start = stack[level];
    }
    if (path.includes(null)) return [];
    const [first, ...rest] = path as string[];
    const index = start.struct.members.findIndex(m => m.name === first);
    if (index < 0) bad(`no member "${first}"`);
    if (index > start.index || (index === start.index && rest.length === 0)) {
      bad(`"${first}" is not decoded yet`);
    }
    let targets = [start.struct.members[index].fc];
    for (const name of rest) {
      targets = targets
        .flatMap(structsOf)
        .flatMap(s => s.members.filter(m => m.name === name).map(m => m.fc));
      if (targets.length === 0) bad(`no member "${name}"`);
    }
    const leaves = targets.flatMap(leavesOf);
    const wrong = leaves.find(l => !usable(l, use));
    if (wrong) bad(`a ${use.replace('-', ' ')} field cannot be a ${describe(wrong)}`);
    return leaves;
  }
}

/** Throws `Ctf2Error` (at `where`) when `root`, the field class of `env.scope`, breaks a rule above. */
export function validateScope(root: StructFC, env: ScopeEnv, where: string): void {
  new ScopeChecker(root, env, where).run();
}
