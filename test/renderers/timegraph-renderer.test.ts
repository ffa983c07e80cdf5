/**
 * The time-graph renderer through a real MimeModel and RenderMimeRegistry (as vega5's renderer.spec.ts does):
 * drawing, tooltips, XSS, zoom/pan/select by mouse and keys, filters, hide/pin/follow, dispose.
 */
import { MimeModel, RenderMimeRegistry, standardRendererFactories } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';
import { renderTimeGraphSvg } from '../../src/protocol/svg-fallback';
import type { ITimeGraphPayload } from '../../src/protocol/timegraph';
import type { RenderedTimeGraph } from '../../src/renderers';
import { experiments, TIMEGRAPH_MIME_TYPE, timeGraphRendererFactory } from '../../src/renderers';
import type { TimeGraphView } from '../../src/renderers/time-graph/time-graph-view';
import { key, mouse, recording, smallPayload, T0, XSS_NAME } from './helpers';

const PLOT_X = 220; // label column at the 800 px fallback width
const PLOT_W = 580;
const xOf = (ns: number): number => PLOT_X + (ns * PLOT_W) / 1000;
const yOf = (rowOrder: number): number => rowOrder * 20 + 10;

const live: Widget[] = [];

async function render(
  payload: unknown,
  trusted = false
): Promise<{ r: RenderedTimeGraph; view: TimeGraphView }> {
  const registry = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
  registry.addFactory(timeGraphRendererFactory);
  const bundle = { [TIMEGRAPH_MIME_TYPE]: payload, 'text/plain': 'time graph', 'image/svg+xml': '<svg/>' };
  const model = new MimeModel({ data: bundle as never, trusted });
  expect(registry.preferredMimeType(model.data, trusted ? 'any' : 'ensure')).toBe(TIMEGRAPH_MIME_TYPE);
  const r = registry.createRenderer(TIMEGRAPH_MIME_TYPE) as RenderedTimeGraph;
  Widget.attach(r, document.body);
  live.push(r);
  await r.renderModel(model);
  const view = r.view as TimeGraphView;
  if (view) view.paintNow();
  return { r, view };
}

function blobText(b: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const fr = new FileReader();
    fr.onload = () => resolve(String(fr.result));
    fr.onerror = () => reject(fr.error);
    fr.readAsText(b);
  });
}

afterEach(() => {
  for (const w of live.splice(0)) w.dispose();
  expect(experiments.size).toBe(0);
  document.body.replaceChildren();
});

describe('rendering', () => {
  it('is chosen over the static fallbacks even in an untrusted (saved) notebook', async () => {
    const { view } = await render(smallPayload());
    expect(view.node.isConnected).toBe(true);
  });

  it('draws every label as canvas text and never creates markup from trace strings (XSS)', async () => {
    const { view } = await render(smallPayload());
    const main = recording(view.dom.main);
    expect(main.texts).toEqual(expect.arrayContaining(['host-a', 'web', XSS_NAME, 'idle', 'CPU 0']));
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('[onerror]')).toBeNull();
    const legend = Array.from(view.dom.legend.querySelectorAll('li'), li => li.textContent);
    expect(legend).toEqual(['Running', 'System call', 'Blocked', 'Wait for CPU']);
  });

  it('colours states by the legend and labels the axis from t0', async () => {
    const { view } = await render(smallPayload());
    expect(recording(view.dom.main).fills).toEqual(expect.arrayContaining(['#2e7d32', '#1565c0', '#bdbdbd']));
    const axisTexts = recording(view.dom.axis).texts;
    expect(axisTexts).toContain('window 1 µs');
    expect(axisTexts).toContain('0.0000000 s');
    expect(view.dom.status.textContent).toContain('Window 0.000000000 – 0.000001000 s (1 µs)');
    expect(view.dom.status.textContent).toContain('Rows 6 of 6');
  });

  it('shows validation errors as text', async () => {
    const bad = { ...smallPayload(), rows: [{ id: 'x', label: XSS_NAME, parent: 5, kind: 'thread' }] };
    const { r, view } = await render(bad);
    expect(view).toBeNull();
    const err = r.node.querySelector('.tl-Rendered-error')!;
    expect(err.textContent).toMatch(/cannot show this output.*parent/);
    expect(r.node.querySelector('img')).toBeNull();
  });

  it('does not rebuild the view when the data is unchanged', async () => {
    const payload = smallPayload();
    const { r, view } = await render(payload);
    await r.renderModel(new MimeModel({ data: { [TIMEGRAPH_MIME_TYPE]: payload } as never }));
    expect(r.view).toBe(view);
  });
});

