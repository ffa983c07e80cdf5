/**
 * The state shared by the TSDL parser modules while one metadata text is parsed, and the raw records they fill.
 *
 * Scope: data definitions plus the few helpers every module needs (scope push/pop, the native byte order).
 * Top-level blocks are collected as raw records and only assembled into a TraceClass at the end (see
 * `assemble.ts`), because TSDL lets events precede their stream, clocks follow the types mapping them, etc.
 */

import type { ArrayFC, ByteOrder, ClockClass, IntegerFC, StructFC, StructMember } from '../../ir';
import type { Cursor } from './cursor';
import { DeclScope } from './scope';

export interface RawTrace {
  tok: number;
  major?: bigint;
  minor?: bigint;
  uuid?: string;
  byteOrder?: ByteOrder;
  packetHeader?: StructFC;
  packetHeaderTok?: number;
}

export interface RawStream {
  tok: number;
  id?: bigint;
  packetContext?: StructFC;
  eventHeader?: StructFC;
  eventContext?: StructFC;
}

export interface RawEvent {
  tok: number;
  name?: string;
  id?: bigint;
  streamId?: bigint;
  loglevel?: bigint;
  modelEmfUri?: string;
  context?: StructFC;
  payload?: StructFC;
  attributes?: Record<string, unknown>;
}

export interface ClockDecl {
  clock: ClockClass;
  tok: number;
}

/** A `map = clock.NAME.value` seen in an integer: checked once every clock is known. */
export interface ClockRef {
  name: string;
  tok: number;
}

/** A static array whose length is an `env.NAME` entry: filled in once the environment is known. */
export interface EnvLengthFixup {
  array: ArrayFC;
  name: string;
  tok: number;
}

export interface ParseContext {
  cur: Cursor;
  scope: DeclScope;
  /** The trace block's `byte_order`, found by a pre-pass (types may use it before the trace block). */
  nativeByteOrder?: ByteOrder;
  /** First token that needed the native byte order when the trace block gives none (reported after parsing). */
  missingNativeAt?: number;
  /** Members of the struct bodies being parsed, innermost last (for early checks of relative locations). */
  frames: StructMember[][];
  clockRefs: ClockRef[];
  envFixups: EnvLengthFixup[];
  trace?: RawTrace;
  streams: RawStream[];
  events: RawEvent[];
  clocks: ClockDecl[];
  env: Record<string, string | bigint>;
  /** `integer { ... }` bodies already parsed, by exact text: perf metadata repeats a few thousand times each. */
  intCache: Map<string, IntegerFC>;
  /** Members of `:= struct { ... }` bodies already parsed, by exact text (see `compound-types.ts`). */
  structCache: Map<string, StructMemo>;
}

export interface StructMemo {
  members: readonly StructMember[];
  /** Names registered in the root scope when the body was parsed. */
  rootSize: number;
  /**
   * The structure last built from this body by the event fast path (with its `align(N)`, if any): later events
   * with the same body and alignment share it (field classes are never modified once parsed).
   */
  fc?: StructFC;
}

export function createContext(cur: Cursor, nativeByteOrder: ByteOrder | undefined): ParseContext {
  return {
    cur,
    scope: new DeclScope(),
    nativeByteOrder,
    frames: [],
    clockRefs: [],
    envFixups: [],
    streams: [],
    events: [],
    clocks: [],
    env: {},
    intCache: new Map(),
    structCache: new Map()
  };
}

/** Runs `body` in a new nested declaration scope. */
export function inScope<T>(ctx: ParseContext, body: () => T): T {
  const saved = ctx.scope;
  ctx.scope = new DeclScope(saved);
  try {
    return body();
  } finally {
    ctx.scope = saved;
  }
}

/**
 * The trace's native byte order. When the trace block gives none, parsing goes on with a placeholder so that a
 * syntax error further on (e.g. a damaged `trace {`) is reported first; `checkNativeByteOrder` then reports the
 * missing byte order at its first use.
 */
export function nativeByteOrder(ctx: ParseContext, tok: number): ByteOrder {
  if (ctx.nativeByteOrder === undefined) {
    ctx.missingNativeAt ??= tok;
    return 'le';
  }
  return ctx.nativeByteOrder;
}

/** Fails at the first use of an unknown native byte order (called once the whole text has parsed). */
export function checkNativeByteOrder(ctx: ParseContext): void {
  if (ctx.missingNativeAt !== undefined) {
    ctx.cur.fail(
      'no native byte order: the metadata has no trace block with a byte_order attribute',
      ctx.missingNativeAt
    );
  }
}
