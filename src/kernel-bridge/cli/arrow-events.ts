/**
 * `tracelab events --format arrow`: an Arrow IPC file of the selected events, written batch by batch.
 *
 * Columns: the events table (`ts`, `cpu`, `name`, `stream`, `host`, `class_id`; see `analysis/arrow`), then
 *   - when every selected event class has the same fields (one class, or one event name in several traces):
 *     their typed field columns (as `classTable` has them);
 *   - otherwise: `fields` and `context` Utf8 columns holding the JSONL row's JSON objects (context null when the
 *     class has none), so events of different classes fit one schema.
 */
import { Field, Schema, Utf8 } from 'apache-arrow';
import type { Data } from 'apache-arrow';
import { classColumns } from '../../analysis/arrow/class-table';
import type { ClassColumns, RowSample } from '../../analysis/arrow/class-table';
import { buildVar } from '../../analysis/arrow/column-writers';
import { eventsColumns, eventsLayout, recordBatch } from '../../analysis/arrow/events-table';
import type { EventsLayout } from '../../analysis/arrow/events-table';
import { IpcFileOutput } from '../../analysis/arrow/ipc';
import type { EventBatch, Experiment } from '../../analysis/trace/types';
import { rowPlans } from './event-rows';
import type { ClassRowPlan } from './event-rows';
import type { Output } from './output';

export class ArrowEventsWriter {
  private readonly _layout: EventsLayout;
  private _ipc: IpcFileOutput | undefined;
  private _typed: ClassColumns | undefined;
  private readonly _plan: (classId: number) => ClassRowPlan;
  constructor(
    private readonly _exp: Experiment,
    /** A class whose field layout all selected classes share, or undefined for a mixed selection. */
    private readonly _singleClass: number | undefined,
    private readonly _out: Output
  ) {
    this._layout = eventsLayout(_exp);
    this._plan = rowPlans(_exp);
  }

  private _open(sample?: RowSample): IpcFileOutput {
    if (this._ipc) return this._ipc;
    const fields: Field[] = [...this._layout.fields];
    if (this._singleClass !== undefined) {
      const reserved = new Set(fields.map(f => f.name));
      this._typed = classColumns(this._exp.eventClasses[this._singleClass], reserved, sample);
      fields.push(...this._typed.fields);
    } else {
      fields.push(new Field('fields', new Utf8(), true), new Field('context', new Utf8(), true));
    }
    const schema = new Schema(fields, new Map([['tracelab.schema', 'events/1']]));
    this._ipc = new IpcFileOutput(schema, chunk => this._out.writeBytes(chunk));
    return this._ipc;
  }

  private _jsonColumns(batch: EventBatch, rows: Int32Array, count: number): Data[] {
    const fields = buildVar(new Utf8(), count, k =>
      this._plan(batch.classId[rows[k]]).fields(batch, rows[k])
    );
    const context = buildVar(new Utf8(), count, k =>
      this._plan(batch.classId[rows[k]]).context(batch, rows[k])
    );
    return [fields, context];
  }

  /** Writes events `rows[0..count)` of `batch`. */
  async write(batch: EventBatch, rows: Int32Array, count: number): Promise<void> {
    if (count === 0) return;
    const ipc = this._open({ batch, rows, count });
    const selAll = count === batch.length && rows[count - 1] === count - 1;
    const base = eventsColumns(this._layout, batch, selAll ? undefined : rows, count);
    const extra = this._typed ? this._typed.build(batch, rows, count) : this._jsonColumns(batch, rows, count);
    await ipc.write(recordBatch(ipc.schema, [...base, ...extra], count));
  }

  /** Writes the footer (also after an error, so the events before it stay readable). */
  async finish(): Promise<void> {
    await this._open().finish();
  }
}
