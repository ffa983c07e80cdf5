/**
 * The CLI on an in-memory experiment: exact JSON integers, nesting, escaping, CSV quoting, selection options,
 * errors and exit codes, EPIPE. Every expected value is written out by hand from `sampleExperiment`.
 */
import { Writable } from 'node:stream';
import { tableFromIPC } from 'apache-arrow';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/kernel-bridge/cli/main';
import { sampleExperiment } from '../arrow/fake-experiment';
import type { FakeOptions } from '../arrow/fake-experiment';
import { parseCsv, run } from './capture';

const open =
  (o: FakeOptions = {}) =>
  () =>
    sampleExperiment(o);

describe('tracelab events (jsonl)', () => {
  it('writes exact integers, nested structs, enums, context and escaped strings', async () => {
    const r = await run(['events', 'x'], { open: open() });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.length).toBe(5);
    expect(lines[4]).toBe('');
    expect(lines[0]).toBe(
      '{"ts":1000,"cpu":0,"name":"sched_switch","host":"host0","fields":{"prev_comm":"bash \\"q\\"\\n\\u003cscript\\u003e",' +
        '"prev_tid":42,"prev_state":{"label":"TASK_RUNNING","value":0},"v":{"id":7,"ratio":0.5},"cpu":0},' +
        '"context":{"tid":42}}'
    );
    expect(lines[2]).toBe(
      '{"ts":9007199254740993,"cpu":1,"name":"sched_switch","host":"host0","fields":{"prev_comm":"ü€😀",' +
        '"prev_tid":-7,"prev_state":{"label":["A","B"],"value":3},"v":{"id":18446744073709551615,"ratio":null},' +
        '"cpu":255},"context":{"tid":-1}}'
    );
    expect(lines[1]).toBe(
      '{"ts":2000,"cpu":1,"name":"perf_sample","host":"host0","fields":{"ip":18446744071578845475,' +
        '"stack":[1,2,3],"ok":true,"blob":[1,2],"opt":{"a":1}}}'
    );
    // every line is valid JSON, and the hostile string survives a round trip
    const parsed = lines.slice(0, 4).map(l => JSON.parse(l));
    expect(parsed[0].fields.prev_comm).toBe('bash "q"\n<script>');
  });

  it('selects by name glob, time window (ns or exact seconds) and limit', async () => {
    const names = async (args: string[]) =>
      (await run(['events', 'x', ...args], { open: open() })).stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map(l => /"ts":(\d+)/.exec(l)![1]);
    expect(await names(['--name', 'sched_*'])).toEqual(['1000', '9007199254740993']);
    expect(await names(['--name', 'perf_?ample', '--name', 'nothing'])).toEqual(['2000', '9007199254740995']);
    expect(await names(['--start', '2000', '--end', '9007199254740993'])).toEqual([
      '2000',
      '9007199254740993'
    ]);
    expect(await names(['--start', '9007199.254740994'])).toEqual(['9007199254740995']);
    expect(await names(['--end', '0.000001'])).toEqual(['1000']);
    expect(await names(['--limit', '3'])).toEqual(['1000', '2000', '9007199254740993']);
    expect(await names(['--limit', '0'])).toEqual([]);
  });
});

