/**
 * Runtime validation of critical-path payloads (`critical-path.ts`).
 *
 * Scope: pure checks of untrusted JSON, reusing the time-graph part validators; segments must be in path order
 * (sorted by start, no overlap), every index in range, every offset inside the range.
 */
import { CRITICALPATH_VERSION } from './critical-path';
import type { ICriticalPathPayload } from './critical-path';
import {
  validateArrows,
  validateCommRef,
  validateLegend,
  validateRange,
  validateRows
} from './timegraph-validate';
import {
  checkIntColumn,
  checkOptionalInt,
  checkString,
  isRecord,
  Issues,
  MAX_ID_LENGTH
} from './validate-util';
import type { ValidationResult } from './validate-util';

function validateSegments(x: unknown, issues: Issues, workers: number, states: number, len: number): void {
  const path = '$.segments';
  if (!isRecord(x)) {
    issues.add(path, 'expected segment columns');
    return;
  }
  const n = Array.isArray(x.row) ? x.row.length : -1;
  const ok =
    checkIntColumn(x.row, `${path}.row`, issues, 0, workers - 1) >= 0 &&
    checkIntColumn(x.start, `${path}.start`, issues, 0, len, n) >= 0 &&
    checkIntColumn(x.end, `${path}.end`, issues, 0, len, n) >= 0 &&
    checkIntColumn(x.state, `${path}.state`, issues, 0, states - 1, n) >= 0;
  if (!ok) return;
  const start = x.start as number[];
  const end = x.end as number[];
  for (let i = 0; i < n; i++) {
    if (end[i] < start[i] || (i > 0 && start[i] < end[i - 1])) {
      issues.add(`${path}[${i}]`, 'segments must be in path order without overlap');
      return;
    }
  }
}

function validateSubject(x: unknown, issues: Issues): void {
  if (!isRecord(x)) {
    issues.add('$.subject', 'expected {rowId, label}');
    return;
  }
  checkString(x, 'rowId', '$.subject', issues, { max: MAX_ID_LENGTH });
  checkString(x, 'label', '$.subject', issues);
  checkString(x, 'host', '$.subject', issues, { optional: true });
  checkOptionalInt(x, 'tid', '$.subject', issues, -1, 2 ** 31);
}

/** Validates a whole critical-path payload. On success `value` is the same object, typed. */
export function validateCriticalPathPayload(x: unknown): ValidationResult<ICriticalPathPayload> {
  const issues = new Issues();
  if (!isRecord(x)) {
    issues.add('$', 'expected an object');
    return issues.result(x);
  }
  if (x.version !== CRITICALPATH_VERSION) issues.add('$.version', `expected ${CRITICALPATH_VERSION}`);
  checkString(x, 'experimentId', '$', issues, { max: MAX_ID_LENGTH, nonEmpty: true });
  checkString(x, 'title', '$', issues, { optional: true });
  validateSubject(x.subject, issues);
  const range = validateRange(x.range, '$.range', issues);
  const workers = validateRows(x.workers, '$.workers', issues);
  const states = validateLegend(x.legend, '$.legend', issues);
  if (!issues.ok || range === null) return issues.result(x);
  validateSegments(x.segments, issues, workers, states, range.length);
  if (x.links !== undefined) {
    const kinds = validateLegend(x.linkKinds ?? [], '$.linkKinds', issues);
    if (kinds >= 0) validateArrows(x.links, '$.links', issues, workers, kinds, range.length);
  }
  if (x.comm !== undefined) validateCommRef(x.comm, '$.comm', issues);
  return issues.result(x);
}
