/**
 * Finds the ELF file holding the symbols of a binary the trace names (path, build id, debug link), as debuggers
 * do, in this order:
 * 1. by build id: `<debug dir>/.build-id/<first 2 hex>/<rest>.debug`, whose build id must match;
 * 2. the binary itself at `<target prefix><path>` (its build id, when both are known, must match), if it has a
 *    `.symtab`;
 * 3. by debug link (the binary's `.gnu_debuglink`, else the trace's): `<dir>/<name>`, `<dir>/.debug/<name>`,
 *    `<debug dir><dir>/<name>` and, for an absolute link, `<target prefix><name>`; its CRC32 must match the link's
 *    CRC when that is not 0;
 * 4. the binary's `.dynsym`.
 *
 * Scope: file lookups through `FileSystemAccess`; results (including misses) are cached per binary identity.
 */
import * as path from 'node:path';
import type { FileSystemAccess } from '../io/byte-source';
import { crc32 } from './crc32';
import { readElf } from './elf-symbols';
import type { ElfInfo } from './elf-symbols';

export interface BinaryIdentity {
  readonly path: string;
  readonly buildId?: string;
  readonly debugLink?: { filename: string; crc: number };
}

export interface LocateOptions {
  /** Prepended to the paths the trace gives (the traced machine's root as seen from here). Default ''. */
  readonly targetPrefix?: string;
  /** Folders of separate debug files. Default ['/usr/lib/debug']. */
  readonly debugDirs?: readonly string[];
}

/** Where the symbols of a binary came from. */
export interface LocatedSymbols {
  readonly elf: ElfInfo;
  /** 'build-id' | 'binary' | 'debug-link' | 'dynsym' */
  readonly via: 'build-id' | 'binary' | 'debug-link' | 'dynsym';
}

export class SymbolFileLocator {
  private readonly cache = new Map<string, LocatedSymbols | null>();
  private readonly elfCache = new Map<string, ElfInfo | null>();
  private readonly prefix: string;
  private readonly debugDirs: readonly string[];

  constructor(
    private readonly fsa: FileSystemAccess,
    opts: LocateOptions = {}
  ) {
    this.prefix = opts.targetPrefix ?? '';
    this.debugDirs = opts.debugDirs ?? ['/usr/lib/debug'];
  }

  /** Reads an ELF file once; undefined when absent or not ELF. */
  elfAt(file: string): ElfInfo | undefined {
    let e = this.elfCache.get(file);
    if (e === undefined) {
      e = null;
      if (this.fsa.exists(file) && !this.fsa.isDirectory(file)) {
        const src = this.fsa.open(file);
        try {
          e = readElf(src);
        } catch {
          e = null;
        } finally {
          src.close();
        }
      }
      this.elfCache.set(file, e);
    }
    return e ?? undefined;
  }

  private target(p: string): string {
    return this.prefix === '' ? p : path.join(this.prefix, p);
  }

  private byBuildId(id: string): ElfInfo | undefined {
    if (id.length < 4) return undefined;
    for (const dir of this.debugDirs) {
      const e = this.elfAt(path.join(dir, '.build-id', id.slice(0, 2), `${id.slice(2)}.debug`));
      if (e !== undefined && e.buildId === id && e.symbolSource !== 'none') return e;
    }
    return undefined;
  }

  private crcOk(file: string, crc: number): boolean {
    if (crc === 0) return true;
    return crc32(this.fsa.readAll(file)) === crc;
  }

  private byDebugLink(binPath: string, link: { filename: string; crc: number }): ElfInfo | undefined {
    const dir = path.dirname(binPath);
    const candidates = [
      path.join(this.target(dir), link.filename),
      path.join(this.target(dir), '.debug', link.filename),
      ...this.debugDirs.map(d => path.join(d, dir, link.filename))
    ];
    if (path.isAbsolute(link.filename)) candidates.unshift(this.target(link.filename));
    for (const c of candidates) {
      const e = this.elfAt(c);
      if (e !== undefined && e.symbolSource !== 'none' && this.crcOk(c, link.crc)) return e;
    }
    return undefined;
  }

  private search(id: BinaryIdentity): LocatedSymbols | undefined {
    if (id.buildId !== undefined) {
      const e = this.byBuildId(id.buildId);
      if (e !== undefined) return { elf: e, via: 'build-id' };
    }
    let bin = this.elfAt(this.target(id.path));
    if (
      bin !== undefined &&
      id.buildId !== undefined &&
      bin.buildId !== undefined &&
      bin.buildId !== id.buildId
    ) {
      bin = undefined;
    }
    if (bin !== undefined && bin.symbolSource === '.symtab') return { elf: bin, via: 'binary' };
    const link = bin?.debugLink ?? id.debugLink;
    if (link !== undefined && link.filename !== '') {
      const e = this.byDebugLink(id.path, link);
      if (e !== undefined) return { elf: e, via: 'debug-link' };
    }
    if (bin !== undefined && bin.symbolSource === '.dynsym') return { elf: bin, via: 'dynsym' };
    return undefined;
  }

  /** The symbols of a binary, or undefined when no file with symbols is found. */
  locate(id: BinaryIdentity): LocatedSymbols | undefined {
    const key = `${id.path}\0${id.buildId ?? ''}\0${id.debugLink?.filename ?? ''}`;
    let r = this.cache.get(key);
    if (r === undefined) {
      r = this.search(id) ?? null;
      this.cache.set(key, r);
    }
    return r ?? undefined;
  }
}
