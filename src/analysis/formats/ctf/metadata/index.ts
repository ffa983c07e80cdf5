/**
 * Metadata dispatcher: reads `<trace>/metadata`, unpacks packetized metadata, and hands the text to the CTF 2
 * (JSON text sequence, first byte RS) or CTF 1.8 TSDL front end. Both produce the same `TraceClass` model.
 */
import type { FileSystemAccess } from '../../../io/byte-source';
import type { TraceClass } from '../ir';
import { MetadataError } from '../ir';
import { isCtf2Metadata, parseCtf2Metadata } from './ctf2';
import { isPacketizedMetadata, unpackMetadata } from './packetized';
import { parseTsdlMetadata } from './tsdl';

/** Path of a trace folder's metadata file. */
export function metadataPath(fsa: FileSystemAccess, dir: string): string {
  return fsa.join(dir, 'metadata');
}

/** Parses metadata bytes (plain or packetized, TSDL or CTF 2). */
export function parseMetadata(bytes: Uint8Array, file: string): TraceClass {
  const text = isPacketizedMetadata(bytes) ? unpackMetadata(bytes, file) : bytes;
  return isCtf2Metadata(text) ? parseCtf2Metadata(text, file) : parseTsdlMetadata(text, file);
}

/** Reads and parses the metadata of a trace folder; `MetadataError` when missing or invalid. */
export function readTraceClass(fsa: FileSystemAccess, dir: string): TraceClass {
  const file = metadataPath(fsa, dir);
  if (!fsa.exists(file)) throw new MetadataError('no metadata file (not a CTF trace folder)', file);
  let bytes: Uint8Array;
  try {
    bytes = fsa.readAll(file);
  } catch (e) {
    throw new MetadataError(`cannot read: ${e instanceof Error ? e.message : String(e)}`, file);
  }
  return parseMetadata(bytes, file);
}
