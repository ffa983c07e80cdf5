/**
 * Fakes at the boundary of the live comm plugin: a kernel connection (signals, kernel_info, comms) whose
 * "kernel process" answers `timegraph.fetch` comm messages from a table of handles, the way the kernel's
 * view store does (`unknown view …` for handles it does not hold), and a kernel manager listing them.
 */
import { Signal } from '@lumino/signaling';
import type { ITimeGraphFetchRequest } from '../../src/protocol/comm';
import type { ICommLike, IKernelLike, IMessageLike } from '../../src/renderers/live/kernel-channel';
import type { IKernelManagerLike, IKernelModelLike } from '../../src/renderers/live/live-comm';

/** Answers a fetch request (the kernel's view store); undefined = never answer. */
export type Answer = (req: ITimeGraphFetchRequest) => unknown;

/** A comm of the fake kernel. */
export class FakeComm {
  constructor(
    readonly target: string,
    private readonly kernel: FakeKernel
  ) {}

  isDisposed = false;
  opened: unknown[] = [];
  sent: ITimeGraphFetchRequest[] = [];
  closed = 0;
  onMsg: ICommLike['onMsg'] = () => undefined;
  onClose: ICommLike['onClose'] = () => undefined;

  open(data?: unknown): never {
    this.opened.push(data);
    return undefined as never;
  }

  send(data: unknown): never {
    if (this.isDisposed) throw new Error('Comm is closed');
    const req = data as ITimeGraphFetchRequest;
    this.sent.push(req);
    this.kernel.deliver(this, req);
    return undefined as never;
  }

  close(): never {
    this.closed++;
    this.isDisposed = true;
    return undefined as never;
  }

  /** Delivers a comm_msg from the kernel. */
  receive(data: unknown): void {
    void this.onMsg({ content: { comm_id: 'c', data } } as unknown as Parameters<ICommLike['onMsg']>[0]);
  }
}

/** A fake kernel connection. */
export class FakeKernel implements IKernelLike {
  constructor(
    readonly id: string,
    readonly implementation = 'tracelab',
    public answer: Answer = () => undefined
  ) {}

  isDisposed = false;
  comms: FakeComm[] = [];
  /** Replies are delivered after this many ms (0: next macrotask); tests may hold them. */
  delayMs = 0;
  held: (() => void)[] = [];
  hold = false;
  readonly statusChanged = new Signal<unknown, string>(this);
  readonly iopubMessage = new Signal<unknown, IMessageLike>(this);
  readonly disposed = new Signal<unknown, void>(this);

  get info(): Promise<{ implementation: string }> {
    return Promise.resolve({ implementation: this.implementation });
  }

  createComm(target: string): ICommLike {
    const c = new FakeComm(target, this);
    this.comms.push(c);
    return c as unknown as ICommLike;
  }

  deliver(comm: FakeComm, req: ITimeGraphFetchRequest): void {
    const reply = this.answer(req);
    if (reply === undefined) return;
    const go = (): void => comm.receive(JSON.parse(JSON.stringify(reply)));
    if (this.hold) this.held.push(go);
    else setTimeout(go, this.delayMs);
  }

  /** Publishes an iopub message (session defaults to "s1"). */
  publish(msgType: string, content: unknown, session = 's1'): void {
    this.iopubMessage.emit({ header: { msg_type: msgType, session }, content });
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposed.emit();
  }
}

/** The view store's answer for a handle it does not hold. */
export function unknownView(req: ITimeGraphFetchRequest): unknown {
  return {
    type: 'error',
    requestId: req.requestId,
    message: `unknown view ${req.handle} (kernel restarted? re-run the cell)`
  };
}

/** A fake kernel manager over a mutable list of kernels. */
export class FakeManager implements IKernelManagerLike {
  kernels: FakeKernel[] = [];
  connected: FakeKernel[] = [];
  readonly ready = Promise.resolve();
  readonly runningChanged = new Signal<unknown, unknown>(this);

  *running(): IterableIterator<IKernelModelLike> {
    for (const k of this.kernels) yield { id: k.id, name: k.implementation };
  }

  connectTo(options: { model: IKernelModelLike; handleComms: boolean }): IKernelLike {
    if (!options.handleComms) throw new Error('comms must be handled');
    const k = this.kernels.find(x => x.id === options.model.id)!;
    this.connected.push(k);
    return k;
  }

  set(kernels: FakeKernel[]): void {
    this.kernels = kernels;
    this.runningChanged.emit(undefined);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms));
