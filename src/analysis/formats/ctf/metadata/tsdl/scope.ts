/**
 * TSDL declaration scopes: where type aliases and named structs, enums and variants are registered and found.
 *
 * Scope: a chain of lexical scopes (root, then `trace`/`stream`/`event` blocks and struct/variant bodies).
 * Lookups walk outwards; registering a name that already exists in the *same* scope is an error (a nested scope
 * may shadow it), as in babeltrace2. The four namespaces (aliases, `struct X`, `enum X`, `variant X`) are separate.
 */

import type { EnumFC, FieldClass, StructFC, VariantFC } from '../../ir';

export type Namespace = 'alias' | 'struct' | 'enum' | 'variant';

export class DeclScope {
  /** Created on first registration: most scopes (struct bodies) declare nothing. */
  private maps?: Partial<Record<Namespace, Map<string, FieldClass>>>;
  /** Number of names registered here. */
  size = 0;

  constructor(readonly parent?: DeclScope) {}

  lookup(ns: Namespace, name: string): FieldClass | undefined {
    const found = this.maps?.[ns]?.get(name);
    if (found) return found;
    return this.parent?.lookup(ns, name);
  }

  hasLocal(ns: Namespace, name: string): boolean {
    return this.maps?.[ns]?.has(name) ?? false;
  }

  /** Registers `fc`; returns false when the name already exists in this very scope. */
  register(ns: Namespace, name: string, fc: FieldClass): boolean {
    const maps = (this.maps ??= {});
    const map = (maps[ns] ??= new Map());
    if (map.has(name)) return false;
    map.set(name, fc);
    this.size++;
    return true;
  }

  isTypeName(name: string): boolean {
    return this.lookup('alias', name) !== undefined;
  }

  lookupStruct(name: string): StructFC | undefined {
    return this.lookup('struct', name) as StructFC | undefined;
  }

  lookupEnum(name: string): EnumFC | undefined {
    return this.lookup('enum', name) as EnumFC | undefined;
  }

  lookupVariant(name: string): VariantFC | undefined {
    return this.lookup('variant', name) as VariantFC | undefined;
  }
}
