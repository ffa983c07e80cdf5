/**
 * The Score-P (OTF2 → CTF) built-ins on `tracecompass/mpi_*`: region names resolved through the definition events
 * (checked against babeltrace2's listing: region 149 → string 204 "MPI_Init", region 197 → 252 "MPI_Ssend", …),
 * call-stack rows per location named by their location group, and message / collective arrows.
 */
import * as path from 'node:path';
import { rowStates, runStateView, timeGraphRows } from '../../src/analysis/stateview';
import { otf2Spec } from '../../src/analysis/stateview/builtins/otf2';
import { otf2Arrows, otf2ArrowsTable } from '../../src/analysis/stateview/builtins/otf2-arrows';
import { openExperiment } from '../../src/analysis/trace/open';

const trace = (name: string): string =>
  path.join(process.cwd(), '..', 'shared', 'traces', 'tracecompass', name);
const S = 1641473528000000000n; // whole seconds of mpi_ssend_irecv's events

describe('OTF2 regions (mpi_ssend_irecv)', () => {
  const r = runStateView(openExperiment([trace('mpi_ssend_irecv')]), otf2Spec);
  const view = otf2Spec.views![0];
  const rows = timeGraphRows(r.ss, view);

  it('one row per location, named by its location group, with a child row per stack depth', () => {
    expect(rows.map(x => [x.label, x.parent < 0 ? null : rows[x.parent].label])).toEqual([
      ['MPI Rank 1', null],
      ['depth 1', 'MPI Rank 1'],
      ['depth 2', 'MPI Rank 1'],
      ['MPI Rank 0', null],
      ['depth 1', 'MPI Rank 0'],
      ['depth 2', 'MPI Rank 0']
    ]);
  });

  it('rank 0 enters and leaves main, MPI_Init, MPI_Comm_size, MPI_Comm_rank, MPI_Ssend, MPI_Finalize', () => {
    const states = rowStates(r.ss, rows[3], view)
      .filter(s => s.value !== null)
      .map(s => `${s.start - S}:${s.label}`);
    expect(states).toEqual([
      '155566151:main',
      '155567724:MPI_Init',
      '475580942:main',
      '475583998:MPI_Comm_size',
      '475586342:main',
      '475586493:MPI_Comm_rank',
      '475586693:main',
      '475599296:MPI_Ssend',
      '475603704:main',
      '475603995:MPI_Finalize',
      '475609325:main'
    ]);
    expect(r.ss.valueAt(r.ss.quark('Locations/0/Region'), S + 475609515n)).toBeNull();
  });

  it('the message arrow: MpiSend of rank 0 to the MpiIrecv completion of rank 1', () => {
    const { arrows } = otf2Arrows(openExperiment([trace('mpi_ssend_irecv')]));
    expect(arrows).toEqual([
      {
        kind: 'p2p',
        op: 'message',
        src: 0,
        dst: 1,
        start: S + 475599917n,
        end: S + 475604666n,
        comm: 1,
        tag: 0,
        bytes: 4
      }
    ]);
  });
});

describe('OTF2 arrows', () => {
  it("a gather: every other rank to the root, ending at the root's end (mpi_gather)", () => {
    const { arrows, locationName } = otf2Arrows(openExperiment([trace('mpi_gather')]));
    const base = 1641396611000000000n;
    expect(
      arrows.map(a => [a.op, locationName(a.src), locationName(a.dst), a.start - base, a.end - base])
    ).toEqual([
      ['GATHER', 'MPI Rank 2', 'MPI Rank 0', 419968465n, 419979294n],
      ['GATHER', 'MPI Rank 1', 'MPI Rank 0', 419968480n, 419979294n],
      ['GATHER', 'MPI Rank 3', 'MPI Rank 0', 419968644n, 419979294n]
    ]);
  });

  it('bandwidth_issue: 90 messages all matched, 30 barriers released by their last arrival', () => {
    const t = otf2ArrowsTable(openExperiment([trace('bandwidth_issue')]));
    const rows = t.toArray();
    const p2p = rows.filter(x => x.kind === 'p2p');
    const barriers = rows.filter(x => x.op === 'BARRIER');
    expect(p2p).toHaveLength(90);
    expect(p2p.every(x => x.end >= x.start && x.bytes === 400000n)).toBe(true);
    expect(barriers).toHaveLength(90);
    expect(t.schema.fields.map(f => f.name)).toEqual([
      'kind',
      'op',
      'src',
      'src_name',
      'dst',
      'dst_name',
      'start',
      'end',
      'comm',
      'tag',
      'bytes'
    ]);
  });
});
