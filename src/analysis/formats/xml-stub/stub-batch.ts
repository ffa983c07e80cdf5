/**
 * `EventBatch` over the merged events of XML stub traces: a window of row numbers into the experiment's columns.
 *
 * Scope: typed accessors. Integers are stored as numbers when exact and bigint beyond 2^53; `int` returns NaN for
 * missing or non-numeric fields, `str` only returns string fields, `value` returns anything (arrays as lists).
 */
import { OwnRows } from '../../trace/read-ints';
import type { EventBatch, FieldValue } from '../../trace/types';
import type { StubValue } from './stub-parser';

/** The merged experiment's columns, in time order. */
export interface StubColumns {
  readonly ts: BigInt64Array;
  readonly cpu: Int32Array;
  readonly classId: Int32Array;
  readonly stream: Int32Array;
  readonly rows: readonly (StubValue | undefined)[][];
}

export class StubBatch extends OwnRows implements EventBatch {
  readonly length: number;
  readonly ts: BigInt64Array;
  readonly cpu: Int32Array;
  readonly classId: Int32Array;
  readonly stream: Int32Array;

  /** `index` holds the experiment row of each batch event. */
  constructor(
    private readonly cols: StubColumns,
    private readonly index: Int32Array
  ) {
    super();
    const n = index.length;
    this.length = n;
    this.ts = new BigInt64Array(n);
    this.cpu = new Int32Array(n);
    this.classId = new Int32Array(n);
    this.stream = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const r = index[i];
      this.ts[i] = cols.ts[r];
      this.cpu[i] = cols.cpu[r];
      this.classId[i] = cols.classId[r];
      this.stream[i] = cols.stream[r];
    }
  }

  private raw(i: number, field: number): StubValue | undefined {
    return field < 0 ? undefined : this.cols.rows[this.index[i]][field];
  }

  int(i: number, field: number): number {
    const v = this.raw(i, field);
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    return NaN;
  }

  bigint(i: number, field: number): bigint | undefined {
    const v = this.raw(i, field);
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
    return undefined;
  }

  str(i: number, field: number): string | undefined {
    const v = this.raw(i, field);
    return typeof v === 'string' ? v : undefined;
  }

  value(i: number, field: number): FieldValue | undefined {
    const v = this.raw(i, field);
    return Array.isArray(v) ? v.slice() : v;
  }
}