describe('tooltips', () => {
  it('describes the hovered interval with exact times, as text', async () => {
    const { view } = await render(smallPayload());
    mouse(view.dom.stage, 'mousemove', xOf(200), yOf(3));
    view.paintNow();
    expect(view.tooltip.node.hidden).toBe(false);
    expect(view.tooltip.text).toEqual([
      `${XSS_NAME} (tid 101, pid 100)`,
      'State: System call',
      `Start: 0.000000100 s (@${T0 + 100n})`,
      'Duration: 200 ns',
      `Detail: ${XSS_NAME}`
    ]);
    expect(view.tooltip.node.querySelector('img')).toBeNull();
    mouse(view.dom.stage, 'mouseleave', 0, 0);
    view.paintNow();
    expect(view.tooltip.node.hidden).toBe(true);
  });
});

describe('navigation', () => {
  it('zooms and pans with keys, exactly', async () => {
    const { view } = await render(smallPayload());
    const sc = view.dom.scroller;
    key(sc, 'w');
    expect(view.state.window).toEqual({ start: T0 + 250n, end: T0 + 750n });
    key(sc, 'd');
    expect(view.state.window).toEqual({ start: T0 + 300n, end: T0 + 800n });
    key(sc, 'ArrowLeft', { shiftKey: true });
    expect(view.state.window).toEqual({ start: T0 + 50n, end: T0 + 550n });
    key(sc, 's');
    expect(view.state.window).toEqual({ start: T0, end: T0 + 1000n });
    key(sc, 'w');
    key(sc, '0');
    expect(view.state.window).toEqual({ start: T0, end: T0 + 1000n });
  });

  it('zooms with ctrl+wheel about the mouse and leaves plain wheel to scrolling', async () => {
    const { view } = await render(smallPayload());
    const wheel = (init: WheelEventInit): boolean =>
      view.dom.scroller.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, ...init }));
    expect(wheel({ deltaY: 100, clientX: xOf(500), clientY: 10 })).toBe(true);
    expect(view.state.window).toEqual({ start: T0, end: T0 + 1000n });
    expect(wheel({ deltaY: -100, ctrlKey: true, clientX: xOf(500), clientY: 10 })).toBe(false);
    // factor exp(-0.2) = 0.8187: duration 819 ns, 500 ns stays under the mouse.
    expect(view.state.window).toEqual({ start: T0 + 90n, end: T0 + 909n });
    wheel({ deltaX: 58, clientX: xOf(500), clientY: 10 });
    expect(view.state.window).toEqual({ start: T0 + 172n, end: T0 + 991n });
  });

  it('selects with shift+drag, shows the duration, and zooms to it', async () => {
    const { view } = await render(smallPayload());
    mouse(view.dom.stage, 'mousedown', xOf(100), yOf(2), { shiftKey: true });
    mouse(window, 'mousemove', xOf(200), yOf(2));
    mouse(window, 'mousemove', xOf(300), yOf(2));
    mouse(window, 'mouseup', xOf(300), yOf(2));
    expect(view.state.selection).toEqual({ start: T0 + 100n, end: T0 + 300n });
    view.paintNow();
    expect(view.dom.status.textContent).toContain('Selection 200 ns');
    key(view.dom.scroller, 'z');
    expect(view.state.window).toEqual({ start: T0 + 100n, end: T0 + 300n });
  });

  it('zooms by dragging on the axis, pans by dragging the plot, sets the cursor on click', async () => {
    const { view } = await render(smallPayload());
    mouse(view.dom.axis, 'mousedown', xOf(400), 5);
    mouse(window, 'mousemove', xOf(600), 5);
    mouse(window, 'mouseup', xOf(600), 5);
    expect(view.state.window).toEqual({ start: T0 + 400n, end: T0 + 600n });
    // The plot takes keyboard focus, so keys work right after a mouse action.
    expect(document.activeElement).toBe(view.dom.scroller);
    // Now 200 ns over 580 px: dragging 58 px to the left moves the window 20 ns later.
    mouse(view.dom.stage, 'mousedown', xOf(500), yOf(1));
    mouse(window, 'mousemove', xOf(500) - 58, yOf(1));
    mouse(window, 'mouseup', xOf(500) - 58, yOf(1));
    expect(view.state.window).toEqual({ start: T0 + 420n, end: T0 + 620n });
    mouse(view.dom.stage, 'mousedown', PLOT_X + 290, yOf(4));
    mouse(window, 'mouseup', PLOT_X + 290, yOf(4));
    expect(view.state.cursor).toBe(T0 + 520n);
    expect(view.state.focusedRow).toBe(4);
  });

  it('sets an exact range from the toolbar and refuses bad input', async () => {
    const { view } = await render(smallPayload());
    const tb = view.toolbar;
    tb.start.value = '0.000000123';
    tb.end.value = `@${T0 + 457n}`;
    tb.start.form!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(view.state.window).toEqual({ start: T0 + 123n, end: T0 + 457n });
    tb.start.value = 'soon';
    tb.start.form!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(tb.error.textContent).toMatch(/seconds/);
  });

  it('moves the cursor between state changes of the focused row', async () => {
    const { view } = await render(smallPayload());
    view.state.setFocusedRow(3);
    const sc = view.dom.scroller;
    key(sc, '.');
    expect(view.state.cursor).toBe(T0 + 100n);
    key(sc, '.');
    expect(view.state.cursor).toBe(T0 + 300n);
    key(sc, '.');
    expect(view.state.cursor).toBe(T0 + 900n);
    key(sc, ',');
    expect(view.state.cursor).toBe(T0 + 300n);
  });
});

