/**
 * What the handler layer sees of a request and how it answers: content in, content out. The wire layer
 * builds these from ZeroMQ frames; unit tests build them by hand (no sockets).
 */
import type { KernelMessage } from '@jupyterlab/services';

/** JSON object as carried in message metadata and content. */
export type JsonObject = KernelMessage.IMessage['metadata'];

type MessageOf<T extends KernelMessage.MessageType> = Extract<
  KernelMessage.Message,
  { header: { msg_type: T } }
>;

/**
 * Content type of a message type, from `@jupyterlab/services`' message definitions (a plain JSON object for the
 * few types it does not define, such as shutdown_reply).
 */
export type ContentOf<T extends KernelMessage.MessageType> = [MessageOf<T>] extends [never]
  ? JsonObject
  : MessageOf<T>['content'];

/** A MIME bundle (`{'text/plain': ..., 'text/html': ...}`). */
export type MimeBundle = KernelMessage.IDisplayDataMsg['content']['data'];

/** An incoming shell or control request. */
export interface IRequest {
  channel: 'shell' | 'control';
  header: KernelMessage.IHeader;
  content: JsonObject;
  metadata: JsonObject;
  buffers: Uint8Array[];
}

/** Options of an iopub message. */
export interface IPublishOptions {
  metadata?: JsonObject;
  buffers?: Uint8Array[];
}

/**
 * Answers to one request: the reply goes back on the request's channel to its sender, iopub messages carry the
 * request as parent. Sends are queued in order; the promises settle when the message is handed to ZeroMQ.
 */
export interface IRequestIO {
  reply<T extends KernelMessage.MessageType>(msgType: T, content: ContentOf<T>): Promise<void>;
  publish<T extends KernelMessage.IOPubMessageType>(
    msgType: T,
    content: ContentOf<T>,
    options?: IPublishOptions
  ): Promise<void>;
}
