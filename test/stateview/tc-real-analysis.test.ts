/**
 * An XML analysis used in practice runs unchanged on a real LTTng kernel trace: Trace Compass's IRQ analysis
 * (`irq_analysis_lttng.xml`, a pattern with a precondition, a same-CPU test and segments with fields) over
 * `tracecompass/bug446190`. Expected segments: each irq_handler_entry paired with the next irq_handler_exit of the
 * same CPU, from babeltrace2's listing.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTcXml, runStateView, tcAnalysis } from '../../src/analysis/stateview';
import { openExperiment } from '../../src/analysis/trace/open';

const TRACES = path.join(process.cwd(), '..', 'shared', 'traces');
const TRACE = path.join(TRACES, 'tracecompass', 'bug446190');
const XML = path.join(
  TRACES,
  'tracecompass-xml/tracecompass/lttng/org.eclipse.tracecompass.lttng2.kernel.core/analysis.xml',
  'org.eclipse.tracecompass.internal.lttng2.kernel.core.analysis.xml.irq/irq_analysis_lttng.xml'
);

function expectedIrqs(): string[] {
  const text = execFileSync('babeltrace2', ['--clock-seconds', TRACE], {
    encoding: 'utf8',
    maxBuffer: 1 << 28
  });
  const open = new Map<number, { t: bigint; irq: number; name: string }[]>();
  const out: { t: bigint; line: string }[] = [];
  const re =
    /^\[(\d+)\.(\d{9})\] .* (irq_handler_entry|irq_handler_exit): \{ cpu_id = (\d+) \}, \{ irq = (\d+), (?:name = "([^"]*)"|ret = (-?\d+)) \}/;
  for (const line of text.split('\n')) {
    const m = re.exec(line);
    if (!m) continue;
    const t = BigInt(m[1]) * 1000000000n + BigInt(m[2]);
    const cpu = Number(m[4]);
    const q = open.get(cpu) ?? [];
    open.set(cpu, q);
    if (m[3] === 'irq_handler_entry') q.push({ t, irq: Number(m[5]), name: m[6] });
    else {
      const e = q.shift();
      if (e) out.push({ t: e.t, line: `${e.name} ${e.t} ${t} irq=${e.irq} ret=${m[7]} cpu=${cpu}` });
    }
  }
  return out.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0)).map(x => x.line);
}

describe("Trace Compass's IRQ analysis on a real kernel trace", () => {
  it('emits one segment per handled interrupt, with the irq, return value and cpu', () => {
    const doc = loadTcXml(fs.readFileSync(XML, 'utf8'), 'irq_analysis_lttng.xml');
    expect(doc.errors).toEqual([]);
    const r = runStateView(openExperiment([TRACE]), tcAnalysis(doc, 'lttng.analysis.irq'));
    const got = r.segments.map(
      s =>
        `${s.name} ${s.start} ${s.end} irq=${String(s.fields.irq)} ret=${String(s.fields.ret)} cpu=${String(s.fields.cpu)}`
    );
    const want = expectedIrqs();
    expect(want.length).toBeGreaterThan(1000);
    expect(got).toEqual(want);
  });
});
