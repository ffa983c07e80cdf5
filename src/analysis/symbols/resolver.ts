/**
 * `SymbolResolver`: turns (trace, process, time, address) into a symbol name, using
 * - the binaries the trace's statedump / loader events map in that process at that time (`bin-info.ts`), whose
 *   symbols are found on disk by `locate.ts` (position-independent objects are looked up at address − base +
 *   first load address, others at the address itself);
 * - else global symbol files (nm mappings or ELF files) for absolute addresses, e.g. Trace Compass's
 *   `cyg-profile-mapping.txt` for a non-PIE executable.
 * Addresses without a symbol resolve to hex (`0x401aac`); `resolveAddress` also says which binary and offset.
 */
import * as path from 'node:path';
import { nodeFileSystem } from '../io/byte-source';
import type { FileSystemAccess } from '../io/byte-source';
import type { Experiment } from '../trace/types';
import { BinaryMaps, collectBinaryMaps } from './bin-info';
import type { LoadedBinary } from './bin-info';
import { readElf } from './elf-symbols';
import { SymbolFileLocator } from './locate';
import type { LocateOptions } from './locate';
import { parseNmMapping } from './nm-mapping';
import { formatHit, hexAddress } from './symbol-table';
import type { SymbolHit, SymbolTable } from './symbol-table';

export interface ResolverOptions extends LocateOptions {
  /** nm mapping files or ELF files whose symbols apply to absolute addresses in every process. */
  readonly symbolFiles?: readonly string[];
  /** Ready-made tables applied like `symbolFiles`. */
  readonly symbolTables?: readonly SymbolTable[];
  /** Read statedump / loader events of the experiment (default true). */
  readonly useStatedump?: boolean;
  readonly fsa?: FileSystemAccess;
}

export interface ResolvedAddress {
  /** `func` or `func+0x1c`, or hex when no symbol covers the address. */
  readonly symbol: string;
  /** The function name alone, when found. */
  readonly function: string | undefined;
  /** The mapped binary's path (as the trace names it), when known. */
  readonly binary: string | undefined;
  /** Address − binary base, when the binary is known. */
  readonly binaryOffset: bigint | undefined;
}

/** Reads a symbol file: ELF by magic number, else an nm listing. */
export function loadSymbolFile(file: string, fsa: FileSystemAccess = nodeFileSystem): SymbolTable {
  const src = fsa.open(file);
  try {
    const head = src.read(0, 4);
    if (head.length === 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) {
      return readElf(src).symbols;
    }
  } finally {
    src.close();
  }
  return parseNmMapping(new TextDecoder('utf-8').decode(fsa.readAll(file)));
}

export class SymbolResolver {
  readonly maps: BinaryMaps;
  private readonly locator: SymbolFileLocator;
  private readonly globals: SymbolTable[];

  constructor(exp: Experiment | undefined, opts: ResolverOptions = {}) {
    const fsa = opts.fsa ?? nodeFileSystem;
    this.maps = exp !== undefined && opts.useStatedump !== false ? collectBinaryMaps(exp) : new BinaryMaps();
    this.locator = new SymbolFileLocator(fsa, opts);
    this.globals = [
      ...(opts.symbolTables ?? []),
      ...(opts.symbolFiles ?? []).map(f => loadSymbolFile(f, fsa))
    ];
  }

  /** Symbols of a mapped binary, or undefined. */
  binarySymbols(b: LoadedBinary): { table: SymbolTable; loadAddress: bigint } | undefined {
    const found = this.locator.locate({ path: b.path, buildId: b.buildId, debugLink: b.debugLink });
    return found === undefined ? undefined : { table: found.elf.symbols, loadAddress: found.elf.loadAddress };
  }

  private lookupGlobal(addr: bigint): SymbolHit | undefined {
    for (const t of this.globals) {
      const hit = t.lookup(addr);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  /** Resolves an address of process `vpid` (-1 when unknown) of trace `traceIndex` at time `ts`. */
  resolveAddress(traceIndex: number, vpid: number, ts: bigint, addr: bigint): ResolvedAddress {
    const bin = this.maps.find(traceIndex, vpid, ts, addr);
    let hit: SymbolHit | undefined;
    if (bin !== undefined) {
      const syms = this.binarySymbols(bin);
      if (syms !== undefined) hit = syms.table.lookup(bin.isPic ? addr - bin.baddr + syms.loadAddress : addr);
    } else {
      hit = this.lookupGlobal(addr);
    }
    return {
      symbol: hit !== undefined ? formatHit(hit) : hexAddress(addr),
      function: hit?.name,
      binary: bin?.path,
      binaryOffset: bin === undefined ? undefined : addr - bin.baddr
    };
  }

  /** Just the symbol text (see `ResolvedAddress.symbol`). */
  resolve(traceIndex: number, vpid: number, ts: bigint, addr: bigint): string {
    return this.resolveAddress(traceIndex, vpid, ts, addr).symbol;
  }
}

/** `libfoo.so+0x1d4`-style label of a binary offset (Trace Compass's binary call-site form uses the full path). */
export function binaryLabel(r: ResolvedAddress, fullPath = true): string | undefined {
  if (r.binary === undefined || r.binaryOffset === undefined) return undefined;
  const name = fullPath ? r.binary : path.basename(r.binary);
  return `${name}+0x${r.binaryOffset.toString(16)}`;
}
