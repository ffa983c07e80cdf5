/**
 * Buffered output for the CLI: rows are collected as strings and written in large chunks, with back-pressure
 * (waits for 'drain') and a quiet stop when the reader goes away (EPIPE: `tracelab events ... | head`).
 *
 * Scope: `Output` over a Node writable stream (stdout, or a test's capture) or over a file (`--out`), written
 * with `fs.writeSync` for speed.
 */
import * as fs from 'node:fs';

/** Where a command writes its result. */
export interface Output {
  /** Queues text; flushes when the buffer is large. Await it: it applies back-pressure. */
  write(text: string): Promise<void>;
  /** Queues text without flushing; returns true when the buffer is large enough that the caller should flush. */
  append(text: string): boolean;
  /** Writes bytes (flushing queued text first). */
  writeBytes(bytes: Uint8Array): Promise<void>;
  /** Flushes everything queued. */
  flush(): Promise<void>;
  /** Flushes and releases the target (a file is closed; stdout is left open). */
  close(): Promise<void>;
  /** True once the reader has gone away (EPIPE): callers stop producing. */
  readonly broken: boolean;
}

/** Text is UTF-8 encoded straight into 1 MiB buffers (no big string joins), written when one is full. */
const CHUNK = 1 << 20;
const HIGH_WATER = CHUNK - (64 << 10);

abstract class BufferedOutput implements Output {
  private _buf = Buffer.allocUnsafe(CHUNK);
  private _pos = 0;
  private _full: Uint8Array[] = [];
  abstract readonly broken: boolean;
  protected abstract _writeChunk(chunk: Uint8Array): Promise<void>;
  private _seal(): void {
    if (this._pos === 0) return;
    this._full.push(this._buf.subarray(0, this._pos));
    this._buf = Buffer.allocUnsafe(CHUNK);
    this._pos = 0;
  }
  append(text: string): boolean {
    if (text.length * 3 > CHUNK - this._pos) {
      this._seal();
      if (text.length * 3 > CHUNK) {
        this._full.push(Buffer.from(text, 'utf8'));
        return true;
      }
    }
    this._pos += this._buf.write(text, this._pos);
    return this._pos >= HIGH_WATER || this._full.length > 0;
  }
  async write(text: string): Promise<void> {
    if (this.broken) return;
    if (this.append(text)) await this.flush();
  }
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    if (!this.broken && bytes.length > 0) await this._writeChunk(bytes);
  }
  async flush(): Promise<void> {
    this._seal();
    const chunks = this._full;
    this._full = [];
    for (const c of chunks) if (!this.broken) await this._writeChunk(c);
  }
  abstract close(): Promise<void>;
}

function isEpipe(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** Output to a writable stream. */
export class StreamOutput extends BufferedOutput {
  private _broken = false;
  private _error: unknown;
  constructor(private readonly _stream: NodeJS.WritableStream) {
    super();
    _stream.on('error', (e: unknown) => {
      if (isEpipe(e)) this._broken = true;
      else this._error = e;
    });
  }
  get broken(): boolean {
    return this._broken;
  }
  protected async _writeChunk(chunk: Uint8Array): Promise<void> {
    if (this._error !== undefined) throw this._error;
    const ok = this._stream.write(chunk);
    // Let queued 'error' events (EPIPE from a synchronous pipe write) arrive before producing more.
    if (ok) await new Promise<void>(resolve => setImmediate(resolve));
    else await this._waitDrain();
    if (this._error !== undefined) throw this._error;
  }
  private _waitDrain(): Promise<void> {
    return new Promise<void>(resolve => {
      const done = (): void => {
        this._stream.removeListener('drain', done);
        this._stream.removeListener('error', done);
        this._stream.removeListener('close', done);
        resolve();
      };
      this._stream.on('drain', done);
      this._stream.on('error', done);
      this._stream.on('close', done);
    });
  }
  async close(): Promise<void> {
    await this.flush();
  }
}

/** Output to a file (created or truncated), written synchronously in large chunks. */
export class FileOutput extends BufferedOutput {
  readonly broken = false;
  private _fd: number;
  constructor(readonly path: string) {
    super();
    this._fd = fs.openSync(path, 'w');
  }
  protected async _writeChunk(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(this._fd, bytes, done, bytes.length - done);
  }
  async close(): Promise<void> {
    await this.flush();
    if (this._fd >= 0) fs.closeSync(this._fd);
    this._fd = -1;
  }
}
