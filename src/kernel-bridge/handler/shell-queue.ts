/**
 * Serializes shell requests: one runs at a time, in arrival order. After a failed execution, requests still
 * waiting can be aborted (their abort handler runs instead), which is how `stop_on_error` cancels the cells a
 * user queued behind a failing one (as tslab's TaskQueue reset and ipykernel's _abort_queues do).
 */

/** A queued request. */
export interface IQueuedTask {
  /** The message type, used to pick which tasks to abort. */
  kind: string;
  run(): Promise<void>;
  abort(): Promise<void>;
}

/** FIFO of tasks run one at a time. A task that throws is reported to `onError` and the queue goes on. */
export class ShellQueue {
  constructor(private readonly _onError: (err: unknown) => void = () => undefined) {}

  /** Number of tasks waiting (not counting the running one). */
  get pending(): number {
    return this._tasks.length;
  }

  push(task: IQueuedTask): void {
    this._tasks.push({ task, aborted: false });
    if (!this._running) void this._pump();
  }

  /** Marks every waiting task of this kind as aborted; returns how many. */
  abortPending(kind: string): number {
    let n = 0;
    for (const t of this._tasks) {
      if (t.task.kind === kind && !t.aborted) {
        t.aborted = true;
        n++;
      }
    }
    return n;
  }

  /** Resolves when the queue is empty and nothing runs. */
  async drained(): Promise<void> {
    while (this._running) await this._done;
  }

  private async _pump(): Promise<void> {
    this._running = true;
    let finish = (): void => undefined;
    this._done = new Promise<void>(r => (finish = r));
    try {
      for (let next = this._tasks.shift(); next; next = this._tasks.shift()) {
        try {
          await (next.aborted ? next.task.abort() : next.task.run());
        } catch (e) {
          this._onError(e);
        }
      }
    } finally {
      this._running = false;
      finish();
    }
  }

  private readonly _tasks: { task: IQueuedTask; aborted: boolean }[] = [];
  private _running = false;
  private _done: Promise<void> = Promise.resolve();
}
