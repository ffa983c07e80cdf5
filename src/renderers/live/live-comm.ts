/**
 * The live comm service: watches the kernels the server runs (JupyterLab's kernel manager), connects to each
 * one, keeps a `KernelChannel` for those whose kernel_info says `implementation: 'tracelab'`, and drops
 * channels of kernels that went away. Handles seen in a kernel's outputs map to its channel; other handles
 * (outputs rendered before the page connected, or from a saved notebook) go to a fallback provider that asks
 * each live tracelab kernel in turn and adopts the handle on the first that knows it.
 *
 * Scope: the set of channels and the fallback; the per-kernel protocol is `kernel-channel.ts`, the JupyterLab
 * plugin object is `plugin.ts`.
 */
import type { ISignal } from '@lumino/signaling';
import type { ITimeGraphFetchRequest } from '../../protocol/comm';
import type { DataProviderRegistry, IFineDataProvider } from '../shared/data-providers';
import { KernelChannel } from './kernel-channel';
import type { IKernelLike } from './kernel-channel';

/** A running kernel as the manager lists it. */
export interface IKernelModelLike {
  readonly id: string;
  readonly name: string;
}

/** The part of `Kernel.IManager` the service uses. */
export interface IKernelManagerLike {
  readonly ready: Promise<void>;
  readonly runningChanged: ISignal<unknown, unknown>;
  running(): IterableIterator<IKernelModelLike>;
  connectTo(options: { model: IKernelModelLike; handleComms: boolean }): IKernelLike;
}

/** The kernel's answer for a handle it does not hold (view-store.ts). */
const UNKNOWN_VIEW = /^unknown view /;

function isUnknownView(reply: unknown): boolean {
  const r = reply as { type?: unknown; message?: unknown } | null;
  return r?.type === 'error' && typeof r.message === 'string' && UNKNOWN_VIEW.test(r.message);
}

/** Channels to the live tracelab kernels of the page. */
export class LiveCommService implements IFineDataProvider {
  constructor(
    private readonly manager: IKernelManagerLike,
    private readonly registry: DataProviderRegistry,
    private readonly channelOptions?: { timeoutMs: number }
  ) {
    manager.runningChanged.connect(this.sync, this);
    void manager.ready.then(() => this.sync());
  }

  /** Live tracelab channels by kernel id. */
  get channels(): ReadonlyMap<string, KernelChannel> {
    return this._tracelab;
  }

  /** Resolves when the kernels listed now have been checked (tests and the e2e wait on it). */
  get settled(): Promise<void> {
    return Promise.all(this._starting.values()).then(() => undefined);
  }

  /** Connects to new kernels and drops channels of kernels no longer running. */
  sync(): void {
    if (this._disposed) return;
    const running = new Set<string>();
    for (const model of this.manager.running()) {
      running.add(model.id);
      if (!this._seen.has(model.id)) this.attach(model);
    }
    for (const id of [...this._seen]) {
      if (running.has(id)) continue;
      this._seen.delete(id);
      const channel = this._all.get(id);
      if (channel) this.disposeChannel(channel);
      this._all.delete(id);
      this._tracelab.delete(id);
    }
    this.updateFallback();
  }

  /** Fallback provider: asks each tracelab kernel until one knows the handle. */
  async fetch(request: ITimeGraphFetchRequest): Promise<unknown> {
    const unknown = this._unknown.get(request.handle);
    if (unknown) return { ...unknown, requestId: request.requestId };
    let last: unknown = null;
    for (const channel of [...this._tracelab.values()]) {
      last = await channel.fetch(request);
      if (!isUnknownView(last)) {
        channel.adopt(request.handle);
        return last;
      }
    }
    if (last === null) throw new Error('no live tracelab kernel');
    this._unknown.set(request.handle, last as object);
    return last;
  }

  /** Disposes every channel and connection, clears the fallback. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this.manager.runningChanged.disconnect(this.sync, this);
    for (const c of [...this._all.values()]) this.disposeChannel(c);
    this._all.clear();
    this._tracelab.clear();
    this.registry.setFallback(null);
  }

  private attach(model: IKernelModelLike): void {
    this._seen.add(model.id);
    const channel = new KernelChannel(
      this.manager.connectTo({ model, handleComms: true }),
      this.registry,
      this.channelOptions
    );
    this._all.set(model.id, channel);
    const started = channel
      .start()
      .catch(() => false)
      .then(ok => {
        this._starting.delete(model.id);
        if (this._disposed || channel.isDisposed) return;
        if (ok) {
          this._tracelab.set(model.id, channel);
          this._unknown.clear();
        } else {
          // Not a tracelab kernel: keep no websocket open to it (the id stays in _seen).
          this.disposeChannel(channel);
          this._all.delete(model.id);
        }
        this.updateFallback();
      });
    this._starting.set(model.id, started);
    // A tracelab kernel connection closed by JupyterLab (kernel dead, shut down): forget it, so that the next
    // running-list change connects again if the kernel is still listed.
    channel.kernel.disposed.connect(() => {
      if (this._tracelab.get(model.id) !== channel) return;
      this._tracelab.delete(model.id);
      this._all.delete(model.id);
      this._seen.delete(model.id);
      this.updateFallback();
    });
  }

  private disposeChannel(channel: KernelChannel): void {
    channel.dispose();
    if (!channel.kernel.isDisposed) channel.kernel.dispose();
  }

  private updateFallback(): void {
    if (this._disposed) return;
    this.registry.setFallback(this._tracelab.size > 0 ? this : null);
  }

  private _disposed = false;
  /** Kernel ids connected to (or found not to be tracelab). */
  private readonly _seen = new Set<string>();
  private readonly _all = new Map<string, KernelChannel>();
  private readonly _tracelab = new Map<string, KernelChannel>();
  private readonly _starting = new Map<string, Promise<void>>();
  /** Handles no live kernel knows (cleared when a kernel starts), with the kernel's error reply. */
  private readonly _unknown = new Map<string, object>();
}
