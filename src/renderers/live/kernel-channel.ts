/**
 * One live tracelab kernel seen from the page: a comm on the `tracelab` target (comm-target.ts in the kernel
 * answers each `timegraph.fetch` comm message on the same comm), the payload handles this kernel displayed
 * (learnt from its iopub outputs), and an `IFineDataProvider` that sends fetches and resolves with replies.
 *
 * Requests of different views share the comm, and each view numbers its requests from 1, so the channel puts
 * its own `requestId` on the wire and gives the view's back on the reply. A kernel restart (status
 * `restarting`/`autorestarting`, or iopub messages from a new kernel session) forgets the comm, fails pending
 * requests and unregisters the handles (the new kernel does not know them); the comm is re-opened on demand.
 *
 * Scope: one kernel connection; which kernels to watch is `live-comm.ts`. Types are structural so that tests
 * can pass fake kernels and comms.
 */
import type { Kernel } from '@jupyterlab/services';
import type { JSONObject } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type { ITimeGraphFetchRequest } from '../../protocol/comm';
import { TRACELAB_COMM_TARGET } from '../../protocol/timegraph';
import type { DataProviderRegistry, IFineDataProvider } from '../shared/data-providers';
import { handlesOfMessage } from './payload-handles';

/** A Jupyter message as far as the channel reads it. */
export interface IMessageLike {
  header: { msg_type: string; session?: string };
  content: unknown;
}

/** The part of `Kernel.IComm` the channel uses. */
export type ICommLike = Pick<Kernel.IComm, 'isDisposed' | 'open' | 'send' | 'close' | 'onMsg' | 'onClose'>;

/** The part of `Kernel.IKernelConnection` the channel uses. */
export interface IKernelLike {
  readonly id: string;
  readonly isDisposed: boolean;
  readonly info: Promise<{ implementation: string }>;
  readonly statusChanged: ISignal<unknown, string>;
  readonly iopubMessage: ISignal<unknown, IMessageLike>;
  readonly disposed: ISignal<unknown, void>;
  createComm(targetName: string): ICommLike;
  dispose(): void;
}

/** The `implementation` a tracelab kernel reports in kernel_info. */
export const TRACELAB_IMPLEMENTATION = 'tracelab';

interface IPending {
  viewRequestId: number;
  resolve: (reply: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** The comm and handles of one tracelab kernel. */
export class KernelChannel implements IFineDataProvider {
  constructor(
    readonly kernel: IKernelLike,
    private readonly registry: DataProviderRegistry,
    private readonly options = { timeoutMs: 30_000 }
  ) {
    kernel.statusChanged.connect(this.onStatus, this);
    kernel.iopubMessage.connect(this.onIopub, this);
    kernel.disposed.connect(() => this.dispose(), this);
  }

  /** Handles this kernel serves (registered in the registry). */
  get handles(): ReadonlySet<string> {
    return this._handles;
  }

  /** True while a comm is open. */
  get isOpen(): boolean {
    return this._comm !== null && !this._comm.isDisposed;
  }

  /** Times the comm was opened (tests and the e2e read it). */
  get opens(): number {
    return this._opens;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Resolves true for a tracelab kernel (and opens the comm), false otherwise. */
  async start(): Promise<boolean> {
    const info = await this.kernel.info;
    if (this._disposed || info.implementation !== TRACELAB_IMPLEMENTATION) return false;
    this.ensureComm();
    return true;
  }

  /** Registers `handle` as served by this kernel. */
  adopt(handle: string): void {
    if (this._disposed || this._handles.has(handle)) return;
    this._handles.add(handle);
    this._unregister.set(handle, this.registry.register(handle, this));
  }

  /** Sends `request` on the comm; resolves with the reply carrying the view's `requestId`. */
  fetch(request: ITimeGraphFetchRequest): Promise<unknown> {
    if (this._disposed) return Promise.reject(new Error('the kernel connection is closed'));
    let comm: ICommLike;
    try {
      comm = this.ensureComm();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const wireId = ++this._wireId;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this._pending.delete(wireId);
        // A kernel that never answers may have lost our comm: open a new one for the next request.
        this.forgetComm();
        reject(new Error('the kernel did not answer in time'));
      }, this.options.timeoutMs);
      this._pending.set(wireId, { viewRequestId: request.requestId, resolve, reject, timer });
      try {
        comm.send({ ...request, requestId: wireId } as unknown as JSONObject);
      } catch (e) {
        this.settle(wireId, null, e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Closes the comm, fails pending requests, unregisters the handles and disconnects. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this.reset('the kernel connection closed');
    this.kernel.statusChanged.disconnect(this.onStatus, this);
    this.kernel.iopubMessage.disconnect(this.onIopub, this);
  }

  private ensureComm(): ICommLike {
    if (this._comm && !this._comm.isDisposed) return this._comm;
    const comm = this.kernel.createComm(TRACELAB_COMM_TARGET);
    comm.onMsg = msg => this.onReply(msg.content.data);
    comm.onClose = () => {
      if (this._comm === comm) this._comm = null;
    };
    comm.open({});
    this._comm = comm;
    this._opens++;
    return comm;
  }

  private onReply(data: unknown): void {
    const id = (data as { requestId?: unknown } | null)?.requestId;
    if (typeof id !== 'number') return;
    const p = this._pending.get(id);
    if (!p) return;
    this.settle(id, { ...(data as object), requestId: p.viewRequestId }, null);
  }

  private settle(wireId: number, reply: unknown, error: Error | null): void {
    const p = this._pending.get(wireId);
    if (!p) return;
    this._pending.delete(wireId);
    clearTimeout(p.timer);
    if (error) p.reject(error);
    else p.resolve(reply);
  }

  private onStatus(_: unknown, status: string): void {
    if (status === 'restarting' || status === 'autorestarting' || status === 'dead') {
      this.reset('the kernel restarted');
    }
  }

  private onIopub(_: unknown, msg: IMessageLike): void {
    const session = msg.header.session;
    if (session) {
      if (this._session && session !== this._session) this.reset('the kernel restarted');
      this._session = session;
    }
    for (const handle of handlesOfMessage(msg)) this.adopt(handle);
  }

  /** Forgets the comm, fails pending requests and unregisters every handle. */
  private reset(why: string): void {
    this.forgetComm();
    for (const id of [...this._pending.keys()]) this.settle(id, null, new Error(why));
    for (const unregister of this._unregister.values()) unregister();
    this._unregister.clear();
    this._handles.clear();
  }

  private forgetComm(): void {
    const comm = this._comm;
    this._comm = null;
    if (comm && !comm.isDisposed) {
      try {
        comm.close();
      } catch {
        // the kernel is gone or restarting: nothing to close
      }
    }
  }

  private _comm: ICommLike | null = null;
  private _session = '';
  private _opens = 0;
  private _wireId = 0;
  private _disposed = false;
  private readonly _pending = new Map<number, IPending>();
  private readonly _handles = new Set<string>();
  private readonly _unregister = new Map<string, () => void>();
}
