/**
 * The cell API and kernelspec pieces in-process: MIME bundles (text/plain always, JSON-safe), Arrow table
 * display (bounded), display ids, progress throttling, the trace handle over a fake Experiment, the
 * kernelspec installer and its PNG logos.
 */
import { tableFromArrays } from 'apache-arrow';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { createCellApi, DISPLAY, setExperimentOpener, toRichValue } from '../../src/kernel-bridge/api';
import type { IDisplayPublisher } from '../../src/kernel-bridge/api';
import { arrowTableBundle, TABLE_LIMITS } from '../../src/kernel-bridge/api/arrow-table';
import { createProgress } from '../../src/kernel-bridge/api/progress';
import { formatSeconds } from '../../src/kernel-bridge/api/trace-handle';
import type { Experiment } from '../../src/analysis/trace/types';
import { connectionFileArg } from '../../src/kernel-bridge/kernel';
import { installKernelspec, jupyterDataDir, kernelsDir } from '../../src/kernel-bridge/kernelspec';
import { crc32, logoPixels } from '../../src/kernel-bridge/logo';

function publisher(): IDisplayPublisher & { sent: { type: string; content: Record<string, unknown> }[] } {
  const sent: { type: string; content: Record<string, unknown> }[] = [];
  return {
    sent,
    display: (type, content) => sent.push({ type, content: content as unknown as Record<string, unknown> }),
    clear: wait => sent.push({ type: 'clear', content: { wait } })
  };
}

describe('toRichValue', () => {
  test('plain values are inspected', () => {
    expect(toRichValue('abc').data).toEqual({ 'text/plain': "'abc'" });
    expect(toRichValue(10n ** 20n).data).toEqual({ 'text/plain': '100000000000000000000n' });
  });

  test('MIME-keyed objects are bundles; text/plain is added', () => {
    expect(toRichValue({ 'text/html': '<p>x</p>', 'text/plain': 'x' }).data).toEqual({
      'text/html': '<p>x</p>',
      'text/plain': 'x'
    });
    expect(toRichValue({ 'text/markdown': '# t' }).data).toEqual({
      'text/markdown': '# t',
      'text/plain': '# t'
    });
    expect(toRichValue({ 'image/svg+xml': '<svg/>' }).data['text/plain']).toBe('<image/svg+xml>');
    expect(toRichValue({ html: 'not a mime type' }).data).toEqual({
      'text/plain': "{ html: 'not a mime type' }"
    });
  });

  test('displayables render themselves; bundles are made JSON-safe', () => {
    const x = { [DISPLAY]: () => ({ 'application/vnd.test+json': { n: 2n ** 64n, small: 5n, f: () => 1 } }) };
    expect(toRichValue(x).data).toEqual({
      'application/vnd.test+json': { n: '18446744073709551616', small: 5 },
      'text/plain': '<application/vnd.test+json>'
    });
  });
});

describe('Arrow tables', () => {
  test('HTML and text of the first rows, with counts', () => {
    const t = tableFromArrays({ ts: BigInt64Array.from([1n, 2n ** 62n]), name: ['a<b', 'c'] });
    const b = toRichValue(t).data as Record<string, string>;
    expect(b['text/plain']).toBe(
      [
        'ts                   name',
        '1                    a<b',
        '4611686018427387904  c',
        'Arrow table: 2 rows × 2 columns; rows 1–2 shown'
      ].join('\n')
    );
    expect(b['text/html']).toContain('<td>a&lt;b</td>');
  });

  test('a 10M-row table displays in a bounded bundle', () => {
    const t = tableFromArrays({ v: new Float64Array(10_000_000) });
    const b = arrowTableBundle(t);
    expect(b['text/plain']).toContain(`10000000 rows × 1 columns; rows 1–${TABLE_LIMITS.rows} shown`);
    expect(JSON.stringify(b).length).toBeLessThan(5000);
  });
});

