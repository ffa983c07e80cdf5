/**
 * MPI communication arrows of Score-P (OTF2) traces converted to CTF: point-to-point messages (MpiSend/MpiIsend
 * matched to MpiRecv/MpiIrecv by sender, receiver, communicator and tag, in order) and collectives (the k-th
 * collective of a communicator on each member location forms one operation: rooted one-to-all operations send from
 * the root to the others, all-to-one from the others to the root; the others are drawn from the last member to
 * arrive to every other member's end, which is what releases them).
 *
 * Scope: one pass over the definition and MPI events; ranks are mapped to locations through the communicator's
 * group members. Arrow table: kind, op, src, src_name, dst, dst_name, start, end, comm, tag, bytes.
 */
import { Int32, Int64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { EventBatch, Experiment } from '../../trace/types';

export const COLLECTIVE_OPS = [
  'BARRIER',
  'BCAST',
  'GATHER',
  'GATHERV',
  'SCATTER',
  'SCATTERV',
  'ALLGATHER',
  'ALLGATHERV',
  'ALLTOALL',
  'ALLTOALLV',
  'ALLTOALLW',
  'ALLREDUCE',
  'REDUCE',
  'REDUCE_SCATTER',
  'SCAN',
  'EXSCAN',
  'REDUCE_SCATTER_BLOCK',
  'CREATE_HANDLE',
  'DESTROY_HANDLE',
  'ALLOCATE',
  'DEALLOCATE',
  'CREATE_HANDLE_AND_ALLOCATE',
  'DESTROY_HANDLE_AND_DEALLOCATE'
];
const ONE_TO_ALL = new Set([1, 4, 5]);
const ALL_TO_ONE = new Set([2, 3, 12]);
const NO_ROOT = 0xffffffff;

export interface MpiArrow {
  kind: 'p2p' | 'collective';
  op: string;
  /** Source and destination locations (OTF2 location ids). */
  src: number;
  dst: number;
  start: bigint;
  end: bigint;
  comm: number;
  tag: number;
  bytes: number;
}

interface Collective {
  loc: number;
  begin: bigint;
  end: bigint;
  op: number;
  root: number;
}

type Row = (name: string) => number;

/** Definitions and MPI records read in one pass. */
class Otf2Reader {
  readonly strings = new Map<number, string>();
  readonly groupName = new Map<number, number>();
  readonly locGroup = new Map<number, number>();
  readonly commGroup = new Map<number, number>();
  readonly members = new Map<number, Map<number, number>>();
  readonly sends: { loc: number; t: bigint; peer: number; comm: number; tag: number; bytes: number }[] = [];
  readonly recvs: { loc: number; t: bigint; peer: number; comm: number; tag: number; bytes: number }[] = [];
  readonly collectives = new Map<number, Collective[][]>();
  private readonly begins = new Map<number, bigint>();

  constructor(private readonly exp: Experiment) {}

  read(): void {
    for (const b of this.exp.batches()) {
      for (let i = 0; i < b.length; i++) {
        const cls = this.exp.eventClasses[b.classId[i]];
        const row: Row = name => b.int(i, cls.fieldIndex(name));
        this.event(cls.name, row, b, i, cls.fieldIndex('stringValue'));
      }
    }
  }

  private event(name: string, f: Row, b: EventBatch, i: number, strField: number): void {
    const t = b.ts[i];
    switch (name) {
      case 'GlobalDef_String':
        this.strings.set(f('self'), b.str(i, strField) ?? '');
        break;
      case 'GlobalDef_LocationGroup':
        this.groupName.set(f('self'), f('name'));
        break;
      case 'GlobalDef_Location':
        this.locGroup.set(f('self'), f('locationGroup'));
        break;
      case 'GlobalDef_Comm':
        this.commGroup.set(f('self'), f('group'));
        break;
      case 'GlobalDef_GroupMember': {
        const g = f('group');
        if (!this.members.has(g)) this.members.set(g, new Map());
        this.members.get(g)!.set(f('rank'), f('location'));
        break;
      }
      case 'Event_MpiSend':
      case 'Event_MpiIsend':
        this.sends.push({
          loc: f('locationID'),
          t,
          peer: f('receiver'),
          comm: f('communicator'),
          tag: f('msgTag'),
          bytes: f('msgLength')
        });
        break;
      case 'Event_MpiRecv':
      case 'Event_MpiIrecv':
        this.recvs.push({
          loc: f('locationID'),
          t,
          peer: f('sender'),
          comm: f('communicator'),
          tag: f('msgTag'),
          bytes: f('msgLength')
        });
        break;
      case 'Event_MpiCollectiveBegin':
        this.begins.set(f('locationID'), t);
        break;
      case 'Event_MpiCollectiveEnd':
        this.collectiveEnd(f, t);
        break;
      default:
        break;
    }
  }

  private collectiveEnd(f: Row, t: bigint): void {
    const loc = f('locationID');
    const comm = f('communicator');
    const c: Collective = {
      loc,
      begin: this.begins.get(loc) ?? t,
      end: t,
      op: f('collectiveOp'),
      root: f('root')
    };
    if (!this.collectives.has(comm)) this.collectives.set(comm, []);
    const perLoc = this.collectives.get(comm)!;
    let list = perLoc.find(l => l[0].loc === loc);
    if (list === undefined) perLoc.push((list = []));
    list.push(c);
  }

  /** Location of `rank` in communicator `comm`, or -1. */
  location(comm: number, rank: number): number {
    return this.members.get(this.commGroup.get(comm) ?? -1)?.get(rank) ?? -1;
  }

  locationName(loc: number): string {
    const g = this.locGroup.get(loc);
    const s = g === undefined ? undefined : this.strings.get(this.groupName.get(g) ?? -1);
    return s ?? `location ${loc}`;
  }
}

function pointToPoint(r: Otf2Reader): MpiArrow[] {
  const pending = new Map<string, (typeof r.sends)[number][]>();
  for (const s of r.sends) {
    const key = `${s.loc}>${r.location(s.comm, s.peer)}#${s.comm}#${s.tag}`;
    if (!pending.has(key)) pending.set(key, []);
    pending.get(key)!.push(s);
  }
  const out: MpiArrow[] = [];
  for (const v of r.recvs) {
    const src = r.location(v.comm, v.peer);
    const s = pending.get(`${src}>${v.loc}#${v.comm}#${v.tag}`)?.shift();
    if (s === undefined) continue;
    out.push({
      kind: 'p2p',
      op: 'message',
      src,
      dst: v.loc,
      start: s.t,
      end: v.t,
      comm: v.comm,
      tag: v.tag,
      bytes: s.bytes
    });
  }
  return out;
}

function collectiveArrows(r: Otf2Reader): MpiArrow[] {
  const out: MpiArrow[] = [];
  for (const [comm, perLoc] of r.collectives) {
    const n = Math.min(...perLoc.map(l => l.length));
    for (let k = 0; k < n; k++) {
      const ops = perLoc.map(l => l[k]);
      const op = ops[0].op;
      const rootLoc = ops[0].root === NO_ROOT ? -1 : r.location(comm, ops[0].root);
      const root = ops.find(c => c.loc === rootLoc);
      const arrow = (a: Collective, b: Collective, from: bigint): MpiArrow => ({
        kind: 'collective',
        op: COLLECTIVE_OPS[op] ?? `op ${op}`,
        src: a.loc,
        dst: b.loc,
        start: from,
        end: b.end,
        comm,
        tag: k,
        bytes: 0
      });
      if (root && ONE_TO_ALL.has(op)) {
        for (const c of ops) if (c !== root) out.push(arrow(root, c, root.begin));
      } else if (root && ALL_TO_ONE.has(op)) {
        for (const c of ops) if (c !== root) out.push(arrow(c, root, c.begin));
      } else {
        const last = ops.reduce((a, b) => (b.begin > a.begin ? b : a));
        for (const c of ops) if (c !== last) out.push(arrow(last, c, last.begin));
      }
    }
  }
  return out;
}

/** Message and collective arrows of an OTF2-converted trace, by start time. */
export function otf2Arrows(exp: Experiment): { arrows: MpiArrow[]; locationName: (loc: number) => string } {
  const r = new Otf2Reader(exp);
  r.read();
  const arrows = [...pointToPoint(r), ...collectiveArrows(r)].sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : a.src - b.src || a.dst - b.dst
  );
  return { arrows, locationName: loc => r.locationName(loc) };
}

export function otf2ArrowsTable(exp: Experiment): Table {
  const { arrows: a, locationName } = otf2Arrows(exp);
  const i32 = (f: (x: MpiArrow) => number): ReturnType<typeof vectorFromArray> =>
    vectorFromArray(a.map(f), new Int32());
  return new Table({
    kind: vectorFromArray(
      a.map(x => x.kind),
      new Utf8()
    ),
    op: vectorFromArray(
      a.map(x => x.op),
      new Utf8()
    ),
    src: i32(x => x.src),
    src_name: vectorFromArray(
      a.map(x => locationName(x.src)),
      new Utf8()
    ),
    dst: i32(x => x.dst),
    dst_name: vectorFromArray(
      a.map(x => locationName(x.dst)),
      new Utf8()
    ),
    start: vectorFromArray(
      a.map(x => x.start),
      new Int64()
    ),
    end: vectorFromArray(
      a.map(x => x.end),
      new Int64()
    ),
    comm: i32(x => x.comm),
    tag: i32(x => x.tag),
    bytes: vectorFromArray(
      a.map(x => BigInt(x.bytes)),
      new Int64()
    )
  });
}
