/**
 * Messages between the kernel process and its evaluation child (Node IPC with `advanced` serialization, so
 * binary buffers pass as they are). Every request carries a `tag`; the child labels output with the tag of
 * the execution it belongs to, so the kernel can parent it to the right Jupyter request.
 */
import type { ExecuteOutcome, ICompletion, IInspection } from '../handler/evaluator';
import type { ContentOf, JsonObject } from '../handler/types';

export type CommType = 'comm_open' | 'comm_msg' | 'comm_close';

/** Kernel -> child requests. */
export type ToChild =
  | { kind: 'execute'; tag: number; code: string; count: number; userExpressions: Record<string, string> }
  | { kind: 'complete'; tag: number; code: string; cursor: number }
  | { kind: 'inspect'; tag: number; code: string; cursor: number; detail: number }
  | { kind: 'comm'; tag: number; msgType: CommType; content: JsonObject; buffers: Uint8Array[] }
  | { kind: 'comm_info'; tag: number; target?: string };

/** Reply bodies by request kind. */
export interface IReplyBodies {
  execute: ExecuteOutcome;
  complete: ICompletion;
  inspect: IInspection;
  comm: null;
  comm_info: Record<string, string>;
}

/** Child -> kernel messages. */
export type FromChild =
  | { kind: 'ready' }
  | { kind: 'stream'; tag: number; name: 'stdout' | 'stderr'; text: string }
  | {
      kind: 'display';
      tag: number;
      msgType: 'display_data' | 'update_display_data';
      content: ContentOf<'display_data'>;
    }
  | { kind: 'clear'; tag: number; wait: boolean }
  | { kind: 'comm'; tag: number; msgType: CommType; content: JsonObject; buffers?: Uint8Array[] }
  | { kind: 'reply'; tag: number; body: IReplyBodies[keyof IReplyBodies] }
  | { kind: 'log'; text: string };

/**
 * File descriptor (in the child) of the pipe that carries interrupts (`<tag>\n`) to its watcher thread: a
 * thread, because the main thread may be stuck in a synchronous loop and unable to read IPC.
 */
export const INTERRUPT_FD = 4;
