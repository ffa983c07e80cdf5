/**
 * Test helper: builds a minimal ELF file in memory (ELF32 or ELF64, either byte order) with a symbol table, its
 * string table, a section name table and a GNU build-id note — for reader tests on layouts gcc here cannot emit
 * (big-endian). Written from the ELF specification (System V gABI, figure 4-1 onwards).
 */

export interface BuiltSymbol {
  name: string;
  addr: bigint;
  size: bigint;
  /** STT_FUNC = 2, STT_OBJECT = 1. */
  type: number;
}

export function buildElf(
  is64: boolean,
  little: boolean,
  symbols: BuiltSymbol[],
  buildId: Uint8Array
): Uint8Array {
  const ehsize = is64 ? 64 : 52;
  const shentsize = is64 ? 64 : 40;
  const symentsize = is64 ? 24 : 16;
  const enc = new TextEncoder();
  const strtab = [0];
  const nameAt: number[] = [];
  for (const s of symbols) {
    nameAt.push(strtab.length);
    strtab.push(...enc.encode(s.name), 0);
  }
  const shnames = '\0.strtab\0.symtab\0.shstrtab\0.note.gnu.build-id\0';
  const note = 12 + 4 + ((buildId.length + 3) & ~3);
  const symtabSize = (symbols.length + 1) * symentsize;
  const offStr = ehsize;
  const offSym = (offStr + strtab.length + 7) & ~7;
  const offShn = offSym + symtabSize;
  const offNote = (offShn + shnames.length + 3) & ~3;
  const offSh = (offNote + note + 7) & ~7;
  const total = offSh + 5 * shentsize;
  const buf = new Uint8Array(total);
  const dv = new DataView(buf.buffer);
  const u16 = (o: number, v: number) => dv.setUint16(o, v, little);
  const u32 = (o: number, v: number) => dv.setUint32(o, v, little);
  const word = (o: number, v: bigint) =>
    is64 ? dv.setBigUint64(o, v, little) : dv.setUint32(o, Number(v), little);
  buf.set([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, little ? 1 : 2, 1]);
  u16(16, 2); // ET_EXEC
  u16(18, is64 ? 62 : 20); // x86-64 / PowerPC
  u32(20, 1);
  word(is64 ? 40 : 32, BigInt(offSh)); // e_shoff
  u16(is64 ? 52 : 40, ehsize);
  u16(is64 ? 58 : 46, shentsize);
  u16(is64 ? 60 : 48, 5); // e_shnum
  u16(is64 ? 62 : 50, 3); // e_shstrndx
  buf.set(strtab, offStr);
  symbols.forEach((s, i) => {
    const o = offSym + (i + 1) * symentsize;
    u32(o, nameAt[i]);
    if (is64) {
      buf[o + 4] = (1 << 4) | s.type;
      u16(o + 6, 1);
      dv.setBigUint64(o + 8, s.addr, little);
      dv.setBigUint64(o + 16, s.size, little);
    } else {
      u32(o + 4, Number(s.addr));
      u32(o + 8, Number(s.size));
      buf[o + 12] = (1 << 4) | s.type;
      u16(o + 14, 1);
    }
  });
  buf.set(enc.encode(shnames), offShn);
  u32(offNote, 4);
  u32(offNote + 4, buildId.length);
  u32(offNote + 8, 3);
  buf.set(enc.encode('GNU\0'), offNote + 12);
  buf.set(buildId, offNote + 16);
  const sh = (
    i: number,
    name: number,
    type: number,
    off: number,
    size: number,
    link: number,
    entsize: number
  ) => {
    const o = offSh + i * shentsize;
    u32(o, name);
    u32(o + 4, type);
    if (is64) {
      dv.setBigUint64(o + 24, BigInt(off), little);
      dv.setBigUint64(o + 32, BigInt(size), little);
      u32(o + 40, link);
      dv.setBigUint64(o + 56, BigInt(entsize), little);
    } else {
      u32(o + 16, off);
      u32(o + 20, size);
      u32(o + 24, link);
      u32(o + 36, entsize);
    }
  };
  sh(1, 1, 3, offStr, strtab.length, 0, 0);
  sh(2, 9, 2, offSym, symtabSize, 1, symentsize);
  sh(3, 17, 3, offShn, shnames.length, 0, 0);
  sh(4, 27, 7, offNote, note, 0, 0);
  return buf;
}
