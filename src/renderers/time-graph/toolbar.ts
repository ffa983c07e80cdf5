/**
 * The toolbar of a time-graph view: row search, "active threads only", an exact range (start/end inputs),
 * zoom reset and zoom to selection, pin/hide/follow for the focused row, show hidden rows, arrows on/off, and
 * SVG/PNG export. Native inputs and buttons, so everything is reachable by keyboard and labelled for screen
 * readers.
 *
 * Scope: DOM construction and event wiring; the view supplies the actions and pushes state back in `update`.
 */

/** What the toolbar asks the view to do. */
export interface IToolbarActions {
  search(query: string): void;
  activeOnly(on: boolean): void;
  /** Returns an error message when the texts do not parse, null on success. */
  setRange(start: string, end: string): string | null;
  resetZoom(): void;
  zoomToSelection(): void;
  togglePin(): void;
  hideRow(): void;
  showHidden(): void;
  toggleFollow(): void;
  showArrows(on: boolean): void;
  exportSvg(): void;
  exportPng(): void;
}

/** State shown by the toolbar. */
export interface IToolbarState {
  rangeStart: string;
  rangeEnd: string;
  hiddenCount: number;
  hasSelection: boolean;
  hasFocusedRow: boolean;
  focusedPinned: boolean;
  following: boolean;
  showArrows: boolean;
  hasArrows: boolean;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The toolbar DOM. */
export class Toolbar {
  constructor(actions: IToolbarActions, signal: AbortSignal) {
    this.node = el('div', 'tl-TimeGraph-toolbar');
    this.node.setAttribute('role', 'toolbar');
    this.search = el('input', 'tl-TimeGraph-search');
    this.search.type = 'search';
    this.search.placeholder = 'Filter rows (name or tid)';
    this.search.setAttribute('aria-label', 'Filter rows by name or thread id');
    this.search.addEventListener('input', () => actions.search(this.search.value), { signal });
    const activeLabel = el('label', 'tl-TimeGraph-check');
    this.active = el('input', '');
    this.active.type = 'checkbox';
    this.active.addEventListener('change', () => actions.activeOnly(this.active.checked), { signal });
    activeLabel.append(this.active, document.createTextNode(' Active threads only'));
    this.start = this.timeInput('Window start (s since trace start, or @ns)');
    this.end = this.timeInput('Window end (s since trace start, or @ns)');
    const form = el('form', 'tl-TimeGraph-range');
    this.error = el('span', 'tl-TimeGraph-rangeError');
    this.error.setAttribute('aria-live', 'polite');
    const apply = el('button', 'tl-TimeGraph-button', 'Set range');
    apply.type = 'submit';
    form.append(this.start, el('span', 'tl-TimeGraph-dash', '–'), this.end, apply, this.error);
    form.addEventListener(
      'submit',
      ev => {
        ev.preventDefault();
        this.error.textContent = actions.setRange(this.start.value, this.end.value) ?? '';
      },
      { signal }
    );
    const b = (text: string, title: string, fn: () => void): HTMLButtonElement => {
      const btn = el('button', 'tl-TimeGraph-button', text);
      btn.type = 'button';
      btn.title = title;
      btn.addEventListener('click', fn, { signal });
      return btn;
    };
    this.buttons = {
      reset: b('Reset zoom', 'Show the whole trace (0)', () => actions.resetZoom()),
      zoomSel: b('Zoom to selection', 'Zoom to the selected range (z)', () => actions.zoomToSelection()),
      pin: b('Pin', 'Pin the focused row on top (p)', () => actions.togglePin()),
      hide: b('Hide', 'Hide the focused row (h)', () => actions.hideRow()),
      showHidden: b('Show hidden', 'Show all hidden rows', () => actions.showHidden()),
      follow: b('Follow', 'Follow the focused thread and highlight its critical path (f)', () =>
        actions.toggleFollow()
      ),
      arrows: b('Arrows', 'Show or hide arrows', () => actions.showArrows(!this._arrowsOn)),
      svg: b('SVG', 'Export the view as SVG', () => actions.exportSvg()),
      png: b('PNG', 'Export the view as PNG', () => actions.exportPng())
    };
    this.node.append(this.search, activeLabel, form, ...Object.values(this.buttons));
  }

  readonly node: HTMLDivElement;
  readonly search: HTMLInputElement;
  readonly active: HTMLInputElement;
  readonly start: HTMLInputElement;
  readonly end: HTMLInputElement;
  readonly error: HTMLSpanElement;
  readonly buttons: Record<string, HTMLButtonElement>;

  /** Reflects the view's state (range inputs are left alone while being edited). */
  update(s: IToolbarState): void {
    const key = JSON.stringify(s);
    if (key === this._last) return;
    this._last = key;
    const active = document.activeElement;
    if (active !== this.start && active !== this.end) {
      this.start.value = s.rangeStart;
      this.end.value = s.rangeEnd;
    }
    this.buttons.zoomSel.disabled = !s.hasSelection;
    this.buttons.pin.disabled = !s.hasFocusedRow;
    this.buttons.pin.textContent = s.focusedPinned ? 'Unpin' : 'Pin';
    this.buttons.hide.disabled = !s.hasFocusedRow;
    this.buttons.follow.disabled = !s.hasFocusedRow && !s.following;
    this.buttons.follow.textContent = s.following ? 'Unfollow' : 'Follow';
    this.buttons.showHidden.hidden = s.hiddenCount === 0;
    this.buttons.showHidden.textContent = `Show hidden (${s.hiddenCount})`;
    this.buttons.arrows.hidden = !s.hasArrows;
    this.buttons.arrows.setAttribute('aria-pressed', String(s.showArrows));
    this._arrowsOn = s.showArrows;
  }

  private timeInput(label: string): HTMLInputElement {
    const i = el('input', 'tl-TimeGraph-time');
    i.type = 'text';
    i.spellcheck = false;
    i.setAttribute('aria-label', label);
    i.title = label;
    return i;
  }

  private _arrowsOn = true;
  private _last = '';
}
