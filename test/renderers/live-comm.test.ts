/**
 * The live comm plugin with fake kernels at the boundary: which kernels get a `tracelab` comm, which handles
 * map to which kernel (from iopub outputs, or found by the fallback), request ids on the shared comm, restarts
 * (re-open, handles forgotten), timeouts, disposal, and a view that zooms and draws the kernel's finer data.
 */
import { MimeModel } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';
import type { ITimeGraphFetchRequest } from '../../src/protocol/comm';
import { TIMEGRAPH_MIME_TYPE } from '../../src/protocol/timegraph';
import { experiments, RenderedTimeGraph } from '../../src/renderers';
import { KernelChannel } from '../../src/renderers/live/kernel-channel';
import { LiveCommService } from '../../src/renderers/live/live-comm';
import { handlesOfMessage } from '../../src/renderers/live/payload-handles';
import { liveCommPlugin } from '../../src/renderers/live/plugin';
import { ANY_HANDLE, DataProviderRegistry, dataProviders } from '../../src/renderers/shared/data-providers';
import type { TimeGraphView } from '../../src/renderers/time-graph/time-graph-view';
import { FakeKernel, FakeManager, sleep, unknownView } from './live-fakes';
import { livePayload, T0 } from './helpers';

function request(handle: string, requestId = 1): ITimeGraphFetchRequest {
  return {
    type: 'timegraph.fetch',
    requestId,
    handle,
    range: { start: '1000', end: '2000' },
    resolution: '1',
    rows: ['a'],
    maxIntervals: 10
  };
}

/** A display_data message carrying a time graph whose comm handle is `handle`. */
function display(handle: string, target = 'tracelab') {
  return { data: { [TIMEGRAPH_MIME_TYPE]: { comm: { target, handle } }, 'text/plain': 'x' }, metadata: {} };
}

/** Answers with a "data" reply echoing the handle and request id. */
const echo = (req: ITimeGraphFetchRequest) => ({
  type: 'timegraph.data',
  requestId: req.requestId,
  handle: req.handle
});

describe('payload handles', () => {
  it('reads tracelab comm handles from output messages only', () => {
    expect(handlesOfMessage({ header: { msg_type: 'display_data' }, content: display('view-1') })).toEqual([
      'view-1'
    ]);
    expect(handlesOfMessage({ header: { msg_type: 'execute_result' }, content: display('view-2') })).toEqual([
      'view-2'
    ]);
    expect(handlesOfMessage({ header: { msg_type: 'stream' }, content: display('view-3') })).toEqual([]);
    expect(
      handlesOfMessage({ header: { msg_type: 'display_data' }, content: display('v', 'other') })
    ).toEqual([]);
    const bad = { data: { [TIMEGRAPH_MIME_TYPE]: { comm: { target: 'tracelab', handle: 42 } } } };
    expect(handlesOfMessage({ header: { msg_type: 'display_data' }, content: bad })).toEqual([]);
    expect(handlesOfMessage({ header: { msg_type: 'display_data' }, content: null })).toEqual([]);
  });
});

