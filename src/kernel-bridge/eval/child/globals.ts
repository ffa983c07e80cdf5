/**
 * The global names cells see: `display`, `tracelab`, `require`, the cell `console`, and `__tl` (the helpers
 * generated code calls). Cells run in the child's own global scope, so these are plain globals.
 */
import type { ICellApi } from '../../api';
import type { IModuleRuntime } from './modules';

/** Installs the cell globals on `globalThis`. */
export function installGlobals(api: ICellApi, modules: IModuleRuntime, cellConsole: Console): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.display = api.display;
  g.tracelab = api.tracelab;
  g.require = modules.require;
  g.console = cellConsole;
  Object.defineProperty(globalThis, '__tl', {
    value: { load: modules.load, defaultOf: modules.defaultOf, dynamicImport: modules.dynamicImport },
    enumerable: false,
    writable: false
  });
}
