/**
 * The CTF trace-class model ("IR") shared by both metadata front ends and the binary decoder.
 *
 * Scope: a plain-data description of a CTF trace class — clocks, environment, stream classes, event classes and
 * the field classes of every dynamic scope. Both metadata languages produce it:
 *   - CTF 1.8 TSDL (`metadata/tsdl/`), where meaning comes from well-known field names (`magic`, `stream_id`,
 *     `timestamp`, `content_size`, ...): the TSDL front end turns those names into `roles`;
 *   - CTF 2 JSON (`metadata/ctf2/`), where roles are explicit.
 * The decoder (`decode/`) compiles this model into decoding functions; it never looks at metadata text.
 *
 * Conventions:
 *   - sizes and alignments are in BITS; alignment is a power of two >= 1;
 *   - names are kept exactly as written in the metadata (a TSDL `_vtid` stays `_vtid`); `displayName()` gives
 *     the name users see (one leading underscore removed, as babeltrace2 does);
 *   - integer values that can exceed 2^53 (enum ranges, clock offsets, ids) are bigint.
 *
 * Spec: CTF 1.8 https://diamon.org/ctf/v1.8.3/ ; CTF 2 https://diamon.org/ctf/ (CTF2-SPEC-2.0).
 */

export type ByteOrder = 'le' | 'be';

/** Where a sequence length or a variant selector lives. */
export type Scope =
  | 'packet.header'
  | 'packet.context'
  | 'event.header'
  | 'event.common_context' /* stream event context */
  | 'event.specific_context' /* event context */
  | 'event.payload';

/**
 * A field location.
 * - `origin` set: an absolute location, `path` is the member names from that scope's root struct
 *   (TSDL `stream.event.context.cpu_id` -> origin 'event.common_context', path ['cpu_id']).
 * - `origin` undefined: a CTF 1.8 relative name (`path` usually one element, possibly dotted components):
 *   resolved by the decoder per the spec — searched in the enclosing structs from the innermost outwards,
 *   then in the enclosing scopes.
 * CTF 2 locations with origin `null` are relative too (`path` may hold `null` meaning "parent").
 */
export interface FieldLocation {
  origin?: Scope;
  path: (string | null)[];
}

/** Semantic roles (CTF 2 names); the TSDL front end assigns them from the well-known field names. */
export type Role =
  | 'packet-magic-number'
  | 'metadata-stream-uuid'
  | 'data-stream-class-id'
  | 'data-stream-id'
  | 'packet-total-length'
  | 'packet-content-length'
  | 'default-clock-timestamp'
  | 'packet-end-default-clock-timestamp'
  | 'discarded-event-record-counter-snapshot'
  | 'packet-sequence-number'
  | 'event-record-class-id';

interface FieldClassBase {
  /** Alignment in bits (>= 1). For compound types: the max of members and the declared `align`. */
  align: number;
  roles?: Role[];
  /** Extra attributes to keep (CTF 2 `attributes`, TSDL unknown attributes); never interpreted. */
  attributes?: Record<string, unknown>;
}

/** One label of an enumeration / CTF 2 integer mapping: inclusive ranges. */
export interface Mapping {
  label: string;
  ranges: [bigint, bigint][];
}

export interface IntegerFC extends FieldClassBase {
  kind: 'int';
  /** 1..64 */
  size: number;
  signed: boolean;
  byteOrder: ByteOrder;
  /** CTF 2 `bit-order`; CTF 1.8 follows byte order. Default: 'le' for le byte order, 'be' for be. */
  bitOrder?: ByteOrder;
  /** Preferred display base. */
  base: 2 | 8 | 10 | 16;
  /** CTF 1.8 `encoding` (an 8-bit int array/sequence with an encoding is a string). */
  encoding?: 'none' | 'utf8' | 'ascii';
  /** `map = clock.NAME.value` */
  mappedClock?: string;
  /** CTF 2 integer mappings (not an enum in CTF 1.8 sense but displayed alike). */
  mappings?: Mapping[];
}

/** CTF 2 variable-length (LEB128) integer. */
export interface VarIntFC extends FieldClassBase {
  kind: 'varint';
  signed: boolean;
  base: 2 | 8 | 10 | 16;
  mappedClock?: string;
  mappings?: Mapping[];
}

export interface EnumFC extends FieldClassBase {
  kind: 'enum';
  container: IntegerFC;
  /** In declaration order; implicit values already made explicit. */
  mappings: Mapping[];
}

/** CTF 2 fixed-length boolean (an unsigned integer: 0 = false). */
export interface BoolFC extends FieldClassBase {
  kind: 'bool';
  size: number;
  byteOrder: ByteOrder;
  bitOrder?: ByteOrder;
}

/** CTF 2 fixed-length bit array (with optional flags); displayed as an unsigned integer. */
export interface BitArrayFC extends FieldClassBase {
  kind: 'bitarray';
  size: number;
  byteOrder: ByteOrder;
  bitOrder?: ByteOrder;
  /** CTF 2 fixed-length bit map `flags`: flag name -> ranges of bit indexes (in the decoded bit array). */
  flags?: Mapping[];
}

