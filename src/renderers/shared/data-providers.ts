/**
 * Where renderers find a live kernel's finer data: a page-level registry of providers keyed by the payload's
 * comm handle. A JupyterLab plugin that owns the `tracelab` comm registers one provider per handle it serves;
 * views look theirs up when they zoom below the snapshot's resolution, and hear when one appears later. A
 * fallback provider (set by the plugin while live kernels run) answers handles no kernel was seen displaying,
 * e.g. outputs rendered before the page connected to a still-running kernel.
 *
 * Scope: the interface and the registry only; no kernel code. Replies are untrusted and validated by the view.
 */
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { ITimeGraphFetchRequest } from '../../protocol/comm';

/** Answers `timegraph.fetch` requests, typically by sending them on the `tracelab` comm. */
export interface IFineDataProvider {
  /** Resolves with the kernel's reply message (validated by the caller), rejects on transport failure. */
  fetch(request: ITimeGraphFetchRequest): Promise<unknown>;
}

/** Providers by comm handle. */
export class DataProviderRegistry {
  /** Registers `provider` for `handle`; call the returned function to unregister. */
  register(handle: string, provider: IFineDataProvider): () => void {
    this._providers.set(handle, provider);
    this._changed.emit(handle);
    return () => {
      if (this._providers.get(handle) === provider) {
        this._providers.delete(handle);
        this._changed.emit(handle);
      }
    };
  }

  /** The provider for `handle` (else the fallback), if a live kernel may serve it. */
  get(handle: string): IFineDataProvider | undefined {
    return this._providers.get(handle) ?? this._fallback ?? undefined;
  }

  /** Whether `handle` has a provider of its own (not the fallback). */
  has(handle: string): boolean {
    return this._providers.has(handle);
  }

  /** Sets (or clears, with null) the provider of unregistered handles; emits `ANY_HANDLE`. */
  setFallback(provider: IFineDataProvider | null): void {
    if (this._fallback === provider) return;
    this._fallback = provider;
    this._changed.emit(ANY_HANDLE);
  }

  /** Emits the handle whose provider appeared or went away (`ANY_HANDLE` when the fallback changed). */
  get changed(): ISignal<this, string> {
    return this._changed;
  }

  private _providers = new Map<string, IFineDataProvider>();
  private _changed = new Signal<this, string>(this);
  private _fallback: IFineDataProvider | null = null;
}

/** What `changed` emits when the fallback provider changed (every view may be concerned). */
export const ANY_HANDLE = '*';

/** The page-wide provider registry. */
export const dataProviders = new DataProviderRegistry();
