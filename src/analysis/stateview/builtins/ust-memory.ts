/**
 * Built-in view: heap usage per thread from LTTng-UST libc wrappers (`lttng_ust_libc:malloc` with size and ptr,
 * `lttng_ust_libc:free` with ptr), the user-space memory analysis of Trace Compass written in the declarative
 * language. `Pointers/<ptr>` remembers each live allocation's size; `Threads/<tid>/Memory` is the bytes allocated
 * and not yet freed by that thread (frees are charged to the freeing thread), `Threads/<tid>/Allocations` counts
 * mallocs.
 *
 * Scope: the spec only.
 */
import type { StateViewSpec } from '../spec-types';

export const ustMemorySpec: StateViewSpec = {
  id: 'ust-memory',
  label: 'UST memory usage per thread',
  handlers: [
    {
      event: 'lttng_ust_libc:malloc',
      changes: [
        { path: 'Pointers/{ptr}', set: { field: 'size' } },
        { path: 'Threads/{$tid}/Memory', add: { field: 'size' } },
        { path: 'Threads/{$tid}/Allocations', add: 1 }
      ]
    },
    {
      event: 'lttng_ust_libc:free',
      when: { path: 'Pointers/{ptr}', op: 'ne', value: null },
      changes: [
        { path: 'Threads/{$tid}/Memory', sub: { query: 'Pointers/{ptr}' } },
        { path: 'Pointers/{ptr}', set: null }
      ]
    }
  ],
  views: [
    { id: 'ust-memory.threads', label: 'Threads', rows: [{ path: 'Threads/*', display: 'Allocations' }] }
  ],
  xyViews: [{ id: 'ust-memory.usage', label: 'Heap usage per thread', path: 'Threads/*', display: 'Memory' }]
};
