/**
 * The DOM skeleton of a time-graph view: toolbar slot, axis canvas, a native scroll container whose sticky
 * stage holds the main and overlay canvases (the spacer below gives the scrollbar the height of all rows),
 * the status line, a screen-reader live region and the legend. Also canvas sizing for the device pixel ratio.
 *
 * Scope: element creation only; the view owns behaviour. Trace text is only ever set through `textContent`.
 */
import type { ILegendEntry } from '../../protocol/timegraph';

let nextId = 0;

/** The elements of one view. */
export interface IViewDom {
  root: HTMLDivElement;
  body: HTMLDivElement;
  axis: HTMLCanvasElement;
  scroller: HTMLDivElement;
  stage: HTMLDivElement;
  main: HTMLCanvasElement;
  overlay: HTMLCanvasElement;
  spacer: HTMLDivElement;
  status: HTMLDivElement;
  live: HTMLDivElement;
  legend: HTMLUListElement;
}

function div(cls: string): HTMLDivElement {
  const d = document.createElement('div');
  d.className = cls;
  return d;
}

/** Builds the skeleton. `height` is the initial height of the rows viewport in px. */
export function createViewDom(title: string, height: number): IViewDom {
  const id = `tl-tg-${++nextId}`;
  const root = div('tl-TimeGraph');
  // Keys typed in the view are for the view, not for notebook command-mode shortcuts.
  root.setAttribute('data-lm-suppress-shortcuts', 'true');
  const body = div('tl-TimeGraph-body');
  const axis = document.createElement('canvas');
  axis.className = 'tl-TimeGraph-axis';
  axis.setAttribute('aria-hidden', 'true');
  const scroller = div('tl-TimeGraph-scroller');
  scroller.tabIndex = 0;
  scroller.style.height = `${height}px`;
  scroller.setAttribute('role', 'application');
  scroller.setAttribute('aria-roledescription', 'time graph');
  scroller.setAttribute('aria-label', title);
  scroller.setAttribute('aria-describedby', `${id}-help`);
  const stage = div('tl-TimeGraph-stage');
  const main = document.createElement('canvas');
  main.className = 'tl-TimeGraph-main';
  const overlay = document.createElement('canvas');
  overlay.className = 'tl-TimeGraph-overlay';
  stage.append(main, overlay);
  const spacer = div('tl-TimeGraph-spacer');
  scroller.append(stage, spacer);
  body.append(axis, scroller);
  const status = div('tl-TimeGraph-status');
  const live = div('tl-TimeGraph-srOnly');
  live.setAttribute('aria-live', 'polite');
  const help = div('tl-TimeGraph-srOnly');
  help.id = `${id}-help`;
  help.textContent =
    'W and S zoom, A and D pan, up and down arrows move between rows, comma and period move the cursor to the ' +
    'previous or next state change, F follows the thread, P pins, H hides, Z zooms to the selection, 0 resets.';
  const legend = document.createElement('ul');
  legend.className = 'tl-TimeGraph-legend';
  legend.setAttribute('aria-label', 'Legend');
  root.append(body, status, live, help, legend);
  return { root, body, axis, scroller, stage, main, overlay, spacer, status, live, legend };
}

/** Fills the legend list: a colour swatch and the state's label per entry. */
export function fillLegend(list: HTMLUListElement, legend: readonly ILegendEntry[]): void {
  list.replaceChildren(
    ...legend.map(e => {
      const li = document.createElement('li');
      const sw = document.createElement('span');
      sw.className = 'tl-TimeGraph-swatch';
      sw.style.background = e.color;
      const text = document.createElement('span');
      text.textContent = e.label;
      li.append(sw, text);
      return li;
    })
  );
}

/** Sizes `canvas` to w x h CSS px at the device pixel ratio and returns its context (scaled), if any. */
export function sizeCanvas(canvas: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D | null {
  const dpr = typeof window !== 'undefined' && window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
  const pw = Math.max(1, Math.round(w * dpr));
  const ph = Math.max(1, Math.round(h * dpr));
  if (canvas.width !== pw) canvas.width = pw;
  if (canvas.height !== ph) canvas.height = ph;
  setStyle(canvas, 'width', `${w}px`);
  setStyle(canvas, 'height', `${h}px`);
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** Sets an inline style property only when it changes (unchanged writes still invalidate style). */
export function setStyle(el: HTMLElement, prop: 'width' | 'height', value: string): void {
  if (el.style[prop] !== value) el.style[prop] = value;
}

/** Sets text only when it changes. */
export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
