/**
 * Message signatures: HMAC over the four JSON frames (header, parent header, metadata, content) exactly as
 * they travel on the wire. Binary buffers are never signed. Verification uses a constant-time compare.
 *
 * Scope: signing and verifying frames; nothing about sockets or message meaning.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signs and verifies the JSON frames of Jupyter messages. An empty key disables signing (signature ""). */
export class MessageSigner {
  constructor(key: string, scheme = 'hmac-sha256') {
    const m = /^hmac-([a-z0-9-]+)$/i.exec(scheme);
    if (!m) throw new Error(`unsupported signature scheme ${scheme}`);
    this._algorithm = m[1].toLowerCase();
    this._key = key;
    // Fail early on an algorithm node's crypto does not know.
    if (key) createHmac(this._algorithm, key);
  }

  /** True when messages are signed (non-empty key). */
  get enabled(): boolean {
    return this._key.length > 0;
  }

  /** Hex signature of the four JSON frames, or "" when signing is disabled. */
  sign(frames: readonly Uint8Array[]): string {
    if (!this.enabled) return '';
    const hmac = createHmac(this._algorithm, this._key);
    for (const f of frames) hmac.update(f);
    return hmac.digest('hex');
  }

  /** Whether `signature` (hex, as received) matches the frames. Always true when signing is disabled. */
  verify(signature: Uint8Array, frames: readonly Uint8Array[]): boolean {
    if (!this.enabled) return true;
    const expected = Buffer.from(this.sign(frames), 'latin1');
    const got = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
    // timingSafeEqual needs equal lengths; a length mismatch is itself not secret (the length is public).
    return got.length === expected.length && timingSafeEqual(got, expected);
  }

  private readonly _algorithm: string;
  private readonly _key: string;
}
