/**
 * Symbols: address → function name from nm mappings, ELF symbol tables (located through LTTng-UST statedump
 * events, build ids and debug links) — the public API of `src/analysis/symbols/`.
 */
export { SymbolTable, hexAddress, formatHit } from './symbol-table';
export type { SymbolEntry, SymbolHit } from './symbol-table';
export { parseNmMapping, parseNmEntries } from './nm-mapping';
export { ElfFile, ElfError } from './elf-file';
export { readElf } from './elf-symbols';
export type { ElfInfo, DebugLink } from './elf-symbols';
export { crc32 } from './crc32';
export { BinaryMaps, collectBinaryMaps, binInfoClasses } from './bin-info';
export type { LoadedBinary, BinInfoOp } from './bin-info';
export { SymbolFileLocator } from './locate';
export type { BinaryIdentity, LocateOptions, LocatedSymbols } from './locate';
export { SymbolResolver, loadSymbolFile, binaryLabel } from './resolver';
export type { ResolverOptions, ResolvedAddress } from './resolver';