describe('rows', () => {
  it('filters rows by name and tid', async () => {
    const { view } = await render(smallPayload());
    const search = view.toolbar.search;
    search.value = 'idle';
    search.dispatchEvent(new Event('input'));
    expect(view.layout.rows).toEqual([0, 1, 4]);
    search.value = '101';
    search.dispatchEvent(new Event('input'));
    expect(view.layout.rows).toEqual([0, 1, 3]);
  });

  it('keeps active threads only, for the visible window', async () => {
    const { view } = await render(smallPayload());
    view.toolbar.active.checked = true;
    view.toolbar.active.dispatchEvent(new Event('change'));
    expect(view.layout.rows).toEqual([0, 1, 2, 3, 5]);
    view.state.setWindow({ start: T0 + 920n, end: T0 + 1000n });
    expect(view.layout.rows).toEqual([5]);
  });

  it('hides, restores and pins rows from the keyboard', async () => {
    const { view } = await render(smallPayload());
    const sc = view.dom.scroller;
    key(sc, 'ArrowDown');
    expect(view.state.focusedRow).toBe(0);
    key(sc, 'ArrowDown');
    key(sc, 'ArrowDown');
    key(sc, 'ArrowDown');
    key(sc, 'ArrowDown');
    expect(view.state.focusedRow).toBe(4);
    expect(view.dom.live.textContent).toBe('idle (tid 102, pid 100): Blocked');
    key(sc, 'h');
    expect(view.layout.rows).toEqual([0, 1, 2, 3, 5]);
    expect(view.state.focusedRow).toBe(5);
    view.paintNow();
    expect(view.toolbar.buttons.showHidden.hidden).toBe(false);
    expect(view.toolbar.buttons.showHidden.textContent).toBe('Show hidden (1)');
    view.toolbar.buttons.showHidden.click();
    key(sc, 'p');
    expect(view.layout.pinned).toEqual([5]);
    expect(view.layout.rows).toEqual([0, 1, 2, 3, 4]);
  });

  it('collapses a process by clicking its expander', async () => {
    const { view } = await render(smallPayload());
    mouse(view.dom.stage, 'mousedown', 4 + 12 + 4, yOf(1));
    mouse(window, 'mouseup', 4 + 12 + 4, yOf(1));
    expect(view.layout.rows).toEqual([0, 1, 5]);
  });

  it('follows a thread: highlights its critical path and fades other rows', async () => {
    const { view } = await render(smallPayload());
    view.state.setFocusedRow(3);
    key(view.dom.scroller, 'f');
    view.paintNow();
    expect(view.state.followed).toBe(3);
    const overlay = recording(view.dom.overlay);
    const strokes = overlay.calls.filter(c => c[0] === 'strokeRect');
    // Two path segments (rows 3 and 2) plus the focused-row outline.
    expect(strokes).toHaveLength(3);
    expect(view.dom.status.textContent).toContain(`Following ${XSS_NAME}`);
    expect(view.dom.live.textContent).toContain(`Following ${XSS_NAME}`);
    key(view.dom.scroller, 'f');
    expect(view.state.followed).toBe(-1);
  });

  it('exposes its window, followed row and drawn path as data attributes', async () => {
    const { view } = await render(smallPayload());
    const d = view.node.dataset;
    expect([d.rangeStart, d.rangeEnd, d.followed, d.fineIntervals]).toEqual([
      String(T0),
      String(T0 + 1000n),
      '',
      '0'
    ]);
    expect(Number(d.runs)).toBeGreaterThan(0);
    view.state.setFocusedRow(3);
    key(view.dom.scroller, 'f');
    view.paintNow();
    expect([d.followed, d.pathDrawn]).toEqual(['t101', '2']);
  });

  it('allocates the overlay canvas only once something is drawn on it', async () => {
    const { view } = await render(smallPayload());
    expect(view.dom.overlay.getAttribute('width')).toBeNull();
    expect(recording(view.dom.overlay).calls).toHaveLength(0);
    view.state.setCursor(T0 + 500n);
    view.paintNow();
    expect(view.dom.overlay.width).toBe(view.dom.main.width);
    view.state.setCursor(null);
    view.paintNow();
    // Once used it is cleared, not left stale.
    expect(recording(view.dom.overlay).calls.some(c => c[0] === 'clearRect')).toBe(true);
  });
});

