/**
 * Broken copies of real traces for the bad-input and fuzz tests, always under a temp folder (the corpus is
 * read-only): copy a trace (optionally only some streams, with or without its LTTng index), truncate a file, flip
 * bits, overwrite bytes; read LTTng packet indexes (`index/*.idx`) and packetized metadata, so tests know where
 * packets and metadata lines are without asking the reader under test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh temp folder; remove it with `fs.rmSync(dir, { recursive: true, force: true })`. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tracelab-${prefix}-`));
}

export interface CopyOptions {
  /** Stream files to keep (base names); default all. */
  streams?: string[];
  /** Copy `index/` (default true; only the kept streams' indexes). */
  index?: boolean;
  /** Copy `metadata` (default true). */
  metadata?: boolean;
}

/** Copies trace folder `src` to `dst` (created), writable. */
export function copyTrace(src: string, dst: string, opts: CopyOptions = {}): string {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (e.name !== 'index' || opts.index === false) continue;
      fs.mkdirSync(path.join(dst, 'index'), { recursive: true });
      for (const f of fs.readdirSync(path.join(src, 'index'))) {
        if (opts.streams && !opts.streams.includes(f.replace(/\.idx$/, ''))) continue;
        fs.copyFileSync(path.join(src, 'index', f), path.join(dst, 'index', f));
      }
      continue;
    }
    if (e.name === 'metadata' ? opts.metadata === false : opts.streams && !opts.streams.includes(e.name)) {
      continue;
    }
    fs.copyFileSync(path.join(src, e.name), path.join(dst, e.name));
    fs.chmodSync(path.join(dst, e.name), 0o644);
  }
  return dst;
}

export function truncateFile(file: string, length: number): void {
  fs.truncateSync(file, length);
}

/** Flips bit `bit` (0 = least significant) of byte `offset`. */
export function flipBit(file: string, offset: number, bit: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, offset);
    b[0] ^= 1 << bit;
    fs.writeSync(fd, b, 0, 1, offset);
  } finally {
    fs.closeSync(fd);
  }
}

export function writeBytes(file: string, offset: number, bytes: Uint8Array): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    fs.closeSync(fd);
  }
}

export interface IndexEntry {
  /** Byte offset of the packet in the stream file. */
  offset: number;
  /** Packet and content sizes in bytes. */
  size: number;
  contentSize: number;
}

/** LTTng `index/<stream>.idx`: big-endian header (magic 0xC1F1DCC1, major, minor, entry length) + entries. */
export function readLttngIndex(file: string): IndexEntry[] {
  const b = fs.readFileSync(file);
  if (b.readUInt32BE(0) !== 0xc1f1dcc1) throw new Error(`${file}: not an LTTng index`);
  const len = b.readUInt32BE(12);
  const out: IndexEntry[] = [];
  for (let p = 16; p + len <= b.length; p += len) {
    out.push({
      offset: Number(b.readBigUInt64BE(p)),
      size: Number(b.readBigUInt64BE(p + 8) / 8n),
      contentSize: Number(b.readBigUInt64BE(p + 16) / 8n)
    });
  }
  return out;
}

/** Byte offset of the first little-endian u64 equal to `value` in `file[from, from + span)`, or -1. */
export function findU64LE(file: string, value: bigint, from: number, span = 256): number {
  const b = fs.readFileSync(file).subarray(from, from + span);
  for (let i = 0; i + 8 <= b.length; i++) if (b.readBigUInt64LE(i) === value) return from + i;
  return -1;
}

/** Packetized CTF metadata: each packet's text region [start, end) in the file. Header: 37 bytes. */
export function metadataPackets(file: string): { start: number; end: number }[] {
  const b = fs.readFileSync(file);
  const out: { start: number; end: number }[] = [];
  for (let p = 0; p + 37 <= b.length;) {
    const le = b.readUInt32LE(p) === 0x75d11d57;
    if (!le && b.readUInt32BE(p) !== 0x75d11d57) throw new Error(`${file}: no metadata packet at ${p}`);
    const content = (le ? b.readUInt32LE(p + 24) : b.readUInt32BE(p + 24)) / 8;
    const size = (le ? b.readUInt32LE(p + 28) : b.readUInt32BE(p + 28)) / 8;
    out.push({ start: p + 37, end: p + content });
    p += size;
  }
  return out;
}

/** Deterministic PRNG (mulberry32) for reproducible fuzzing. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
