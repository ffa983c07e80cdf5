/**
 * The `tracelab` comm target: a renderer opens a comm on it and sends `timegraph.fetch` messages (also accepted
 * as the comm_open data); each is answered on the same comm from the view store.
 *
 * Scope: protocol glue between a comm (anything with `send` and an `onMsg` slot) and a `ViewStore`.
 */
import type { JsonObject } from '../handler/types';
import type { ViewStore } from './view-store';

/** The part of a kernel comm this target uses. */
export interface ICommLike {
  send(data: JsonObject): void;
  onMsg?: (data: JsonObject, buffers: Uint8Array[]) => void | Promise<void>;
}

/** Attaches a comm opened on the `tracelab` target to `store`; answers the open data when it is a request. */
export function attachViewComm(store: ViewStore, comm: ICommLike, openData: JsonObject): void {
  const answer = (data: JsonObject): void => comm.send(store.reply(data) as unknown as JsonObject);
  comm.onMsg = data => answer(data);
  if (openData && typeof openData.type === 'string') answer(openData);
}
