/**
 * Which kernel serves which view: the comm handles named by the tracelab payloads of a kernel's iopub outputs
 * (`display_data`, `execute_result`, `update_display_data`). A handle is a per-kernel-process UUID
 * (`view-<uuid>`), so the kernel that displayed a payload is the one that can answer fetches for it.
 *
 * Scope: reading messages; the payloads are untrusted, only well-formed `comm` references are returned.
 */
import { CRITICALPATH_MIME_TYPE } from '../../protocol/critical-path';
import { TIMEGRAPH_MIME_TYPE, TRACELAB_COMM_TARGET } from '../../protocol/timegraph';
import { MAX_ID_LENGTH } from '../../protocol/validate-util';

const OUTPUT_TYPES = new Set(['display_data', 'execute_result', 'update_display_data']);
const MIME_TYPES = [TIMEGRAPH_MIME_TYPE, CRITICALPATH_MIME_TYPE];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The handle of a payload's `comm` reference on the tracelab target, or null. */
export function handleOfPayload(payload: unknown): string | null {
  const comm = isRecord(payload) ? payload.comm : undefined;
  if (!isRecord(comm) || comm.target !== TRACELAB_COMM_TARGET) return null;
  const h = comm.handle;
  return typeof h === 'string' && h.length > 0 && h.length <= MAX_ID_LENGTH ? h : null;
}

/** Handles of the tracelab payloads in one iopub message (empty for other messages). */
export function handlesOfMessage(msg: { header: { msg_type: string }; content: unknown }): string[] {
  if (!OUTPUT_TYPES.has(msg.header.msg_type) || !isRecord(msg.content)) return [];
  const data = msg.content.data;
  if (!isRecord(data)) return [];
  const out: string[] = [];
  for (const mime of MIME_TYPES) {
    const h = handleOfPayload(data[mime]);
    if (h !== null) out.push(h);
  }
  return out;
}