describe('lifetime', () => {
  it('frees canvases, listeners and the experiment link on dispose', async () => {
    const { r, view } = await render(smallPayload());
    const stage = view.dom.stage;
    expect(experiments.size).toBe(1);
    r.dispose();
    live.length = 0;
    expect(view.isDisposed).toBe(true);
    expect(view.dom.main.width).toBe(0);
    expect(view.node.isConnected).toBe(false);
    expect(experiments.size).toBe(0);
    const before = view.state.window;
    key(view.dom.scroller, 'w');
    mouse(stage, 'mousemove', xOf(200), yOf(3));
    expect(view.state.window).toBe(before);
    expect(view.state.hover).toBeNull();
  });

  it('exports SVG and PNG through Blob downloads', async () => {
    const { view } = await render(smallPayload());
    const blobs: Blob[] = [];
    const create = jest.spyOn(URL, 'createObjectURL').mockImplementation(b => {
      blobs.push(b as Blob);
      return 'blob:x';
    });
    const names: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      names.push(this.download);
    });
    view.toolbar.buttons.svg.click();
    view.toolbar.buttons.png.click();
    await new Promise(res => setTimeout(res, 20));
    create.mockRestore();
    click.mockRestore();
    expect(names).toEqual(['small.svg', 'small.png']);
    expect(blobs.map(b => b.type)).toEqual(['image/svg+xml', 'image/png']);
    const svg = await blobText(blobs[0]);
    expect(svg).toBe(
      renderTimeGraphSvg(view.model.payload, {
        window: view.state.window,
        rows: [0, 1, 2, 3, 4, 5],
        width: 800,
        maxRows: 1000
      })
    );
    expect(svg).not.toContain('<img');
  });
});

export type { ITimeGraphPayload };
