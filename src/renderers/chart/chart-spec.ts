/**
 * Prepares a chart payload's vega-lite spec for embedding: a private copy whose x scale (top level and in
 * layers) is bound to two signals, `tl_x0`/`tl_x1`, so the chart follows the experiment's time window without
 * re-embedding; marks are clipped to the plot.
 *
 * Scope: pure JSON transformation plus the window -> x-domain conversion.
 */
import type { IChartPayload } from '../../protocol/chart';
import { CHART_TIME_UNITS } from '../../protocol/chart';
import type { ITimeWindow } from '../shared/experiment-link';

/** Names of the signals that hold the x domain. */
export const X0_SIGNAL = 'tl_x0';
export const X1_SIGNAL = 'tl_x1';

type Json = Record<string, unknown>;

function isObj(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The x domain (in the chart's units) of an absolute window. */
export function domainOf(payload: IChartPayload, w: ITimeWindow): [number, number] {
  const t = payload.time!;
  const origin = BigInt(t.origin);
  const unit = Number(CHART_TIME_UNITS[t.unit]);
  return [Number(w.start - origin) / unit, Number(w.end - origin) / unit];
}

function bindX(unit: Json): boolean {
  const enc = unit.encoding;
  if (!isObj(enc) || !isObj(enc.x)) return false;
  const scale = isObj(enc.x.scale) ? enc.x.scale : {};
  enc.x.scale = {
    ...scale,
    domainMin: { expr: X0_SIGNAL },
    domainMax: { expr: X1_SIGNAL },
    nice: false,
    zero: false
  };
  if (typeof unit.mark === 'string') unit.mark = { type: unit.mark, clip: true };
  else if (isObj(unit.mark)) unit.mark = { ...unit.mark, clip: true };
  return true;
}

/**
 * A copy of the spec, with the x scale bound to the window signals when the payload has a time axis. Without a
 * window yet the signals are null, which leaves the domain to the data until a view of the experiment zooms.
 */
export function prepareSpec(payload: IChartPayload, initial: ITimeWindow | null): Json {
  const spec = JSON.parse(JSON.stringify(payload.spec)) as Json;
  if (!payload.time) return spec;
  let bound = bindX(spec);
  if (Array.isArray(spec.layer)) {
    for (const layer of spec.layer) if (isObj(layer)) bound = bindX(layer) || bound;
  }
  if (bound) {
    const [x0, x1] = initial ? domainOf(payload, initial) : [null, null];
    const params = Array.isArray(spec.params) ? spec.params : [];
    spec.params = [...params, { name: X0_SIGNAL, value: x0 }, { name: X1_SIGNAL, value: x1 }];
  }
  return spec;
}
