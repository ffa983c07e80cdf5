/**
 * The chart payload (`application/vnd.tracelab.chart.v1+json`): a vega-lite spec (latency histograms, CPU usage
 * over time) plus the experiment id and, for charts over time, how the x field maps to trace time, so the chart
 * follows the experiment's shared time range.
 *
 * Scope: types and validation, pure. The spec is rendered by vega-embed in the renderer, which refuses to load
 * external data or follow links; the validator bounds its size and rejects external data URLs up front.
 */
import { parseNs } from './ns';
import { checkString, isRecord, Issues, MAX_ID_LENGTH } from './validate-util';
import type { ValidationResult } from './validate-util';

/** The MIME type of a chart payload. */
export const CHART_MIME_TYPE = 'application/vnd.tracelab.chart.v1+json';

/** The payload format version carried in `version`. */
export const CHART_VERSION = 1;

/** Units an x field may be expressed in. */
export type ChartTimeUnit = 'ns' | 'us' | 'ms' | 's';

/** ns per unit. */
export const CHART_TIME_UNITS: Readonly<Record<ChartTimeUnit, bigint>> = {
  ns: 1n,
  us: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n
};

/** How the chart's x values map to trace time: absolute ns = origin + value * unit. */
export interface IChartTimeAxis {
  /** The x field of the spec's data (informative; the renderer drives the x scale domain). */
  field: string;
  unit: ChartTimeUnit;
  /** Absolute ns (decimal string) of x = 0. */
  origin: string;
}

/** The chart payload. */
export interface IChartPayload {
  version: 1;
  experimentId: string;
  title?: string;
  /** A vega-lite v6 spec with inline data (`data.values`). */
  spec: Record<string, unknown>;
  /** Present for charts over trace time: the x scale follows the experiment's time range. */
  time?: IChartTimeAxis;
}

/** Bounds on spec size (nodes) and depth, so hostile specs stay cheap to walk. */
const MAX_NODES = 5_000_000;
const MAX_DEPTH = 64;

/** Walks a JSON value; returns an error message or null. Rejects `data: {url}` and over-deep or huge specs. */
function checkSpec(spec: unknown): string | null {
  let nodes = 0;
  const stack: Array<[unknown, number, string]> = [[spec, 0, '']];
  while (stack.length > 0) {
    const [v, depth, key] = stack.pop()!;
    if (++nodes > MAX_NODES) return 'spec too large';
    if (depth > MAX_DEPTH) return 'spec too deep';
    if (Array.isArray(v)) {
      for (const e of v) stack.push([e, depth + 1, '']);
    } else if (isRecord(v)) {
      if (key === 'data' && v.url !== undefined) return 'external data (data.url) is not allowed';
      for (const k of Object.keys(v)) stack.push([v[k], depth + 1, k]);
    } else if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) {
      return 'spec must be plain JSON';
    }
  }
  return null;
}

/** Validates a chart payload. On success `value` is the same object, typed. */
export function validateChartPayload(x: unknown): ValidationResult<IChartPayload> {
  const issues = new Issues();
  if (!isRecord(x)) {
    issues.add('$', 'expected an object');
    return issues.result(x);
  }
  if (x.version !== CHART_VERSION) issues.add('$.version', `expected ${CHART_VERSION}`);
  checkString(x, 'experimentId', '$', issues, { max: MAX_ID_LENGTH, nonEmpty: true });
  checkString(x, 'title', '$', issues, { optional: true });
  if (!isRecord(x.spec)) issues.add('$.spec', 'expected a vega-lite spec object');
  else {
    const err = checkSpec(x.spec);
    if (err) issues.add('$.spec', err);
  }
  if (x.time !== undefined) {
    const t = x.time;
    if (!isRecord(t)) issues.add('$.time', 'expected {field, unit, origin}');
    else {
      checkString(t, 'field', '$.time', issues, { max: MAX_ID_LENGTH });
      if (typeof t.unit !== 'string' || !Object.hasOwn(CHART_TIME_UNITS, t.unit)) {
        issues.add('$.time.unit', 'expected ns, us, ms or s');
      }
      if (parseNs(t.origin) === null) issues.add('$.time.origin', 'expected a decimal ns string');
    }
  }
  return issues.result(x);
}
