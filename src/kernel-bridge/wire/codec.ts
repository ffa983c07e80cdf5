/**
 * Jupyter wire format: `[...idents, "<IDS|MSG>", signature, header, parent_header, metadata, content,
 * ...buffers]`. Scope: frames <-> messages (with signature check on the raw frames), and message headers.
 *
 * Spec: https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
 */
import { randomUUID } from 'node:crypto';
import type { KernelMessage } from '@jupyterlab/services';
import type { MessageSigner } from './signer';

/** Protocol version this kernel speaks. */
export const PROTOCOL_VERSION = '5.3';

const DELIMITER = Buffer.from('<IDS|MSG>', 'latin1');

/** JSON object as carried in message metadata and content. */
export type JsonObject = KernelMessage.IMessage['metadata'];

/** A decoded message (any channel). */
export interface IWireMessage {
  /** ROUTER routing identities (echoed on replies), or the iopub topic. */
  idents: Buffer[];
  header: KernelMessage.IHeader;
  parent_header: KernelMessage.IHeader | Record<string, never>;
  metadata: JsonObject;
  content: JsonObject;
  buffers: Buffer[];
}

/** Result of decoding: a message, or why it was dropped. */
export type DecodeResult =
  { ok: true; message: IWireMessage } | { ok: false; reason: 'bad-signature' | 'malformed'; detail: string };

/** Decodes received frames, checking the signature against the bytes exactly as received. */
export function decodeMessage(frames: readonly Buffer[], signer: MessageSigner): DecodeResult {
  const d = frames.findIndex(f => f.equals(DELIMITER));
  if (d < 0 || frames.length < d + 6) {
    return { ok: false, reason: 'malformed', detail: `no delimiter or too few frames (${frames.length})` };
  }
  const json = frames.slice(d + 2, d + 6);
  if (!signer.verify(frames[d + 1], json)) {
    return { ok: false, reason: 'bad-signature', detail: `signature ${frames[d + 1].toString('latin1')}` };
  }
  try {
    const [header, parent, metadata, content] = json.map(f => JSON.parse(f.toString('utf8')) as unknown);
    if (!isObject(header) || typeof header.msg_type !== 'string' || typeof header.msg_id !== 'string') {
      return { ok: false, reason: 'malformed', detail: 'header without msg_type/msg_id' };
    }
    return {
      ok: true,
      message: {
        idents: frames.slice(0, d),
        header: header as unknown as KernelMessage.IHeader,
        parent_header: (isObject(parent) ? parent : {}) as IWireMessage['parent_header'],
        metadata: (isObject(metadata) ? metadata : {}) as JsonObject,
        content: (isObject(content) ? content : {}) as JsonObject,
        buffers: frames.slice(d + 6)
      }
    };
  } catch (e) {
    return { ok: false, reason: 'malformed', detail: `bad JSON: ${(e as Error).message}` };
  }
}

/** Encodes a message into frames, signing the four JSON frames only (buffers travel raw). */
export function encodeMessage(msg: IWireMessage, signer: MessageSigner): Buffer[] {
  const json = [msg.header, msg.parent_header, msg.metadata, msg.content].map(o =>
    Buffer.from(JSON.stringify(o), 'utf8')
  );
  const signature = Buffer.from(signer.sign(json), 'latin1');
  return [...msg.idents, DELIMITER, signature, ...json, ...msg.buffers];
}

/** A fresh header for a message this kernel sends. */
export function makeHeader(msgType: string, session: string): KernelMessage.IHeader {
  return {
    msg_id: randomUUID(),
    msg_type: msgType as KernelMessage.MessageType,
    session,
    username: 'kernel',
    date: new Date().toISOString(),
    version: PROTOCOL_VERSION
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
