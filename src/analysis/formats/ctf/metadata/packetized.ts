/**
 * Packetized CTF metadata streams: detection and unpacking into the plain metadata text bytes.
 *
 * Scope: LTTng (and other CTF 1.8 producers) may write the metadata file as a sequence of packets, each with a
 * 37-byte header followed by a piece of the text and padding. This module checks the headers and concatenates the
 * pieces; it knows nothing about the metadata language. Shared by the TSDL and CTF 2 front ends.
 *
 * Packet header (CTF 1.8 spec §7.1, "Metadata packet header"), in the byte order given by the magic:
 *   magic u32 = 0x75D11D57, uuid u8[16], checksum u32, content_size u32 (bits), packet_size u32 (bits),
 *   compression_scheme u8, encryption_scheme u8, checksum_scheme u8, major u8, minor u8.
 * Like babeltrace2, only version 1.8 without compression, encryption or checksum is accepted, and every packet
 * must carry the same UUID. A last packet whose padding is cut short is accepted (its content is complete).
 */

import { MetadataError } from '../ir';

export const METADATA_PACKET_MAGIC = 0x75d11d57;
/** Size of a metadata packet header, bytes. */
export const METADATA_PACKET_HEADER_SIZE = 37;

interface PacketHeader {
  /** Offset of the 16 UUID bytes. */
  uuidAt: number;
  checksum: number;
  contentBits: number;
  packetBits: number;
  compression: number;
  encryption: number;
  checksumScheme: number;
  major: number;
  minor: number;
}

function readU32(bytes: Uint8Array, offset: number, le: boolean): number {
  const b0 = bytes[offset];
  const b1 = bytes[offset + 1];
  const b2 = bytes[offset + 2];
  const b3 = bytes[offset + 3];
  return le
    ? (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0
    : ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
}

/** True when the 16 bytes at `a` and at `b` are equal (packet UUIDs). */
function sameUuid(bytes: Uint8Array, a: number, b: number): boolean {
  for (let i = 0; i < 16; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/** True when `bytes` starts with the metadata packet magic number in either byte order. */
export function isPacketizedMetadata(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  return (
    readU32(bytes, 0, true) === METADATA_PACKET_MAGIC || readU32(bytes, 0, false) === METADATA_PACKET_MAGIC
  );
}

function readHeader(bytes: Uint8Array, offset: number, le: boolean, file: string): PacketHeader {
  const fail = (msg: string): never => {
    throw new MetadataError(`metadata packet at byte offset ${offset}: ${msg}`, file);
  };
  if (bytes.length - offset < METADATA_PACKET_HEADER_SIZE) {
    fail(`truncated packet header (${bytes.length - offset} of ${METADATA_PACKET_HEADER_SIZE} bytes)`);
  }
  const magic = readU32(bytes, offset, le);
  if (magic !== METADATA_PACKET_MAGIC) fail(`bad magic number 0x${magic.toString(16)} (expected 0x75d11d57)`);
  return {
    uuidAt: offset + 4,
    checksum: readU32(bytes, offset + 20, le),
    contentBits: readU32(bytes, offset + 24, le),
    packetBits: readU32(bytes, offset + 28, le),
    compression: bytes[offset + 32],
    encryption: bytes[offset + 33],
    checksumScheme: bytes[offset + 34],
    major: bytes[offset + 35],
    minor: bytes[offset + 36]
  };
}

function checkHeader(h: PacketHeader, offset: number, available: number, file: string): void {
  const fail = (msg: string): never => {
    throw new MetadataError(`metadata packet at byte offset ${offset}: ${msg}`, file);
  };
  if (h.major !== 1 || h.minor !== 8) fail(`unsupported packet version ${h.major}.${h.minor} (expected 1.8)`);
  if (h.compression !== 0) fail(`compressed metadata packets are not supported (scheme ${h.compression})`);
  if (h.encryption !== 0) fail(`encrypted metadata packets are not supported (scheme ${h.encryption})`);
  if (h.checksumScheme !== 0 || h.checksum !== 0) {
    fail(`metadata packet checksums are not supported (scheme ${h.checksumScheme})`);
  }
  if (h.contentBits % 8 !== 0 || h.packetBits % 8 !== 0) {
    fail(
      `bad sizes: content_size ${h.contentBits} and packet_size ${h.packetBits} bits must be multiples of 8`
    );
  }
  if (h.contentBits < METADATA_PACKET_HEADER_SIZE * 8) {
    fail(
      `bad content_size ${h.contentBits} bits: smaller than the ${METADATA_PACKET_HEADER_SIZE}-byte header`
    );
  }
  if (h.packetBits < h.contentBits) {
    fail(`bad sizes: packet_size ${h.packetBits} bits is smaller than content_size ${h.contentBits} bits`);
  }
  if (h.contentBits / 8 > available) {
    fail(`truncated packet: content_size says ${h.contentBits / 8} bytes but only ${available} remain`);
  }
}

/**
 * Concatenates the text pieces of a packetized metadata stream. The byte order is taken from the first magic
 * number. Throws MetadataError naming `file` and the byte offset of the faulty packet.
 */
export function unpackMetadata(bytes: Uint8Array, file: string): Uint8Array {
  if (!isPacketizedMetadata(bytes)) {
    throw new MetadataError('metadata packet at byte offset 0: no packet magic number', file);
  }
  const le = readU32(bytes, 0, true) === METADATA_PACKET_MAGIC;
  const pieces: Uint8Array[] = [];
  let total = 0;
  let uuidAt = -1;
  let offset = 0;
  while (offset < bytes.length) {
    const h = readHeader(bytes, offset, le, file);
    checkHeader(h, offset, bytes.length - offset, file);
    if (uuidAt < 0) uuidAt = h.uuidAt;
    else if (!sameUuid(bytes, uuidAt, h.uuidAt)) {
      throw new MetadataError(
        `metadata packet at byte offset ${offset}: UUID differs from the first packet's`,
        file
      );
    }
    const piece = bytes.subarray(offset + METADATA_PACKET_HEADER_SIZE, offset + h.contentBits / 8);
    pieces.push(piece);
    total += piece.length;
    offset += h.packetBits / 8;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
