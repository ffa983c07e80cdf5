/**
 * The CLI on real traces of the corpus, checked against babeltrace2 2.0.4 (run here) and against values
 * babeltrace2 prints: counts, time windows, exact 64-bit integers, Arrow output re-read two ways, errors on damaged
 * copies, EPIPE on a real pipe, and escaping of hostile strings read from a real (XML stub) trace file.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { main } from '../../src/kernel-bridge/cli/main';
import { checkIpcFile } from '../arrow/ipc-footer';
import { capture, parseCsv, run } from './capture';

const TRACES = path.join(process.cwd(), '..', 'shared', 'traces');
const MANY = path.join(TRACES, 'tracecompass', 'many-threads');
const LOGIN = path.join(TRACES, 'recorded', 'login', 'ctf');

const bt2Cache = new Map<string, string[]>();

/** babeltrace2's text output lines (seconds clock); memoized, the corpus is read-only. */
function bt2(args: string[]): string[] {
  const key = args.join('\0');
  if (!bt2Cache.has(key)) bt2Cache.set(key, bt2Run(args));
  return bt2Cache.get(key)!;
}

function bt2Run(args: string[]): string[] {
  const r = spawnSync('babeltrace2', ['--clock-seconds', ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`babeltrace2 failed: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

/** `[1457113582.794565804]` → 1457113582794565804n */
function bt2Ts(line: string): bigint {
  const m = /^\[(\d+)\.(\d{9})\]/.exec(line)!;
  return BigInt(m[1]) * 1_000_000_000n + BigInt(m[2]);
}

function tsOf(jsonl: string): bigint[] {
  return jsonl
    .split('\n')
    .filter(Boolean)
    .map(l => BigInt(/^\{"ts":(\d+),/.exec(l)![1]));
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-cli-real-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('tracelab info', () => {
  it('describes many-threads with babeltrace2 event count and time range', async () => {
    const lines = bt2([MANY]);
    const r = await run(['info', MANY, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // exact integers: parse the timestamps from the text, not through JSON.parse (which rounds beyond 2^53)
    const info = JSON.parse(r.stdout)[0];
    expect(info).toMatchObject({
      path: MANY,
      format: 'ctf',
      hostname: 'wilbrod',
      domain: 'kernel',
      tracer: 'lttng-modules 2.8.0',
      streams: 8,
      events: 240644,
      lost_events: 0
    });
    expect(lines.length).toBe(240644);
    expect(r.stdout).toContain(`"first_ts":${bt2Ts(lines[0])},"last_ts":${bt2Ts(lines[lines.length - 1])}}`);
    const text = await run(['info', MANY]);
    expect(text.stdout).toContain('events:       240644\n');
    expect(text.stdout).toContain('last:         1457113583227228162 (1457113583.227228162 s)\n');
  });
});

describe('tracelab events on many-threads', () => {
  it('writes every event as one JSON line in babeltrace2 order', async () => {
    const t0 = performance.now();
    const r = await run(['events', MANY]);
    const ms = performance.now() - t0;
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n');
    expect(rows.pop()).toBe('');
    expect(rows.length).toBe(240644);
    const names = new Map<string, number>();
    for (const row of rows) {
      const name = (JSON.parse(row) as { name: string }).name;
      names.set(name, (names.get(name) ?? 0) + 1);
    }
    const lines = bt2([MANY]);
    expect(names.get('sched_switch')).toBe(lines.filter(l => / sched_switch: /.test(l)).length);
    expect(tsOf(r.stdout).slice(-3)).toEqual(lines.slice(-3).map(bt2Ts));
    console.log(`JSONL of 240,644 events in-process (ts-jest, shared CPU): ${Math.round(ms)} ms`);
  });

  it('selects by --name, --limit, --start and --end like babeltrace2', async () => {
    const sw = await run(['events', MANY, '--name', 'sched_sw*', '--limit', '5']);
    const btSw = bt2([MANY]).filter(l => / sched_switch: /.test(l));
    expect(tsOf(sw.stdout)).toEqual(btSw.slice(0, 5).map(bt2Ts));
    expect(JSON.parse(sw.stdout.split('\n')[0]).fields).toEqual({
      prev_comm: 'swapper/5',
      prev_tid: 0,
      prev_prio: 20,
      prev_state: 0,
      next_comm: 'lttng-consumerd',
      next_tid: 4297,
      next_prio: 20
    });
    const win = bt2(['--begin', '1457113582.800000000', '--end', '1457113582.810000000', MANY]);
    expect(win.length).toBe(290);
    const bySeconds = await run(['events', MANY, '--start', '1457113582.8', '--end', '1457113582.810000000']);
    expect(tsOf(bySeconds.stdout)).toEqual(win.map(bt2Ts));
    // inclusive bounds given in ns, on the first and last event of the window
    const [a, b] = [bt2Ts(win[0]), bt2Ts(win[win.length - 1])];
    const byNs = await run(['events', MANY, '--start', String(a), '--end', String(b), '--format', 'csv']);
    expect(parseCsv(byNs.stdout).length).toBe(1 + 290);
  });

  it('writes an Arrow IPC file that re-reads (apache-arrow and a spec-level footer check)', async () => {
    const out = path.join(tmp, 'many.arrow');
    const r = await run(['events', MANY, '--format', 'arrow', '--out', out]);
    expect(r.code).toBe(0);
    const bytes = new Uint8Array(fs.readFileSync(out));
    const check = checkIpcFile(bytes);
    expect(check.fieldNames).toEqual([
      'ts',
      'cpu',
      'name',
      'stream',
      'host',
      'class_id',
      'fields',
      'context'
    ]);
    expect(check.recordRows.reduce((x, y) => x + y, 0)).toBe(240644);
    const t = tableFromIPC(bytes);
    expect(t.numRows).toBe(240644);
    expect(t.getChild('ts')!.get(0)).toBe(1457113582794565804n);
    expect(t.getChild('ts')!.get(240643)).toBe(1457113583227228162n);
    expect(t.getChild('host')!.get(0)).toBe('wilbrod');
    expect(t.getChild('stream')!.get(0)).toMatch(/channel0_2$/);
    expect(JSON.parse(t.getChild('fields')!.get(0) as string)).toEqual({
      comm: 'lttng-consumerd',
      tid: 4297,
      prio: 20,
      target_cpu: 5
    });
  });

  it('writes typed columns for a single class', async () => {
    const out = path.join(tmp, 'switch.arrow');
    expect(
      (await run(['events', MANY, '--name', 'sched_switch', '--format', 'arrow', '--out', out])).code
    ).toBe(0);
    const t = tableFromIPC(fs.readFileSync(out));
    const jsonl = (await run(['events', MANY, '--name', 'sched_switch'])).stdout.trim().split('\n');
    expect(t.numRows).toBe(jsonl.length);
    for (const k of [0, 1000, jsonl.length - 1]) {
      const want = JSON.parse(jsonl[k]).fields;
      expect(t.getChild('next_tid')!.get(k)).toBe(want.next_tid);
      expect(t.getChild('prev_comm')!.get(k)).toBe(want.prev_comm);
      expect(Number(t.getChild('prev_state')!.get(k))).toBe(want.prev_state);
    }
  });
});

describe('one event name across many traces', () => {
  it('writes typed columns when the selected classes share their fields (exp-subset, 48 traces)', async () => {
    const exp = path.join(TRACES, 'tracecompass', 'exp-subset');
    const out = path.join(tmp, 'calloc.arrow');
    const r = await run(['events', exp, '--name', 'ust_libc:calloc', '--format', 'arrow', '--out', out]);
    expect(r.code).toBe(0);
    const t = tableFromIPC(fs.readFileSync(out));
    const jsonl = await run(['events', exp, '--name', 'ust_libc:calloc']);
    expect(t.numRows).toBe(jsonl.stdout.trim().split('\n').length);
    expect(new Set(t.getChild('host')!).size).toBe(1);
    expect(new Set(t.getChild('class_id')!).size).toBeGreaterThan(1);
    // babeltrace2: [1395691612.657020618] moya:testTrace:(17889) ust_libc:calloc: { nmemb = 54, size = 1, ptr = 0xC1C290 }
    expect(t.get(0)!.toJSON()).toMatchObject({
      ts: 1395691612657020618n,
      nmemb: 54n,
      size: 1n,
      ptr: 0xc1c290n
    });
  });
});

describe('exact 64-bit integers', () => {
  it('writes perf_ip and lseek offsets beyond 2^53 exactly, as babeltrace2 prints them', async () => {
    const bt = bt2([LOGIN]);
    const first = /perf_ip = (0x[0-9A-F]+),.* hrtimer = (0x[0-9A-F]+),/.exec(bt[0])!;
    const r = await run(['events', LOGIN, '--limit', '1']);
    expect(r.stdout).toContain(`"perf_ip":${BigInt(first[1])},`);
    expect(r.stdout).toContain(`"hrtimer":${BigInt(first[2])},`);
    expect(BigInt(first[1]) > 2n ** 53n).toBe(true);
    const lseek = bt.find(l => / offset = 1844674407370955\d+/.test(l))!;
    const offset = / offset = (\d+),/.exec(lseek)![1];
    const ev = await run([
      'events',
      LOGIN,
      '--name',
      'syscalls:sys_enter_lseek',
      '--start',
      String(bt2Ts(lseek))
    ]);
    expect(ev.stdout.split('\n')[0]).toContain(`"offset":${offset},`);
    const out = path.join(tmp, 'lseek.arrow');
    await run(['events', LOGIN, '--name', 'syscalls:sys_enter_lseek', '--format', 'arrow', '--out', out]);
    const t = tableFromIPC(fs.readFileSync(out));
    expect([...t.getChild('offset')!]).toContain(BigInt(offset));
  });
});

describe('errors on damaged copies', () => {
  it('writes the events before truncated stream data, then names the file and byte offset', async () => {
    const dir = path.join(tmp, 'truncated');
    fs.cpSync(MANY, dir, { recursive: true });
    const file = path.join(dir, 'channel0_3');
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2) + 37);
    const r = await run(['events', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tracelab: corrupt trace data: .*channel0_3 at byte offset \d+: .+\n$/);
    const rows = r.stdout.split('\n');
    expect(rows.pop()).toBe('');
    expect(rows.length).toBeGreaterThan(1000);
    for (const row of rows) JSON.parse(row);
  });

  it('names the metadata line of a syntax error', async () => {
    const dir = path.join(tmp, 'badmeta');
    fs.cpSync(path.join(TRACES, 'babeltrace2', 'ctf-traces', 'succeed', 'lf-metadata'), dir, {
      recursive: true
    });
    const meta = path.join(dir, 'metadata');
    const lines = fs.readFileSync(meta, 'utf8').split('\n');
    lines[24] = '\tinteger { size = 8 oops';
    fs.writeFileSync(meta, lines.join('\n'));
    const r = await run(['events', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tracelab: bad metadata: .*metadata:25(:\d+)?: .+\n$/);
  });

  it('reports a missing path with exit code 1', async () => {
    const r = await run(['info', path.join(tmp, 'nope')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tracelab: .*nope.*\n$/);
  });
});

describe('output plumbing', () => {
  it('stops quietly when a real pipe reader exits (events | head -n 1)', async () => {
    const head = spawn('head', ['-n', '1'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let got = '';
    head.stdout.on('data', d => (got += String(d)));
    const err = capture();
    const t0 = performance.now();
    const code = await main(['events', MANY], { stdout: head.stdin, stderr: err.stream, stderrIsTTY: false });
    expect(code).toBe(0);
    expect(err.bytes().toString()).toBe('');
    await new Promise(resolve => head.on('close', resolve));
    expect(got).toMatch(/^\{"ts":1457113582794565804,.*\}\n$/);
    console.log(`events | head -n 1: ${Math.round(performance.now() - t0)} ms`);
  });

  it('escapes hostile strings from a real trace file in JSONL and CSV', async () => {
    const hostile = 'say "hi",\n<script>alert(1)</script>\u2028end';
    const attr = hostile
      .replace(/&/g, '&amp;')
      .replace(/"/g, '&quot;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\n/g, '&#10;');
    const file = path.join(tmp, 'hostile.xml');
    fs.writeFileSync(
      file,
      `<trace>\n<event timestamp="10" name="x">\n<field name="cpu" value="0" type="int" />\n` +
        `<field name="s" value="${attr}" type="string" />\n</event>\n</trace>\n`
    );
    const j = await run(['events', file]);
    expect(j.code).toBe(0);
    expect(j.stdout.split('\n').length).toBe(2);
    expect(j.stdout).not.toMatch(/<|>|\u2028/);
    expect(j.stdout).toContain(
      '"s":"say \\"hi\\",\\n\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u2028end"'
    );
    expect(JSON.parse(j.stdout).fields.s).toBe(hostile);
    const c = await run(['events', file, '--format', 'csv']);
    const rows = parseCsv(c.stdout);
    expect(rows.length).toBe(2);
    expect(JSON.parse(rows[1][4]).s).toBe(hostile);
  });
});