describe('display', () => {
  test('ids, updates, helpers and clear', () => {
    const p = publisher();
    const { display } = createCellApi(p, '0.0.0');
    expect(display(1)).toBeUndefined();
    const h = display('x', { id: true, metadata: { isolated: true } })!;
    h.update('y');
    display.update('z', { id: h.id });
    display.html('<b>bold</b> text');
    display.clear(true);
    expect(
      p.sent.map(s => [s.type, (s.content.transient as { display_id?: string } | undefined)?.display_id])
    ).toEqual([
      ['display_data', undefined],
      ['display_data', h.id],
      ['update_display_data', h.id],
      ['update_display_data', h.id],
      ['display_data', undefined],
      ['clear', undefined]
    ]);
    expect(p.sent[1].content.metadata).toEqual({ isolated: true });
    expect(p.sent[4].content.data).toEqual({ 'text/html': '<b>bold</b> text', 'text/plain': 'bold text' });
    expect(h.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('progress is throttled and always publishes the final state', () => {
    const p = publisher();
    const { display } = createCellApi(p, '0.0.0');
    let now = 0;
    const prog = createProgress(display, 'read', { total: 100, intervalMs: 200, now: () => now });
    for (let i = 1; i <= 100; i++) {
      now += 10; // 1 s in total: 5 updates pass the 200 ms throttle
      prog.update(i);
    }
    prog.finish();
    expect(p.sent.map(s => (s.content.data as Record<string, string>)['text/plain'])).toEqual([
      'read: 0% (0/100)',
      'read: 20% (20/100)',
      'read: 40% (40/100)',
      'read: 60% (60/100)',
      'read: 80% (80/100)',
      'read: 100% (100/100)',
      'read: 100% (100/100) done'
    ]);
  });
});

describe('tracelab.open', () => {
  const fake = (paths: string[]): Experiment =>
    ({
      traces: paths.map((path, index) => ({
        index,
        path,
        format: 'ctf',
        hostname: 'h',
        domain: 'kernel',
        tracer: 'lttng',
        streams: 2,
        env: {}
      })),
      eventClasses: [{}, {}, {}],
      timeRange: () => ({ start: 1_000_000_000n, end: 3_500_000_001n }),
      streamName: () => '',
      batches: () => [],
      losses: () => [],
      close: () => undefined
    }) as unknown as Experiment;

  afterEach(() => setExperimentOpener(undefined));

  test('wraps the opener; info() summarises and displays', async () => {
    setExperimentOpener(fake);
    const { tracelab } = createCellApi(publisher(), '0.0.0');
    const t = await tracelab.open(['/a', '/b']);
    const info = t.info();
    expect(info.duration).toBe(2_500_000_001n);
    expect(info.toString()).toBe(
      [
        'Experiment: 2 trace(s), 3 event classes, 2.500000001 s (1000000000 – 3500000001 ns)',
        '  [0] ctf kernel lttng host=h streams=2 /a',
        '  [1] ctf kernel lttng host=h streams=2 /b'
      ].join('\n')
    );
    expect(toRichValue(info).data['text/html']).toContain('<td>/b</td>');
  });

  test('without an opener it says the trace API is missing', async () => {
    const { tracelab } = createCellApi(publisher(), '0.0.0');
    await expect(tracelab.open('/x')).rejects.toThrow(/trace API is not available/);
  });

  test('formatSeconds is exact', () => {
    expect(formatSeconds(1_457_113_583_227_228_162n)).toBe('1457113583.227228162');
    expect(formatSeconds(-5n)).toBe('-0.000000005');
  });
});

describe('kernelspec', () => {
  test('installs kernel.json and valid PNG logos under a prefix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-spec-'));
    try {
      const r = installKernelspec({ prefix: dir, kernelScript: '/opt/k/kernel.js', node: '/usr/bin/node' });
      expect(r.dir).toBe(join(dir, 'share', 'jupyter', 'kernels', 'tracelab'));
      expect(JSON.parse(readFileSync(join(r.dir, 'kernel.json'), 'utf8'))).toEqual({
        argv: ['/usr/bin/node', '/opt/k/kernel.js', '-f', '{connection_file}'],
        display_name: 'tracelab (TypeScript)',
        language: 'typescript',
        interrupt_mode: 'message',
        env: { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' },
        metadata: {}
      });
      for (const size of [32, 64]) {
        const png = readFileSync(join(r.dir, `logo-${size}x${size}.png`));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
        const idatLen = png.readUInt32BE(33);
        expect(png.subarray(37, 41).toString()).toBe('IDAT');
        const raw = inflateSync(png.subarray(41, 41 + idatLen));
        expect(raw.length).toBe((size * 4 + 1) * size);
        expect(crc32(png.subarray(37, 41 + idatLen))).toBe(png.readUInt32BE(41 + idatLen));
        const px = logoPixels(size);
        expect(
          raw.subarray(1 + (size / 2) * (size * 4 + 1), 1 + (size / 2) * (size * 4 + 1) + size * 4)
        ).toEqual(Buffer.from(px.subarray((size / 2) * size * 4, (size / 2 + 1) * size * 4)));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('CRC-32 known answer', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  test('directories follow jupyter_core', () => {
    expect(jupyterDataDir({ JUPYTER_DATA_DIR: '/j' }, 'linux')).toBe('/j');
    expect(jupyterDataDir({ HOME: '/h' }, 'linux')).toBe('/h/.local/share/jupyter');
    expect(jupyterDataDir({ HOME: '/h', XDG_DATA_HOME: '/x' }, 'linux')).toBe('/x/jupyter');
    expect(jupyterDataDir({ HOME: '/h' }, 'darwin')).toBe('/h/Library/Jupyter');
    expect(kernelsDir({ prefix: '/p' })).toBe('/p/share/jupyter/kernels');
    expect(() => kernelsDir({ user: true, prefix: '/p' })).toThrow(/one of/);
  });

  test('kernel argv parsing', () => {
    expect(connectionFileArg(['-f', '/c.json'])).toBe('/c.json');
    expect(connectionFileArg(['--connection-file=/d.json'])).toBe('/d.json');
    expect(connectionFileArg(['/e.json'])).toBe('/e.json');
  });
});
