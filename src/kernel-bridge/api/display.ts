/**
 * `display()` for cells: publishes display_data now (not as the cell's result), and with an id lets later code
 * replace it in place (update_display_data), as IPython's `display(x, display_id=...)` does.
 *
 * @example
 * ```ts
 * display({ 'text/html': '<b>hi</b>', 'text/plain': 'hi' });   // a MIME bundle as it is
 * const h = display('step 1', { id: true });                   // h.id is a fresh display id
 * h.update('step 2');                                          // replaces the output above
 * display.update('done', { id: h.id });                        // same, by id
 * display.html('<i>x</i>'); display.markdown('**x**'); display.clear();
 * ```
 */
import { randomUUID } from 'node:crypto';
import type { ContentOf, JsonObject } from '../handler/types';
import { jsonSafe, toRichValue } from './mime-bundle';

/** Where display messages go (the evaluation child's output channel, or a test recorder). */
export interface IDisplayPublisher {
  display(msgType: 'display_data' | 'update_display_data', content: ContentOf<'display_data'>): void;
  clear(wait: boolean): void;
}

/** Options of `display`. */
export interface IDisplayOptions {
  /** A display id to update later; `true` makes a fresh one. */
  id?: string | boolean;
  /** Output metadata (e.g. `{ 'image/png': { width: 200 } }`). */
  metadata?: Record<string, unknown>;
}

/** A display that can be updated in place. */
export interface IDisplayHandle {
  readonly id: string;
  /** Replaces the displayed value. */
  update(x: unknown, metadata?: Record<string, unknown>): void;
}

/** The `display` function cells see. */
export interface IDisplay {
  /** Shows `x`; returns a handle when an id is asked for. */
  (x: unknown, options?: IDisplayOptions): IDisplayHandle | undefined;
  /** Replaces the display with this id. */
  update(x: unknown, options: { id: string; metadata?: Record<string, unknown> }): void;
  html(html: string, options?: IDisplayOptions): IDisplayHandle | undefined;
  markdown(markdown: string, options?: IDisplayOptions): IDisplayHandle | undefined;
  svg(svg: string, options?: IDisplayOptions): IDisplayHandle | undefined;
  json(value: unknown, options?: IDisplayOptions): IDisplayHandle | undefined;
  /** Clears the cell's output (`wait`: when the next output arrives). */
  clear(wait?: boolean): void;
}

/** Builds a `display` function publishing through `publisher`. */
export function createDisplay(publisher: IDisplayPublisher): IDisplay {
  const send = (type: 'display_data' | 'update_display_data', x: unknown, id?: string, md?: object): void => {
    const rich = toRichValue(x);
    const metadata = md ? { ...rich.metadata, ...(jsonSafe(md) as JsonObject) } : rich.metadata;
    publisher.display(type, { data: rich.data, metadata, transient: id ? { display_id: id } : {} });
  };
  const handle = (id: string): IDisplayHandle => ({
    id,
    update: (x, metadata) => send('update_display_data', x, id, metadata)
  });
  const display = ((x: unknown, options: IDisplayOptions = {}) => {
    const id = options.id === true ? randomUUID() : typeof options.id === 'string' ? options.id : undefined;
    send('display_data', x, id, options.metadata);
    return id ? handle(id) : undefined;
  }) as IDisplay;
  display.update = (x, { id, metadata }) => send('update_display_data', x, id, metadata);
  display.html = (html, o) => display({ 'text/html': html, 'text/plain': stripTags(html) }, o);
  display.markdown = (md, o) => display({ 'text/markdown': md, 'text/plain': md }, o);
  display.svg = (svg, o) => display({ 'image/svg+xml': svg, 'text/plain': '<svg image>' }, o);
  display.json = (value, o) =>
    display({ 'application/json': value as object, 'text/plain': JSON.stringify(value, bigintText, 2) }, o);
  display.clear = (wait = false) => publisher.clear(wait);
  return display;
}

function stripTags(html: string): string {
  const text = html.replace(/<[^>]*>/g, '').trim();
  return text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}

function bigintText(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}
