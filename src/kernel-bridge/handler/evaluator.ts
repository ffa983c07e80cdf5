/**
 * The contract between the protocol handler and whatever runs cells (the child-process evaluator in
 * `eval/`, or a stub in tests). Positions here are UTF-16 string indices; the handler converts the
 * protocol's code-point cursor positions.
 */
import type { ContentOf, JsonObject, MimeBundle } from './types';

/** Where a request's side output goes (iopub messages parented to that request). */
export interface IOutputSink {
  stream(name: 'stdout' | 'stderr', text: string): void;
  display(msgType: 'display_data' | 'update_display_data', content: ContentOf<'display_data'>): void;
  clearOutput(wait: boolean): void;
  comm(msgType: 'comm_open' | 'comm_msg' | 'comm_close', content: JsonObject, buffers?: Uint8Array[]): void;
}

/** One cell to run. */
export interface IExecuteInput {
  code: string;
  /** The cell's number (execution count), used to name it in tracebacks (`Cell[3]`). */
  executionCount: number;
  silent: boolean;
  /** Name -> expression, evaluated after the cell (protocol `user_expressions`). */
  userExpressions: Record<string, string>;
}

/** A rich value: the `data` and `metadata` of an execute_result or display_data. */
export interface IRichValue {
  data: MimeBundle;
  metadata: JsonObject;
}

/** An error as Jupyter shows it. */
export interface IErrorInfo {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Outcome of a cell. */
export type ExecuteOutcome =
  { status: 'ok'; result?: IRichValue; userExpressions: JsonObject } | ({ status: 'error' } & IErrorInfo);

/** Completion candidates replacing `code.slice(cursorStart, cursorEnd)`. */
export interface ICompletion {
  matches: string[];
  cursorStart: number;
  cursorEnd: number;
}

/** Inspection result (`found` false: nothing known at the cursor). */
export interface IInspection {
  found: boolean;
  data: MimeBundle;
}

/** Runs cells and answers introspection requests, keeping state between cells. */
export interface IEvaluator {
  execute(input: IExecuteInput, sink: IOutputSink): Promise<ExecuteOutcome>;
  complete(code: string, cursor: number): Promise<ICompletion>;
  inspect(code: string, cursor: number, detailLevel: number): Promise<IInspection>;
  /** Frontend -> kernel comm messages (open/msg/close). Replies go to `sink`. */
  comm(
    msgType: 'comm_open' | 'comm_msg' | 'comm_close',
    content: JsonObject,
    buffers: Uint8Array[],
    sink: IOutputSink
  ): Promise<void>;
  /** Open comms (id -> target name), optionally filtered by target name. */
  commInfo(targetName?: string): Promise<Record<string, string>>;
  /** Interrupts the running cell, if any (the cell ends with an error). Never blocks. */
  interrupt(): void;
  /** Stops evaluation for good. */
  dispose(): Promise<void>;
}
