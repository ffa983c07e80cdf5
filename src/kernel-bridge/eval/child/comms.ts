/**
 * Comms in the evaluation child: targets registered by the cell API (e.g. `tracelab` for zooming views),
 * comms opened by the frontend on them, and the messages both ways. A comm_open on an unknown target is
 * answered with comm_close, as the protocol asks.
 *
 * Spec: https://jupyter-client.readthedocs.io/en/latest/messaging.html#custom-messages
 */
import type { JsonObject } from '../../handler/types';
import type { OutputChannel } from './output';

/** An open comm, kernel side. */
export interface IComm {
  readonly id: string;
  readonly target: string;
  /** Sends a comm_msg to the frontend. */
  send(data: JsonObject, buffers?: Uint8Array[]): void;
  /** Closes the comm (comm_close to the frontend). */
  close(data?: JsonObject): void;
  /** Set by the target handler: called for each comm_msg from the frontend. */
  onMsg?: (data: JsonObject, buffers: Uint8Array[]) => void | Promise<void>;
  /** Set by the target handler: called when the frontend closes the comm. */
  onClose?: (data: JsonObject) => void;
}

/** Called when the frontend opens a comm on a target. */
export type CommTargetHandler = (
  comm: IComm,
  data: JsonObject,
  buffers: Uint8Array[]
) => void | Promise<void>;

/** Comm targets and open comms of the child. */
export class CommManager {
  constructor(
    private readonly _output: OutputChannel,
    private readonly _log: (m: string) => void
  ) {}

  registerTarget(name: string, handler: CommTargetHandler): void {
    this._targets.set(name, handler);
  }

  /** Open comms: id -> target name (filtered by target when given). */
  info(target?: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const c of this._open.values()) if (!target || c.target === target) out[c.id] = c.target;
    return out;
  }

  /** Handles a comm message from the frontend; replies are parented to `tag`. */
  async handle(
    msgType: 'comm_open' | 'comm_msg' | 'comm_close',
    content: JsonObject,
    buffers: Uint8Array[],
    tag: number
  ): Promise<void> {
    const id = String(content.comm_id ?? '');
    const data = (content.data ?? {}) as JsonObject;
    try {
      if (msgType === 'comm_open') {
        await this._opened(id, String(content.target_name ?? ''), data, buffers, tag);
      } else if (msgType === 'comm_msg') await this._message(id, data, buffers, tag);
      else this._closed(id, data);
    } catch (e) {
      this._log(`comm ${msgType} on ${id} failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }

  private async _opened(id: string, target: string, data: JsonObject, buffers: Uint8Array[], tag: number) {
    const handler = this._targets.get(target);
    if (!handler) {
      this._output.comm('comm_close', { comm_id: id, data: {} }, undefined, tag);
      return;
    }
    const comm = this._makeComm(id, target, tag);
    this._open.set(id, comm);
    await handler(comm, data, buffers);
  }

  private async _message(id: string, data: JsonObject, buffers: Uint8Array[], tag: number) {
    const comm = this._open.get(id);
    if (!comm) return this._log(`comm_msg for unknown comm ${id}`);
    comm.tag = tag;
    await comm.onMsg?.(data, buffers);
  }

  private _closed(id: string, data: JsonObject) {
    const comm = this._open.get(id);
    this._open.delete(id);
    comm?.onClose?.(data);
  }

  private _makeComm(id: string, target: string, tag: number): IComm & { tag: number } {
    const comm = {
      id,
      target,
      tag,
      send: (data: JsonObject, buffers?: Uint8Array[]) =>
        this._output.comm('comm_msg', { comm_id: id, data }, buffers, comm.tag),
      close: (data: JsonObject = {}) => {
        this._open.delete(id);
        this._output.comm('comm_close', { comm_id: id, data }, undefined, comm.tag);
      }
    };
    return comm;
  }

  private readonly _targets = new Map<string, CommTargetHandler>();
  private readonly _open = new Map<string, IComm & { tag: number }>();
}
