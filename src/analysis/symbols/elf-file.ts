/**
 * A small ELF reader (ELF32 and ELF64, little and big endian) over a `ByteSource`: the file header, section
 * headers with names, program headers, and bounded reads of section contents.
 *
 * Scope: structure only — symbols, notes and debug links are read by `elf-symbols.ts`. Malformed files raise
 * `ElfError` naming the file; nothing is read beyond the bounds the headers give.
 */
import type { ByteSource } from '../io/byte-source';

export class ElfError extends Error {
  constructor(
    message: string,
    readonly file: string
  ) {
    super(`${file}: ${message}`);
    this.name = 'ElfError';
  }
}

export const SHT_SYMTAB = 2;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_DYNSYM = 11;
export const PT_LOAD = 1;
export const EM_ARM = 40;

export interface ElfSection {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly flags: bigint;
  readonly addr: bigint;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly entsize: number;
}

export interface ElfSegment {
  readonly type: number;
  readonly offset: number;
  readonly vaddr: bigint;
  readonly filesz: number;
  readonly memsz: bigint;
}

/** Reads fixed-width unsigned integers with the file's byte order. */
export class ElfView {
  private readonly dv: DataView;
  constructor(
    bytes: Uint8Array,
    readonly little: boolean
  ) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.dv.byteLength;
  }
  u8(o: number): number {
    return this.dv.getUint8(o);
  }
  u16(o: number): number {
    return this.dv.getUint16(o, this.little);
  }
  u32(o: number): number {
    return this.dv.getUint32(o, this.little);
  }
  u64(o: number): bigint {
    return this.dv.getBigUint64(o, this.little);
  }
}

const MAX_SECTION = 256 * 1024 * 1024;

export class ElfFile {
  readonly is64: boolean;
  readonly little: boolean;
  readonly type: number;
  readonly machine: number;
  readonly sections: readonly ElfSection[];
  readonly segments: readonly ElfSegment[];

  constructor(private readonly src: ByteSource) {
    const id = src.read(0, 64);
    if (id.length < 52 || id[0] !== 0x7f || id[1] !== 0x45 || id[2] !== 0x4c || id[3] !== 0x46) {
      throw new ElfError('not an ELF file', src.name);
    }
    if ((id[4] !== 1 && id[4] !== 2) || (id[5] !== 1 && id[5] !== 2)) {
      throw new ElfError(`unsupported ELF class ${id[4]} / data encoding ${id[5]}`, src.name);
    }
    this.is64 = id[4] === 2;
    this.little = id[5] === 1;
    const h = new ElfView(id, this.little);
    if (this.is64 && id.length < 64) throw new ElfError('truncated ELF header', src.name);
    this.type = h.u16(16);
    this.machine = h.u16(18);
    this.segments = this.readSegments(h);
    this.sections = this.readSections(h);
  }

  get name(): string {
    return this.src.name;
  }

  private num(v: bigint, what: string): number {
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError(`${what} out of range`, this.src.name);
    return Number(v);
  }

  /** Bytes [offset, offset + size) of the file, checked against its size. */
  bytes(offset: number, size: number, what: string): Uint8Array {
    if (offset < 0 || size < 0 || size > MAX_SECTION || offset + size > this.src.size) {
      throw new ElfError(`${what} lies outside the file (offset ${offset}, size ${size})`, this.src.name);
    }
    const b = this.src.read(offset, size);
    if (b.length !== size) throw new ElfError(`short read of ${what}`, this.src.name);
    return b.slice();
  }

  private table(off: bigint, count: number, entsize: number, min: number, what: string): ElfView | undefined {
    if (count === 0 || off === 0n) return undefined;
    if (entsize < min) throw new ElfError(`${what} entry size ${entsize} too small`, this.src.name);
    return new ElfView(this.bytes(this.num(off, what), count * entsize, what), this.little);
  }