describe('tracelab events (csv, arrow)', () => {
  it('writes RFC 4180 CSV with the JSON objects as cells', async () => {
    const r = await run(['events', 'x', '--format', 'csv'], { open: open() });
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(['ts', 'cpu', 'name', 'host', 'fields', 'context']);
    expect(rows.length).toBe(5);
    expect(rows[1].slice(0, 4)).toEqual(['1000', '0', 'sched_switch', 'host0']);
    expect(JSON.parse(rows[1][4]).prev_comm).toBe('bash "q"\n<script>');
    expect(JSON.parse(rows[1][5])).toEqual({ tid: 42 });
    expect(rows[2][5]).toBe('');
    expect(rows[3][4]).toContain('"id":18446744073709551615');
  });

  it('writes an Arrow file: typed columns for one class, JSON columns for a mix', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-cli-'));
    try {
      const one = path.join(dir, 'one.arrow');
      expect(
        (
          await run(['events', 'x', '--format', 'arrow', '--name', 'sched_switch', '--out', one], {
            open: open()
          })
        ).code
      ).toBe(0);
      const t1 = tableFromIPC(fs.readFileSync(one));
      expect(t1.schema.fields.map(f => f.name)).toContain('prev_state.value');
      expect([...t1.getChild('v.id')!]).toEqual([7n, 18446744073709551615n]);
      const mix = path.join(dir, 'mix.arrow');
      expect((await run(['events', 'x', '--format', 'arrow', '--out', mix], { open: open() })).code).toBe(0);
      const t2 = tableFromIPC(fs.readFileSync(mix));
      expect(t2.numRows).toBe(4);
      expect(JSON.parse(t2.getChild('fields')!.get(1) as string).stack).toEqual([1, 2, 3]);
      expect(t2.getChild('context')!.get(1)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('errors and exit codes', () => {
  it('writes the events before a data error, then the error with file and offset', async () => {
    const r = await run(['events', 'x'], { open: open({ failAfter: 2 }) });
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n').length).toBe(2);
    expect(r.stderr).toBe(
      'tracelab: corrupt trace data: /fake/trace0/s0 at byte offset 4096: bad event header\n'
    );
  });

  it('reports usage errors with exit code 2', async () => {
    for (const argv of [
      ['events'],
      ['events', 'x', '--format', 'xml'],
      ['events', 'x', '--start', '1.2.3'],
      ['events', 'x', '--start', '0.0000000001'],
      ['events', 'x', '--start', '5', '--end', '4'],
      ['events', 'x', '--limit', '-1'],
      ['events', 'x', '--bogus'],
      ['frobnicate'],
      ['info']
    ]) {
      const r = await run(argv, { open: open() });
      expect([argv, r.code]).toEqual([argv, 2]);
      expect(r.stderr).toMatch(/^tracelab: /);
    }
  });

  it('reports a missing trace with exit code 1', async () => {
    const opener = () => {
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT', path: '/no/such' });
    };
    const r = await run(['info', '/no/such'], { open: opener });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('tracelab: no such file or directory: /no/such\n');
  });

  it('stops quietly when the reader goes away (EPIPE)', async () => {
    let writes = 0;
    const stdout = new Writable({
      highWaterMark: 1,
      write(_chunk, _enc, cb) {
        writes++;
        cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      }
    });
    const err: string[] = [];
    const stderr = new Writable({ write: (c, _e, cb) => (err.push(String(c)), cb()) });
    const code = await main(['events', 'x'], { stdout, stderr, stderrIsTTY: false, open: open() });
    expect(code).toBe(0);
    expect(writes).toBe(1);
    expect(err.join('')).toBe('');
  });
});

describe('info, help, version', () => {
  it('prints the summary as text and as exact JSON', async () => {
    const r = await run(['info', 'x', '--json'], { open: open() });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '[{"path":"/fake/trace0","format":"ctf","hostname":"host0","domain":"kernel","tracer":"fake","streams":2,' +
        '"events":4,"lost_events":0,"lost_packets":0,"first_ts":1000,"last_ts":9007199254740995}]\n'
    );
    const t = await run(['info', 'x'], { open: open() });
    expect(t.stdout).toContain('events:       4\n');
    expect(t.stdout).toContain('last:         9007199254740995 (9007199.254740995 s)\n');
  });

  it('shows help and version', async () => {
    const h = await run(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Commands:\n  info ');
    for (const cmd of ['info', 'events', 'analyze', 'kernel']) {
      expect(h.stdout).toMatch(new RegExp(`\\n  ${cmd} +\\S`));
    }
    expect((await run(['events', '--help'])).stdout).toContain('--format F');
    expect((await run(['help', 'info'])).stdout).toContain('Usage: tracelab info');
    const v = await run(['--version']);
    expect(v.stdout).toBe(`tracelab ${JSON.parse(fs.readFileSync('package.json', 'utf8')).version}\n`);
  });

  it('installs the kernelspec under --prefix', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-kernel-'));
    try {
      const r = await run(['kernel', 'install', '--prefix', dir, '--name', 'tl-test']);
      expect(r.code).toBe(0);
      const spec = JSON.parse(
        fs.readFileSync(path.join(dir, 'share/jupyter/kernels/tl-test/kernel.json'), 'utf8')
      );
      expect(spec.argv).toContain('{connection_file}');
      expect(r.stdout).toBe(
        `installed kernelspec 'tl-test' in ${path.join(dir, 'share/jupyter/kernels/tl-test')}\n`
      );
      expect((await run(['kernel', 'uninstall'])).code).toBe(2);
      expect((await run(['kernel', 'install', '--user', '--prefix', dir])).code).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows progress on a terminal only', async () => {
    let t = 0;
    const tty = await run(['events', 'x'], { open: open(), stderrIsTTY: true, now: () => (t += 1000) });
    expect(tty.stderr).toMatch(/\r\x1b\[K\d+ events {2}\d+ events\/s {2}100\.0%/);
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
    const pipe = await run(['events', 'x'], { open: open(), now: () => (t += 1000) });
    expect(pipe.stderr).toBe('');
  });
});
