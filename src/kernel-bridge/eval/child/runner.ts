/**
 * Runs cells in the child's own global context (so values, Arrow tables and typed arrays are all of one
 * realm): compile, run the script, await the cell's promise, turn the last value into a rich value. One cell at
 * a time; an interrupt ends the current cell with an `Interrupted` error at once, even when the cell itself
 * never settles (or its stack was torn down by the interrupt watcher).
 */
import { Script } from 'node:vm';
import type { ExecuteOutcome } from '../../handler/evaluator';
import type { JsonObject } from '../../handler/types';
import { toRichValue } from '../../api/mime-bundle';
import { CellRegistry, errorInfo, interruptedInfo, syntaxErrorInfo } from '../traceback';
import { CellSyntaxError, compileCell } from '../transpile/transpile-cell';
import type { OutputChannel } from './output';

/** One execution request. */
export interface IRunRequest {
  tag: number;
  code: string;
  count: number;
  userExpressions: Record<string, string>;
}

/** Executes cells; see the module comment. */
export class CellRunner {
  constructor(
    private readonly _output: OutputChannel,
    /** Told which execution runs (tag) and when none does (0); the interrupt watcher reads it. */
    private readonly _setRunning: (tag: number) => void = () => undefined
  ) {}

  readonly cells = new CellRegistry();

  /**
   * Runs a cell. The returned promise settles when the cell finishes or is interrupted. The cell starts in a
   * later macrotask, so the caller's continuation is registered before any user code runs.
   */
  execute(req: IRunRequest): Promise<ExecuteOutcome> {
    let settle!: (o: ExecuteOutcome) => void;
    const done = new Promise<ExecuteOutcome>(r => (settle = r));
    this._current = { tag: req.tag, settle };
    this._output.tag = req.tag;
    setImmediate(() => {
      this._setRunning(req.tag);
      void this._run(req).then(o => this._finish(req.tag, o));
    });
    return done;
  }

  /** Ends the cell with this tag (if it is the current one) as interrupted. */
  interrupt(tag: number, detail?: string): void {
    if (this._current?.tag === tag) this._finish(tag, { status: 'error', ...interruptedInfo(detail) });
  }

  /** Tag of the running cell, or 0. */
  get running(): number {
    return this._current?.tag ?? 0;
  }

  private _finish(tag: number, outcome: ExecuteOutcome): void {
    if (this._current?.tag !== tag) return;
    const { settle } = this._current;
    this._current = undefined;
    this._setRunning(0);
    this._output.flush();
    settle(outcome);
  }

  private async _run(req: IRunRequest): Promise<ExecuteOutcome> {
    const file = this.cells.name(req.count);
    let script: Script;
    try {
      const compiled = compileCell(req.code);
      this.cells.add(file, { code: req.code, compiled });
      script = new Script(compiled.script, { filename: file });
    } catch (e) {
      if (e instanceof CellSyntaxError) {
        return { status: 'error', ...syntaxErrorInfo(e.message, file, req.code, e.line, e.column) };
      }
      return { status: 'error', ...errorInfo(e, this.cells) };
    }
    try {
      const value: unknown = await (script.runInThisContext() as Promise<unknown>);
      const result = value === undefined ? undefined : toRichValue(value);
      return { status: 'ok', result, userExpressions: this._userExpressions(req.userExpressions) };
    } catch (e) {
      return { status: 'error', ...errorInfo(e, this.cells) };
    }
  }

  /** Evaluates `user_expressions` (plain JavaScript expressions) after the cell. */
  private _userExpressions(exprs: Record<string, string>): JsonObject {
    const out: JsonObject = {};
    for (const [name, expr] of Object.entries(exprs)) {
      try {
        const v: unknown = new Script(`(${expr})`, { filename: 'user_expression' }).runInThisContext();
        out[name] = { status: 'ok', ...toRichValue(v) } as unknown as JsonObject;
      } catch (e) {
        out[name] = { status: 'error', ...errorInfo(e, this.cells) } as unknown as JsonObject;
      }
    }
    return out;
  }

  private _current: { tag: number; settle: (o: ExecuteOutcome) => void } | undefined;
}