  private readSegments(h: ElfView): ElfSegment[] {
    const off = this.is64 ? h.u64(32) : BigInt(h.u32(28));
    const entsize = h.u16(this.is64 ? 54 : 42);
    const count = h.u16(this.is64 ? 56 : 44);
    const t = this.table(off, count, entsize, this.is64 ? 56 : 32, 'program headers');
    const out: ElfSegment[] = [];
    for (let i = 0; t && i < count; i++) {
      const o = i * entsize;
      out.push(
        this.is64
          ? {
              type: t.u32(o),
              offset: this.num(t.u64(o + 8), 'segment offset'),
              vaddr: t.u64(o + 16),
              filesz: this.num(t.u64(o + 32), 'segment size'),
              memsz: t.u64(o + 40)
            }
          : {
              type: t.u32(o),
              offset: t.u32(o + 4),
              vaddr: BigInt(t.u32(o + 8)),
              filesz: t.u32(o + 16),
              memsz: BigInt(t.u32(o + 20))
            }
      );
    }
    return out;
  }

  private readSections(h: ElfView): ElfSection[] {
    const off = this.is64 ? h.u64(40) : BigInt(h.u32(32));
    const entsize = h.u16(this.is64 ? 58 : 46);
    const count = h.u16(this.is64 ? 60 : 48);
    const strndx = h.u16(this.is64 ? 62 : 50);
    const t = this.table(off, count, entsize, this.is64 ? 64 : 40, 'section headers');
    if (t === undefined) return [];
    const raw: Omit<ElfSection, 'name'>[] = [];
    const nameOff: number[] = [];
    for (let i = 0; i < count; i++) {
      const o = i * entsize;
      nameOff.push(t.u32(o));
      raw.push(this.sectionAt(t, o, i));
    }
    let names: Uint8Array | undefined;
    const strtab = raw[strndx];
    if (strndx > 0 && strtab !== undefined && strtab.type !== SHT_NOBITS) {
      names = this.bytes(strtab.offset, strtab.size, 'section name table');
    }
    return raw.map((s, i) => ({ ...s, name: names ? cString(names, nameOff[i]) : '' }));
  }

  private sectionAt(t: ElfView, o: number, index: number): Omit<ElfSection, 'name'> {
    if (this.is64) {
      return {
        index,
        type: t.u32(o + 4),
        flags: t.u64(o + 8),
        addr: t.u64(o + 16),
        offset: this.num(t.u64(o + 24), 'section offset'),
        size: this.num(t.u64(o + 32), 'section size'),
        link: t.u32(o + 40),
        entsize: this.num(t.u64(o + 56), 'section entry size')
      };
    }
    return {
      index,
      type: t.u32(o + 4),
      flags: BigInt(t.u32(o + 8)),
      addr: BigInt(t.u32(o + 12)),
      offset: t.u32(o + 16),
      size: t.u32(o + 20),
      link: t.u32(o + 24),
      entsize: t.u32(o + 36)
    };
  }

  section(name: string): ElfSection | undefined {
    return this.sections.find(s => s.name === name);
  }

  /** Contents of a section (empty for SHT_NOBITS). */
  contents(s: ElfSection): Uint8Array {
    return s.type === SHT_NOBITS ? new Uint8Array(0) : this.bytes(s.offset, s.size, `section ${s.name}`);
  }

  view(bytes: Uint8Array): ElfView {
    return new ElfView(bytes, this.little);
  }

  /** Virtual address of the first loadable segment (0 for most shared objects). */
  firstLoadAddress(): bigint {
    let min: bigint | undefined;
    for (const s of this.segments) {
      if (s.type === PT_LOAD && (min === undefined || s.vaddr < min)) min = s.vaddr;
    }
    return min ?? 0n;
  }
}

/** NUL-terminated string at `off` (Latin-1/UTF-8 bytes decoded as UTF-8). */
export function cString(bytes: Uint8Array, off: number): string {
  if (off < 0 || off >= bytes.length) return '';
  let end = off;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return new TextDecoder('utf-8').decode(bytes.subarray(off, end));
}