describe('KernelChannel', () => {
  let registry: DataProviderRegistry;
  beforeEach(() => (registry = new DataProviderRegistry()));

  it('opens one comm on the tracelab target of a tracelab kernel only', async () => {
    const k = new FakeKernel('k1');
    const ch = new KernelChannel(k, registry);
    expect(await ch.start()).toBe(true);
    expect(k.comms.map(c => c.target)).toEqual(['tracelab']);
    expect(k.comms[0].opened).toEqual([{}]);
    const py = new FakeKernel('k2', 'ipython');
    expect(await new KernelChannel(py, registry).start()).toBe(false);
    expect(py.comms).toHaveLength(0);
  });

  it('registers the handles its kernel displays', async () => {
    const k = new FakeKernel('k1');
    const ch = new KernelChannel(k, registry);
    await ch.start();
    const changed: string[] = [];
    registry.changed.connect((_, h) => changed.push(h));
    k.publish('display_data', display('view-a'));
    k.publish('execute_result', display('view-b'));
    k.publish('display_data', display('view-a'));
    expect(registry.get('view-a')).toBe(ch);
    expect(registry.get('view-b')).toBe(ch);
    expect(registry.get('view-c')).toBeUndefined();
    expect(changed).toEqual(['view-a', 'view-b']);
  });

  it('numbers requests on the wire and gives each view its own request id back', async () => {
    const k = new FakeKernel('k1', 'tracelab', echo);
    k.hold = true;
    const ch = new KernelChannel(k, registry);
    await ch.start();
    // Two views both at their first request, answered in reverse order.
    const a = ch.fetch(request('view-a', 1));
    const b = ch.fetch(request('view-b', 1));
    const sent = k.comms[0].sent;
    expect(sent.map(s => [s.handle, s.requestId])).toEqual([
      ['view-a', 1],
      ['view-b', 2]
    ]);
    k.held.reverse().forEach(go => go());
    await expect(a).resolves.toEqual({ type: 'timegraph.data', requestId: 1, handle: 'view-a' });
    await expect(b).resolves.toEqual({ type: 'timegraph.data', requestId: 1, handle: 'view-b' });
    expect(k.comms).toHaveLength(1);
  });

  it('on restart fails pending requests, forgets handles and re-opens the comm on the next fetch', async () => {
    const k = new FakeKernel('k1', 'tracelab', echo);
    k.hold = true;
    const ch = new KernelChannel(k, registry);
    await ch.start();
    k.publish('display_data', display('view-a'));
    const pending = ch.fetch(request('view-a'));
    k.statusChanged.emit('restarting');
    await expect(pending).rejects.toThrow('the kernel restarted');
    expect(registry.get('view-a')).toBeUndefined();
    expect(k.comms[0].closed).toBe(1);
    expect(ch.isOpen).toBe(false);
    k.hold = false;
    await expect(ch.fetch(request('view-new', 3))).resolves.toMatchObject({ requestId: 3 });
    expect(k.comms).toHaveLength(2);
    expect(ch.opens).toBe(2);
  });

  it('notices a restart it did not hear about from the new kernel session', async () => {
    const k = new FakeKernel('k1', 'tracelab', echo);
    const ch = new KernelChannel(k, registry);
    await ch.start();
    k.publish('display_data', display('view-old'), 'session-1');
    k.publish('status', { execution_state: 'idle' }, 'session-1');
    expect(registry.get('view-old')).toBe(ch);
    k.publish('display_data', display('view-new'), 'session-2');
    expect(registry.get('view-old')).toBeUndefined();
    expect(registry.get('view-new')).toBe(ch);
    expect(ch.isOpen).toBe(false);
  });

  it('times out, then opens a new comm', async () => {
    const k = new FakeKernel('k1', 'tracelab', () => undefined);
    const ch = new KernelChannel(k, registry, { timeoutMs: 30 });
    await ch.start();
    await expect(ch.fetch(request('view-a'))).rejects.toThrow('did not answer');
    k.answer = echo;
    await expect(ch.fetch(request('view-a', 2))).resolves.toMatchObject({ requestId: 2 });
    expect(k.comms).toHaveLength(2);
  });

  it('ignores replies it did not ask for', async () => {
    const k = new FakeKernel('k1', 'tracelab', echo);
    const ch = new KernelChannel(k, registry);
    await ch.start();
    k.comms[0].receive({ type: 'timegraph.data', requestId: 99 });
    k.comms[0].receive('garbage');
    await expect(ch.fetch(request('view-a', 7))).resolves.toMatchObject({ requestId: 7 });
  });

  it('unregisters everything on dispose, also when the kernel connection is disposed', async () => {
    const k = new FakeKernel('k1', 'tracelab', () => undefined);
    const ch = new KernelChannel(k, registry);
    await ch.start();
    k.publish('display_data', display('view-a'));
    const pending = ch.fetch(request('view-a'));
    k.dispose();
    await expect(pending).rejects.toThrow('closed');
    expect(registry.get('view-a')).toBeUndefined();
    expect(ch.isDisposed).toBe(true);
    k.publish('display_data', display('view-b'));
    expect(registry.get('view-b')).toBeUndefined();
    await expect(ch.fetch(request('view-b'))).rejects.toThrow('closed');
  });
});

