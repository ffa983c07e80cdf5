/**
 * `nm`-style symbol mapping files (`nm prog > mapping.txt`, as Trace Compass's cyg-profile mapping): one symbol a
 * line, `ADDRESS [SIZE] TYPE NAME` with hex address and size (`nm -S` adds the size).
 *
 * Scope: keeps code symbols (types T t W w i; V v are weak objects and are skipped like data), skips undefined
 * (`U`, no address) and data/bss/absolute symbols. Global text ranks before weak, weak before local.
 */
import { SymbolTable } from './symbol-table';
import type { SymbolEntry } from './symbol-table';

const LINE = /^\s*([0-9a-fA-F]+)\s+(?:([0-9a-fA-F]+)\s+)?([A-Za-z?-])\s+(\S.*?)\s*$/;

function rankOf(type: string): number | undefined {
  switch (type) {
    case 'T':
    case 'i':
      return 0;
    case 'W':
    case 'w':
      return 1;
    case 't':
      return 2;
    default:
      return undefined;
  }
}

/** Symbol entries of an nm listing (code symbols only). */
export function parseNmEntries(text: string): SymbolEntry[] {
  const out: SymbolEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (m === null) continue;
    const rank = rankOf(m[3]);
    if (rank === undefined) continue;
    out.push({
      name: m[4],
      addr: BigInt(`0x${m[1]}`),
      size: m[2] === undefined ? 0n : BigInt(`0x${m[2]}`),
      rank
    });
  }
  return out;
}

/** A symbol table from an nm listing. */
export function parseNmMapping(text: string): SymbolTable {
  return new SymbolTable(parseNmEntries(text));
}