export interface FloatFC extends FieldClassBase {
  kind: 'float';
  /** 32 or 64 (TSDL exp_dig/mant_dig 8/24 -> 32, 11/53 -> 64). */
  size: 32 | 64;
  byteOrder: ByteOrder;
}

/** Null-terminated string. */
export interface StringFC extends FieldClassBase {
  kind: 'string';
  encoding: 'utf8' | 'ascii' | 'utf16be' | 'utf16le' | 'utf32be' | 'utf32le';
}

/** CTF 2 static-length (`length` bytes) or dynamic-length string. */
export interface SizedStringFC extends FieldClassBase {
  kind: 'sized-string';
  encoding: 'utf8' | 'utf16be' | 'utf16le' | 'utf32be' | 'utf32le';
  /** Exactly one of length / lengthLocation. */
  length?: number;
  lengthLocation?: FieldLocation;
}

/** CTF 2 static-length or dynamic-length BLOB (bytes). */
export interface BlobFC extends FieldClassBase {
  kind: 'blob';
  mediaType?: string;
  length?: number;
  lengthLocation?: FieldLocation;
}

export interface StructMember {
  name: string;
  fc: FieldClass;
}

export interface StructFC extends FieldClassBase {
  kind: 'struct';
  members: StructMember[];
  /** Declared minimum alignment (TSDL `align(N)`, CTF 2 `minimum-alignment`), bits. */
  minAlign?: number;
}

/** Static-length array (`length`) or sequence / dynamic-length array (`lengthLocation`). */
export interface ArrayFC extends FieldClassBase {
  kind: 'array';
  element: FieldClass;
  length?: number;
  lengthLocation?: FieldLocation;
  /** CTF 2 `minimum-alignment` of the array itself (bits). */
  minAlign?: number;
}

export interface VariantOption {
  /** TSDL: the option's name, matched against the selector enum's labels. CTF 2: optional name. */
  name?: string;
  fc: FieldClass;
  /** CTF 2: selector-field ranges that select this option (integer selectors). */
  ranges?: [bigint, bigint][];
}

export interface VariantFC extends FieldClassBase {
  kind: 'variant';
  selectorLocation: FieldLocation;
  options: VariantOption[];
}

/** CTF 2 optional: present when the selector (bool, or integer in `ranges`) says so. */
export interface OptionalFC extends FieldClassBase {
  kind: 'optional';
  selectorLocation: FieldLocation;
  fc: FieldClass;
  ranges?: [bigint, bigint][];
}

export type FieldClass =
  | IntegerFC
  | VarIntFC
  | EnumFC
  | BoolFC
  | BitArrayFC
  | FloatFC
  | StringFC
  | SizedStringFC
  | BlobFC
  | StructFC
  | ArrayFC
  | VariantFC
  | OptionalFC;

export interface ClockClass {
  name: string;
  /** Hz */
  freq: bigint;
  /** Seconds part of the offset from the origin. */
  offsetSeconds: bigint;
  /** Cycles part of the offset (may exceed one second's worth of cycles). */
  offsetCycles: bigint;
  precision?: bigint;
  uuid?: string;
  description?: string;
  /** TSDL `absolute`; CTF 2: origin is the Unix epoch. */
  absolute?: boolean;
  originIsUnixEpoch?: boolean;
}

export interface EventClass {
  id: bigint;
  name: string;
  loglevel?: bigint;
  modelEmfUri?: string;
  /** Event context ("specific context"). */
  context?: StructFC;
  payload?: StructFC;
  attributes?: Record<string, unknown>;
}

export interface StreamClass {
  id: bigint;
  packetContext?: StructFC;
  eventHeader?: StructFC;
  /** Stream event context ("common context"). */
  eventContext?: StructFC;
  /** Name of the default clock (the clock mapped by the event header timestamp, or CTF 2 `default-clock-class-id`). */
  defaultClock?: string;
  events: EventClass[];
}

export interface TraceClass {
  /** 1 for CTF 1.8 (minor 8), 2 for CTF 2. */
  major: number;
  minor: number;
  uuid?: string;
  /** The trace's native byte order (TSDL `byte_order` of `trace`); 'le' for CTF 2 unless stated. */
  byteOrder: ByteOrder;
  packetHeader?: StructFC;
  env: Record<string, string | bigint>;
  clocks: ClockClass[];
  streams: StreamClass[];
}

/** Thrown by metadata front ends: `line` is 1-based in the metadata text (TSDL) or record index (CTF 2). */
export class MetadataError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number
  ) {
    super(
      `${file}${line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : ''}: ${message}`
    );
    this.name = 'MetadataError';
  }
}

/** The name users see: one leading underscore removed (babeltrace2 and Trace Compass do the same). */
export function displayName(name: string): string {
  return name.startsWith('_') ? name.slice(1) : name;
}