describe('LiveCommService', () => {
  let registry: DataProviderRegistry;
  let manager: FakeManager;
  let service: LiveCommService | null = null;
  beforeEach(() => {
    registry = new DataProviderRegistry();
    manager = new FakeManager();
  });
  afterEach(() => service?.dispose());

  it('keeps channels to tracelab kernels only and follows the running list', async () => {
    const tl = new FakeKernel('k-tl', 'tracelab', echo);
    const py = new FakeKernel('k-py', 'ipython');
    manager.kernels = [tl, py];
    service = new LiveCommService(manager, registry);
    await sleep(0);
    await service.settled;
    expect([...service.channels.keys()]).toEqual(['k-tl']);
    expect(py.isDisposed).toBe(true);
    expect(registry.get('anything')).toBe(service);
    // A running-list change does not reconnect known kernels.
    manager.set([tl, py]);
    await service.settled;
    expect(manager.connected.map(k => k.id)).toEqual(['k-tl', 'k-py']);
    tl.publish('display_data', display('view-a'));
    expect(registry.get('view-a')).toBe(service.channels.get('k-tl'));
    manager.set([py]);
    expect(service.channels.size).toBe(0);
    expect(registry.get('view-a')).toBeUndefined();
    expect(registry.get('anything')).toBeUndefined();
    expect(tl.isDisposed).toBe(true);
  });

  it('finds the kernel of a handle it never saw displayed, and caches handles nobody knows', async () => {
    const a = new FakeKernel('k-a', 'tracelab', unknownView);
    const b = new FakeKernel('k-b', 'tracelab', req =>
      req.handle === 'view-b' ? echo(req) : unknownView(req)
    );
    manager.kernels = [a, b];
    service = new LiveCommService(manager, registry);
    await sleep(0);
    await service.settled;
    const changed: string[] = [];
    registry.changed.connect((_, h) => changed.push(h));
    await expect(registry.get('view-b')!.fetch(request('view-b', 5))).resolves.toEqual({
      type: 'timegraph.data',
      requestId: 5,
      handle: 'view-b'
    });
    expect(registry.has('view-b')).toBe(true);
    expect(registry.get('view-b')).toBe(service.channels.get('k-b'));
    expect(changed).toEqual(['view-b']);
    const gone = await registry.get('view-x')!.fetch(request('view-x', 6));
    expect(gone).toMatchObject({
      type: 'error',
      requestId: 6,
      message: expect.stringMatching(/^unknown view/)
    });
    const sentBefore = a.comms[0].sent.length + b.comms[0].sent.length;
    await expect(service.fetch(request('view-x', 8))).resolves.toMatchObject({ requestId: 8 });
    expect(a.comms[0].sent.length + b.comms[0].sent.length).toBe(sentBefore);
  });

  it('reconnects to a tracelab kernel whose connection JupyterLab closed, never to other kernels', async () => {
    const tl = new FakeKernel('k-tl', 'tracelab', echo);
    const py = new FakeKernel('k-py', 'ipython');
    manager.kernels = [tl, py];
    service = new LiveCommService(manager, registry);
    await sleep(0);
    await service.settled;
    tl.dispose();
    expect(service.channels.size).toBe(0);
    expect(registry.get('anything')).toBeUndefined();
    tl.isDisposed = false;
    manager.set([tl, py]);
    await service.settled;
    expect(manager.connected.map(k => k.id)).toEqual(['k-tl', 'k-py', 'k-tl']);
    expect(service.channels.size).toBe(1);
  });

  it('clears the fallback and every channel on dispose', async () => {
    const k = new FakeKernel('k', 'tracelab', echo);
    manager.kernels = [k];
    service = new LiveCommService(manager, registry);
    await sleep(0);
    await service.settled;
    const changed: string[] = [];
    registry.changed.connect((_, h) => changed.push(h));
    service.dispose();
    expect(changed).toContain(ANY_HANDLE);
    expect(registry.get('x')).toBeUndefined();
    expect(k.isDisposed).toBe(true);
    manager.set([k, new FakeKernel('k2')]);
    expect(manager.connected).toHaveLength(1);
  });
});

describe('the plugin with a time graph', () => {
  const { payload, reply } = livePayload('live', 'view-live');
  /** The kernel's view store: exact intervals of the requested rows. */
  const store = (req: ITimeGraphFetchRequest) => {
    if (req.handle !== 'view-live') return unknownView(req);
    return reply(req);
  };

  afterEach(() => {
    document.body.replaceChildren();
    expect(experiments.size).toBe(0);
  });

  it('activates on the app kernel manager; a zoomed view draws the kernel intervals', async () => {
    const manager = new FakeManager();
    const kernel = new FakeKernel('k', 'tracelab', store);
    manager.kernels = [kernel];
    const service = liveCommPlugin.activate({ serviceManager: { kernels: manager as never } });
    expect((globalThis as { tracelabLiveComm?: unknown }).tracelabLiveComm).toBe(service);
    await sleep(0);
    await service.settled;
    kernel.publish('display_data', { data: { [TIMEGRAPH_MIME_TYPE]: payload } });
    expect(dataProviders.get('view-live')).toBe(service.channels.get('k'));

    const r = new RenderedTimeGraph({
      mimeType: TIMEGRAPH_MIME_TYPE,
      sanitizer: { sanitize: (s: string) => s },
      resolver: null,
      linkHandler: null,
      latexTypesetter: null
    });
    Widget.attach(r, document.body);
    await r.renderModel(new MimeModel({ data: { [TIMEGRAPH_MIME_TYPE]: payload } as never }));
    const view = r.view as TimeGraphView;
    try {
      expect(payload.resolution).toBe('1000');
      view.state.setWindow({ start: T0 + 1000n, end: T0 + 1100n });
      view.paintNow();
      for (let i = 0; i < 100 && !view.model.fine; i++) await sleep(50);
      view.paintNow();
      const sent = kernel.comms[0].sent;
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ type: 'timegraph.fetch', handle: 'view-live', rows: ['a', 'b'] });
      expect(view.fineDataError).toBe('');
      expect(view.model.fine).not.toBeNull();
      const fine = view.model.storeFor(1, 1000, 1100);
      expect(fine).toBe(view.model.fine);
      expect(fine.bounds(fine.at(1, 1055))).toEqual([1050, 1060]);
      expect(view.fineDataError).toBe('');
    } finally {
      r.dispose();
      service.dispose();
    }
    expect(dataProviders.get('view-live')).toBeUndefined();
  });
});
