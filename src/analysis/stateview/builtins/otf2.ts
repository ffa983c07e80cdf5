/**
 * Built-in view of Score-P (OTF2) traces converted to CTF (`tracecompass/mpi_*`): the definition events
 * (`GlobalDef_String`, `GlobalDef_Region`, `GlobalDef_Location`, `GlobalDef_LocationGroup`) fill a `Defs` tree,
 * then `Event_Enter`/`Event_Leave` push and pop region names on each location's call stack; `Region` is the
 * innermost region, `Collective` marks the span of an MPI collective, `Name` the location group ("MPI Rank 0").
 *
 * Scope: the declarative spec; message and collective arrows are computed by `otf2-arrows.ts`.
 */
import type { PathElement, StateViewSpec, ValueSpec } from '../spec-types';

const str = (field: string): ValueSpec => ({ query: ['Defs', 'String', { field }] });
const loc: PathElement[] = ['Locations', { field: 'locationID' }];
const regionName: ValueSpec = { query: ['Defs', 'Region', { field: 'region' }] };
const groupName: ValueSpec = {
  query: ['Defs', 'LocationGroup', { query: ['Defs', 'Location', { field: 'locationID' }, 'Group'] }]
};

export const otf2Spec: StateViewSpec = {
  id: 'otf2-regions',
  label: 'Score-P regions per location',
  handlers: [
    { event: 'GlobalDef_String', changes: [{ path: 'Defs/String/{self}', set: { field: 'stringValue' } }] },
    { event: 'GlobalDef_Region', changes: [{ path: 'Defs/Region/{self}', set: str('name') }] },
    { event: 'GlobalDef_LocationGroup', changes: [{ path: 'Defs/LocationGroup/{self}', set: str('name') }] },
    {
      event: 'GlobalDef_Location',
      changes: [
        { path: 'Defs/Location/{self}/Group', set: { field: 'locationGroup' } },
        { path: 'Defs/Location/{self}/Name', set: str('name') }
      ]
    },
    {
      event: 'Event_Enter',
      changes: [
        { path: [...loc, 'Name'], set: groupName },
        { path: [...loc, 'CallStack'], push: regionName },
        { path: [...loc, 'Region'], set: regionName }
      ]
    },
    {
      event: 'Event_Leave',
      changes: [
        { path: [...loc, 'CallStack'], pop: true },
        { path: [...loc, 'Region'], set: { peek: [...loc, 'CallStack'] } }
      ]
    },
    { event: 'Event_MpiCollectiveBegin', changes: [{ path: [...loc, 'Collective'], set: 'collective' }] },
    { event: 'Event_MpiCollectiveEnd', changes: [{ path: [...loc, 'Collective'], set: null }] }
  ],
  views: [
    {
      id: 'otf2-regions.locations',
      label: 'Locations',
      rows: [
        {
          path: 'Locations/*',
          display: 'Region',
          nameFrom: 'Name',
          children: [{ path: 'CallStack/*', label: 'depth {2}' }]
        }
      ]
    }
  ]
};
