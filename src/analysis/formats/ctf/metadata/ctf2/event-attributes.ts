/**
 * Well-known event record class attributes -> IR `EventClass.loglevel` / `modelEmfUri`.
 *
 * LTTng 2.14 writes `attributes: {"lttng.org,2009": {"log-level": "debug:line", "emf-uri": "..."}}`; the
 * babeltrace2/barectf drafts wrote the same under `"babeltrace.org,2020"` (in `user-attributes`). The log level
 * names map to the CTF 1.8 / LTTng numeric levels (0 = emergency ... 14 = debug).
 */

import type { EventClass } from '../../ir';

const LOG_LEVELS = [
  'emergency',
  'alert',
  'critical',
  'error',
  'warning',
  'notice',
  'info',
  'debug:system',
  'debug:program',
  'debug:process',
  'debug:module',
  'debug:unit',
  'debug:function',
  'debug:line',
  'debug'
];

const NAMESPACES = ['lttng.org,2009', 'babeltrace.org,2020'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets `loglevel` and `modelEmfUri` from `ec.attributes` when a known namespace has them. */
export function applyEventAttributes(ec: EventClass): void {
  for (const ns of NAMESPACES) {
    const attrs = ec.attributes?.[ns];
    if (!isRecord(attrs)) continue;
    const level = attrs['log-level'];
    const index = typeof level === 'string' ? LOG_LEVELS.indexOf(level) : -1;
    if (index >= 0 && ec.loglevel === undefined) ec.loglevel = BigInt(index);
    const emf = attrs['emf-uri'];
    if (typeof emf === 'string' && ec.modelEmfUri === undefined) ec.modelEmfUri = emf;
  }
}
