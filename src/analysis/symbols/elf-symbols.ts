/**
 * What tracelab needs from an ELF file: its function symbols (.symtab, else .dynsym), its GNU build id
 * (NT_GNU_BUILD_ID note) and its `.gnu_debuglink` (separate debug file name and CRC32).
 *
 * Scope: function symbols only (STT_FUNC and STT_GNU_IFUNC, defined, non-zero address); ARM Thumb function
 * addresses have their low bit cleared. Symbols rank global < weak < local when they share an address.
 */
import type { ByteSource } from '../io/byte-source';
import { cString, ElfFile, EM_ARM, SHT_DYNSYM, SHT_NOTE, SHT_SYMTAB } from './elf-file';
import type { ElfSection } from './elf-file';
import { SymbolTable } from './symbol-table';
import type { SymbolEntry } from './symbol-table';

const STT_FUNC = 2;
const STT_GNU_IFUNC = 10;
const NT_GNU_BUILD_ID = 3;

export interface DebugLink {
  readonly filename: string;
  readonly crc: number;
}

export interface ElfInfo {
  readonly path: string;
  readonly is64: boolean;
  readonly little: boolean;
  /** ET_EXEC = 2, ET_DYN = 3. */
  readonly type: number;
  /** Lower-case hex, or undefined. */
  readonly buildId: string | undefined;
  readonly debugLink: DebugLink | undefined;
  /** Virtual address of the first PT_LOAD segment. */
  readonly loadAddress: bigint;
  /** Which table the symbols came from. */
  readonly symbolSource: '.symtab' | '.dynsym' | 'none';
  readonly symbols: SymbolTable;
}

function bindRank(info: number): number {
  const bind = info >> 4;
  return bind === 1 ? 0 : bind === 2 ? 1 : 2;
}

function readSymbols(elf: ElfFile, s: ElfSection): SymbolEntry[] {
  const strSec = elf.sections[s.link];
  if (strSec === undefined) return [];
  const strings = elf.contents(strSec);
  const data = elf.contents(s);
  const v = elf.view(data);
  const entsize = s.entsize || (elf.is64 ? 24 : 16);
  const thumb = elf.machine === EM_ARM;
  const out: SymbolEntry[] = [];
  for (let o = 0; o + entsize <= data.length; o += entsize) {
    const name = v.u32(o);
    const info = elf.is64 ? v.u8(o + 4) : v.u8(o + 12);
    const shndx = elf.is64 ? v.u16(o + 6) : v.u16(o + 14);
    const type = info & 0xf;
    if ((type !== STT_FUNC && type !== STT_GNU_IFUNC) || shndx === 0) continue;
    let addr = elf.is64 ? v.u64(o + 8) : BigInt(v.u32(o + 4));
    const size = elf.is64 ? v.u64(o + 16) : BigInt(v.u32(o + 8));
    if (thumb) addr &= ~1n;
    if (addr === 0n) continue;
    out.push({ name: cString(strings, name), addr, size, rank: bindRank(info) });
  }
  return out;
}

function readBuildId(elf: ElfFile): string | undefined {
  for (const s of elf.sections) {
    if (s.type !== SHT_NOTE) continue;
    const data = elf.contents(s);
    const v = elf.view(data);
    for (let o = 0; o + 12 <= data.length;) {
      const namesz = v.u32(o);
      const descsz = v.u32(o + 4);
      const type = v.u32(o + 8);
      const nameAt = o + 12;
      const descAt = nameAt + ((namesz + 3) & ~3);
      if (descAt + descsz > data.length) break;
      if (type === NT_GNU_BUILD_ID && cString(data, nameAt) === 'GNU') {
        return Array.from(data.subarray(descAt, descAt + descsz), b => b.toString(16).padStart(2, '0')).join(
          ''
        );
      }
      o = descAt + ((descsz + 3) & ~3);
    }
  }
  return undefined;
}

function readDebugLink(elf: ElfFile): DebugLink | undefined {
  const s = elf.section('.gnu_debuglink');
  if (s === undefined) return undefined;
  const data = elf.contents(s);
  const filename = cString(data, 0);
  const crcAt = (new TextEncoder().encode(filename).length + 1 + 3) & ~3;
  if (crcAt + 4 > data.length) return { filename, crc: 0 };
  return { filename, crc: elf.view(data).u32(crcAt) };
}

/** Reads the symbols, build id and debug link of the ELF file in `src`. Throws `ElfError` on malformed input. */
export function readElf(src: ByteSource): ElfInfo {
  const elf = new ElfFile(src);
  const symtab = elf.sections.find(s => s.type === SHT_SYMTAB);
  const dynsym = elf.sections.find(s => s.type === SHT_DYNSYM);
  let entries: SymbolEntry[] = [];
  let symbolSource: ElfInfo['symbolSource'] = 'none';
  if (symtab !== undefined) {
    entries = readSymbols(elf, symtab);
    symbolSource = '.symtab';
  }
  if (entries.length === 0 && dynsym !== undefined) {
    entries = readSymbols(elf, dynsym);
    symbolSource = entries.length > 0 ? '.dynsym' : 'none';
  }
  if (entries.length === 0) symbolSource = 'none';
  return {
    path: src.name,
    is64: elf.is64,
    little: elf.little,
    type: elf.type,
    buildId: readBuildId(elf),
    debugLink: readDebugLink(elf),
    loadAddress: elf.firstLoadAddress(),
    symbolSource,
    symbols: new SymbolTable(entries)
  };
}
