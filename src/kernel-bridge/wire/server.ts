/**
 * The kernel's ZeroMQ side: binds shell/control/stdin (Router), iopub (Publisher) and heartbeat (Reply, an
 * echo loop), decodes and verifies incoming requests, and gives the handler an IRequestIO that signs and
 * sends replies (with the sender's routing identities) and iopub messages (with a topic frame).
 * Messages with a bad signature are logged to stderr and dropped, never handled.
 */
import { randomUUID } from 'node:crypto';
import * as zmq from 'zeromq';
import type { IRequest, IRequestIO } from '../handler/types';
import type { IConnectionInfo } from './connection';
import { endpoint } from './connection';
import type { IWireMessage } from './codec';
import { decodeMessage, encodeMessage, makeHeader } from './codec';
import { MessageSigner } from './signer';

/** Receives requests; the KernelHandler implements it. */
export interface IRequestSink {
  onShell(req: IRequest, io: IRequestIO): void;
  onControl(req: IRequest, io: IRequestIO): void;
}

/** Sends on one socket strictly in order: zeromq@6 allows one blocked send at a time (EBUSY otherwise). */
class SerialSender {
  constructor(
    private readonly _socket: zmq.Writable,
    private readonly _log: (m: string) => void
  ) {}

  send(frames: Buffer[]): Promise<void> {
    this._tail = this._tail.then(
      () => this._socket.send(frames),
      () => this._socket.send(frames)
    );
    return this._tail.catch(e => this._log(`send failed: ${(e as Error).message}`));
  }

  /** Resolves once everything queued so far is handed to ZeroMQ. */
  flush(): Promise<void> {
    return this._tail.then(
      () => undefined,
      () => undefined
    );
  }

  private _tail: Promise<void> = Promise.resolve();
}

/** A running set of kernel sockets. */
export class KernelServer {
  /** Binds all five sockets and starts serving `sink`. */
  static async start(
    info: IConnectionInfo,
    sink: IRequestSink,
    log: (m: string) => void = m => process.stderr.write(`tracelab kernel: ${m}\n`)
  ): Promise<KernelServer> {
    const server = new KernelServer(info, sink, log);
    await server._bind();
    return server;
  }

  /** This kernel's session id (header.session of every message it sends). */
  readonly session = randomUUID();

  private constructor(
    private readonly _info: IConnectionInfo,
    private readonly _sink: IRequestSink,
    private readonly _log: (m: string) => void
  ) {
    this._signer = new MessageSigner(_info.key, _info.signature_scheme);
    this._senders = {
      shell: new SerialSender(this._shell, _log),
      control: new SerialSender(this._control, _log),
      iopub: new SerialSender(this._iopub, _log)
    };
  }

  /** Publishes on iopub outside any request (parent header empty). */
  publish(msgType: string, content: IWireMessage['content']): Promise<void> {
    return this._send('iopub', [Buffer.from(`kernel.${this.session}.${msgType}`)], msgType, {}, content);
  }

  /** Sends what is queued, then closes all sockets. */
  async close(): Promise<void> {
    await Promise.all(Object.values(this._senders).map(s => s.flush()));
    for (const s of [this._shell, this._control, this._stdin, this._iopub, this._hb]) {
      s.linger = 1000;
      s.close();
    }
  }

  private async _bind(): Promise<void> {
    const i = this._info;
    await Promise.all([
      this._shell.bind(endpoint(i, 'shell')),
      this._control.bind(endpoint(i, 'control')),
      this._stdin.bind(endpoint(i, 'stdin')),
      this._iopub.bind(endpoint(i, 'iopub')),
      this._hb.bind(endpoint(i, 'hb'))
    ]);
    void this._serve('shell', this._shell);
    void this._serve('control', this._control);
    void this._heartbeat();
  }

  private async _serve(channel: 'shell' | 'control', socket: zmq.Router): Promise<void> {
    try {
      for await (const frames of socket) this._receive(channel, frames);
    } catch (e) {
      if (!socket.closed) this._log(`${channel} socket failed: ${(e as Error).message}`);
    }
  }

  private _receive(channel: 'shell' | 'control', frames: Buffer[]): void {
    const r = decodeMessage(frames, this._signer);
    if (!r.ok) {
      const what = r.reason === 'bad-signature' ? 'bad signature' : `malformed message (${r.detail})`;
      this._log(`dropped ${channel} message: ${what}`);
      return;
    }
    const m = r.message;
    const req: IRequest = {
      channel,
      header: m.header,
      content: m.content,
      metadata: m.metadata,
      buffers: m.buffers
    };
    const io = this._ioFor(channel, m);
    if (channel === 'shell') this._sink.onShell(req, io);
    else this._sink.onControl(req, io);
  }

  private _ioFor(channel: 'shell' | 'control', request: IWireMessage): IRequestIO {
    const parent = request.header;
    return {
      reply: (msgType, content) => this._send(channel, request.idents, msgType, parent, content),
      publish: (msgType, content, options) =>
        this._send(
          'iopub',
          [Buffer.from(`kernel.${this.session}.${msgType}`)],
          msgType,
          parent,
          content,
          options?.metadata,
          options?.buffers
        )
    };
  }

  private _send(
    channel: 'shell' | 'control' | 'iopub',
    idents: Buffer[],
    msgType: string,
    parent: IWireMessage['parent_header'],
    content: unknown,
    metadata: IWireMessage['metadata'] = {},
    buffers: Uint8Array[] = []
  ): Promise<void> {
    const msg: IWireMessage = {
      idents,
      header: makeHeader(msgType, this.session),
      parent_header: parent,
      metadata,
      content: content as IWireMessage['content'],
      buffers: buffers.map(b => Buffer.from(b.buffer, b.byteOffset, b.byteLength))
    };
    return this._senders[channel].send(encodeMessage(msg, this._signer));
  }

  private async _heartbeat(): Promise<void> {
    try {
      for await (const frames of this._hb) await this._hb.send(frames);
    } catch (e) {
      if (!this._hb.closed) this._log(`heartbeat failed: ${(e as Error).message}`);
    }
  }

  private readonly _signer: MessageSigner;
  private readonly _shell = new zmq.Router();
  private readonly _control = new zmq.Router();
  private readonly _stdin = new zmq.Router();
  private readonly _iopub = new zmq.Publisher();
  private readonly _hb = new zmq.Reply();
  private readonly _senders: Record<'shell' | 'control' | 'iopub', SerialSender>;
}
