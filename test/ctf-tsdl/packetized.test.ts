/**
 * Packetized metadata streams (CTF 1.8 §7.1): detection, unpacking in both byte orders, header checks, and the
 * real LTTng files of the corpus (whose unpacked text is babeltrace2's `-o ctf-metadata` output minus the final
 * newline it appends).
 */

import { createHash } from 'crypto';
import { MetadataError } from '../../src/analysis/formats/ctf/ir';
import { isPacketizedMetadata, unpackMetadata } from '../../src/analysis/formats/ctf/metadata/packetized';
import { parseTsdl, parseTsdlMetadata } from '../../src/analysis/formats/ctf/metadata/tsdl';
import { readMetadata } from './helpers/corpus';

interface PacketOptions {
  le?: boolean;
  uuidByte?: number;
  padding?: number;
  major?: number;
  minor?: number;
  compression?: number;
  encryption?: number;
  checksumScheme?: number;
  checksum?: number;
  contentBits?: number;
  packetBits?: number;
  magic?: number;
}

/** One metadata packet around `text`. */
function packet(text: string, o: PacketOptions = {}): Uint8Array {
  const body = new TextEncoder().encode(text);
  const padding = o.padding ?? 0;
  const out = new Uint8Array(37 + body.length + padding);
  const dv = new DataView(out.buffer);
  const le = o.le ?? true;
  dv.setUint32(0, o.magic ?? 0x75d11d57, le);
  out.fill(o.uuidByte ?? 0xab, 4, 20);
  dv.setUint32(20, o.checksum ?? 0, le);
  dv.setUint32(24, o.contentBits ?? (37 + body.length) * 8, le);
  dv.setUint32(28, o.packetBits ?? out.length * 8, le);
  out[32] = o.compression ?? 0;
  out[33] = o.encryption ?? 0;
  out[34] = o.checksumScheme ?? 0;
  out[35] = o.major ?? 1;
  out[36] = o.minor ?? 8;
  out.set(body, 37);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

function errorOf(run: () => unknown): MetadataError {
  try {
    run();
  } catch (e) {
    if (e instanceof MetadataError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('isPacketizedMetadata', () => {
  it('recognizes the magic in either byte order, and nothing else', () => {
    expect(isPacketizedMetadata(packet('x'))).toBe(true);
    expect(isPacketizedMetadata(packet('x', { le: false }))).toBe(true);
    expect(isPacketizedMetadata(new TextEncoder().encode('/* CTF 1.8 */'))).toBe(false);
    expect(isPacketizedMetadata(new Uint8Array([0x57, 0x1d, 0xd1]))).toBe(false);
  });
});

describe('unpackMetadata', () => {
  it('concatenates packet contents and skips padding (little endian)', () => {
    const bytes = concat(
      packet('trace { ', { padding: 100 }),
      packet('major = 1; };', { padding: 3 }),
      packet('')
    );
    expect(text(unpackMetadata(bytes, 'm'))).toBe('trace { major = 1; };');
  });

  it('reads big-endian headers', () => {
    const bytes = concat(packet('abc', { le: false, padding: 8 }), packet('def', { le: false }));
    expect(text(unpackMetadata(bytes, 'm'))).toBe('abcdef');
  });

  it('accepts a last packet whose padding is cut short', () => {
    const last = packet('tail', { padding: 64 }).subarray(0, 37 + 4 + 10);
    expect(text(unpackMetadata(concat(packet('head'), last), 'm'))).toBe('headtail');
  });

  const first = packet('first packet', { padding: 3 });
  const at = first.length;
  it.each([
    [
      'a truncated header',
      concat(first, new Uint8Array(10)),
      `byte offset ${at}: truncated packet header (10 of 37 bytes)`
    ],
    [
      'content past the end',
      concat(first, packet('abc').subarray(0, 39)),
      `byte offset ${at}: truncated packet`
    ],
    [
      'content_size below the header',
      concat(first, packet('abc', { contentBits: 100 * 8 - 800 })),
      'bad content_size 0 bits'
    ],
    [
      'packet_size below content_size',
      concat(first, packet('abcdef', { packetBits: 38 * 8 })),
      'packet_size 304 bits is smaller'
    ],
    [
      'sizes not in bytes',
      concat(first, packet('abc', { contentBits: 41 * 8 - 3 })),
      'must be multiples of 8'
    ],
    [
      'another version',
      concat(first, packet('abc', { major: 2, minor: 0 })),
      'unsupported packet version 2.0 (expected 1.8)'
    ],
    [
      'compression',
      concat(first, packet('abc', { compression: 1 })),
      'compressed metadata packets are not supported'
    ],
    [
      'encryption',
      concat(first, packet('abc', { encryption: 2 })),
      'encrypted metadata packets are not supported'
    ],
    [
      'a checksum',
      concat(first, packet('abc', { checksumScheme: 1, checksum: 5 })),
      'checksums are not supported'
    ],
    ['another UUID', concat(first, packet('abc', { uuidByte: 1 })), "UUID differs from the first packet's"],
    ['a bad magic', concat(first, packet('abc', { magic: 0x12345678 })), 'bad magic number 0x12345678']
  ])('refuses %s, naming the file and the byte offset', (_what, bytes, message) => {
    const e = errorOf(() => unpackMetadata(bytes, 'dir/metadata'));
    expect(e.file).toBe('dir/metadata');
    expect(e.line).toBeUndefined();
    expect(e.message).toContain('dir/metadata: metadata packet at byte offset');
    expect(e.message).toContain(message);
  });

  it('refuses bytes without a packet magic', () => {
    expect(errorOf(() => unpackMetadata(new Uint8Array(40), 'm')).message).toContain(
      'no packet magic number'
    );
  });
});

describe('real packetized metadata', () => {
  it('unpacks many-threads exactly (babeltrace2 -o ctf-metadata text, 304,670 bytes with its added newline)', () => {
    const raw = readMetadata('tracecompass/many-threads/metadata');
    expect(raw.length).toBe(311296);
    const unpacked = unpackMetadata(raw, 'many-threads');
    expect(unpacked.length).toBe(304669);
    expect(createHash('sha256').update(unpacked).digest('hex')).toBe(
      'f87fbe87115d3604a8cabd069ed72e1d951d9fceb4ebb27112247dae403cbefb'
    );
  });

  it('unpacks the big-endian flipping-endianness metadata', () => {
    const unpacked = unpackMetadata(readMetadata('tracecompass/flipping-endianness/metadata'), 'f');
    expect(unpacked.length).toBe(5579);
    expect(createHash('sha256').update(unpacked).digest('hex')).toBe(
      'c387fdf4dfb4717d8ae71c3738a137dae479de4e9e985d6eb3767c7af03703f6'
    );
  });

  it('parseTsdlMetadata unpacks, strips trailing NULs and parses', () => {
    const src = 'trace { major = 1; minor = 8; byte_order = le; };\nevent { name = e; };\n';
    const bytes = concat(packet(src.slice(0, 20), { padding: 5 }), packet(src.slice(20)));
    expect(parseTsdlMetadata(bytes, 'p')).toEqual(parseTsdl(src, 'p'));
    const withNuls = concat(new TextEncoder().encode(src), new Uint8Array(16));
    expect(parseTsdlMetadata(withNuls, 'p')).toEqual(parseTsdl(src, 'p'));
  });

  it('refuses metadata text that is not UTF-8', () => {
    const e = errorOf(() => parseTsdlMetadata(new Uint8Array([0x2f, 0x2a, 0xff, 0xfe, 0x2a, 0x2f]), 'bin'));
    expect(e.message).toBe('bin: metadata text is not valid UTF-8');
  });
});
