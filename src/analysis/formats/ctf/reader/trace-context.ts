/**
 * What the cursors of one CTF trace share: the compiled trace, the packet reader (and its decoding state), clock
 * converters per stream class, and the loss records seen so far.
 */
import type { FileSystemAccess } from '../../../io/byte-source';
import type { LossRecord } from '../../../trace/types';
import type { ClockClass } from '../ir';
import { ClockConverter } from '../decode/clock';
import type { CompiledEvent, CompiledStream, CompiledTrace } from '../decode/compile';
import { PacketReader } from './packet-reader';

export class CtfTraceContext {
  readonly reader: PacketReader;
  readonly events: readonly CompiledEvent[];
  private readonly clocks = new Map<CompiledStream, ClockConverter>();
  private readonly lossKeys = new Set<string>();
  readonly lossList: LossRecord[] = [];

  constructor(
    readonly ct: CompiledTrace,
    readonly fsa: FileSystemAccess,
    readonly dir: string
  ) {
    this.reader = new PacketReader(ct);
    this.events = ct.events;
  }

  /** The stream class's default clock: named by the stream class, else the only clock of the trace. */
  clockOf(cs: CompiledStream): ClockConverter {
    let c = this.clocks.get(cs);
    if (!c) {
      const clocks = this.ct.tc.clocks;
      const name = cs.sc.defaultClock;
      const cc: ClockClass | undefined =
        (name !== undefined ? clocks.find(k => k.name === name) : undefined) ??
        (clocks.length === 1 ? clocks[0] : undefined);
      c = new ClockConverter(cc);
      this.clocks.set(cs, c);
    }
    return c;
  }

  /** True when the packet context sets the clock (timestamp_begin), so a packet can be decoded alone. */
  hasBeginTimestamp(cs: CompiledStream): boolean {
    const root = cs.packetContext?.root;
    return !!root?.members.some(m => {
      const roles = m.fc.roles ?? [];
      if (roles.includes('default-clock-timestamp')) return true;
      return (
        m.fc.kind === 'int' &&
        m.fc.mappedClock !== undefined &&
        !roles.includes('packet-end-default-clock-timestamp')
      );
    });
  }

  addLoss(key: string, loss: Omit<LossRecord, 'traceIndex'>): void {
    if (this.lossKeys.has(key)) return;
    this.lossKeys.add(key);
    this.lossList.push({ traceIndex: 0, ...loss });
  }
}
