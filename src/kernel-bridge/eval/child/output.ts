/**
 * The child's output channel to the kernel: console text is buffered and sent in chunks (at most every
 * 50 ms, or at once past 64 KiB, so a chatty loop neither floods the frontend nor waits for the loop's end),
 * and displays, clears and comm messages are sent in order after any pending text. Every message carries the
 * tag of the execution it belongs to.
 */
import type { ContentOf, JsonObject } from '../../handler/types';
import type { IDisplayPublisher } from '../../api/display';
import type { CommType, FromChild } from '../ipc';

/** Sends one message to the kernel. */
export type SendToKernel = (m: FromChild) => void;

const FLUSH_BYTES = 64 * 1024;
const FLUSH_MS = 50;

/** Buffered, tagged output of the evaluation child. */
export class OutputChannel implements IDisplayPublisher {
  constructor(
    private readonly _send: SendToKernel,
    private readonly _now: () => number = Date.now
  ) {}

  /** Tag of the execution output currently belongs to. */
  tag = 0;

  /** Appends console text. */
  write(name: 'stdout' | 'stderr', text: string): void {
    if (text.length === 0) return;
    const last = this._chunks[this._chunks.length - 1];
    if (last && last.name === name) last.text += text;
    else this._chunks.push({ name, text });
    this._size += text.length;
    if (this._size >= FLUSH_BYTES || this._now() - this._lastFlush >= FLUSH_MS) this.flush();
    else this._schedule();
  }

  /** Sends buffered text now. */
  flush(): void {
    this._lastFlush = this._now();
    const chunks = this._chunks;
    this._chunks = [];
    this._size = 0;
    for (const c of chunks) this._send({ kind: 'stream', tag: this.tag, name: c.name, text: c.text });
  }

  display(msgType: 'display_data' | 'update_display_data', content: ContentOf<'display_data'>): void {
    this.flush();
    this._send({ kind: 'display', tag: this.tag, msgType, content });
  }

  clear(wait: boolean): void {
    this.flush();
    this._send({ kind: 'clear', tag: this.tag, wait });
  }

  /** A comm message from the kernel side, parented to `tag` (default: the current execution). */
  comm(msgType: CommType, content: JsonObject, buffers?: Uint8Array[], tag = this.tag): void {
    this.flush();
    this._send({ kind: 'comm', tag, msgType, content, buffers });
  }

  private _schedule(): void {
    if (this._timer) return;
    this._timer = setTimeout(() => {
      this._timer = undefined;
      this.flush();
    }, FLUSH_MS);
    this._timer.unref();
  }

  private _chunks: { name: 'stdout' | 'stderr'; text: string }[] = [];
  private _size = 0;
  private _lastFlush = 0;
  private _timer: NodeJS.Timeout | undefined;
}
