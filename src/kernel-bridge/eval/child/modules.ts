/**
 * Module loading for cells: `require` and `import` resolve from the kernel's working directory (the
 * notebook's folder), `tracelab` is the cell API, and ES-only packages load through a real dynamic `import()`
 * (vm scripts have no loader of their own). Backs the `__tl.load/defaultOf/dynamicImport` calls that
 * `transpile/imports.ts` generates.
 */
import { createRequire, isBuiltin } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The runtime helpers generated code calls. */
export interface IModuleRuntime {
  /** `require` for cells. */
  require: NodeJS.Require;
  /** Loads a module for an `import` declaration (CommonJS first, ES module fallback). */
  load(id: string): Promise<unknown>;
  /** The default export as `esModuleInterop` sees it. */
  defaultOf(m: unknown): unknown;
  /** `import(id)` from a cell. */
  dynamicImport(id: string): Promise<unknown>;
}

// A real import() that tsc's CommonJS output does not rewrite into require().
const nativeImport = new Function('s', 'return import(s)') as (s: string) => Promise<unknown>;

/** Builds the module runtime for cells running in `cwd`; `virtual` maps ids (e.g. `tracelab`) to objects. */
export function createModuleRuntime(cwd: string, virtual: Record<string, unknown>): IModuleRuntime {
  const base = createRequire(join(cwd, '__cell__.js'));
  const has = (id: string): boolean => Object.prototype.hasOwnProperty.call(virtual, id);
  const cellRequire = ((id: string) => (has(id) ? virtual[id] : base(id))) as NodeJS.Require;
  Object.assign(cellRequire, { resolve: base.resolve, cache: base.cache, main: base.main });

  const dynamicImport = async (id: string): Promise<unknown> => {
    if (has(id)) return virtual[id];
    if (isBuiltin(id)) return nativeImport(id);
    let target: string;
    try {
      target = pathToFileURL(base.resolve(id)).href;
    } catch {
      target = id; // e.g. an "import"-only export map: let the ESM resolver try
    }
    return nativeImport(target);
  };

  return {
    require: cellRequire,
    dynamicImport,
    async load(id) {
      try {
        return cellRequire(id);
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_REQUIRE_ESM') return dynamicImport(id);
        throw e;
      }
    },
    defaultOf(m) {
      if (typeof m !== 'object' || m === null) return m;
      const ns = Object.prototype.toString.call(m) === '[object Module]';
      return ns || (m as { __esModule?: boolean }).__esModule ? (m as { default?: unknown }).default : m;
    }
  };
}
