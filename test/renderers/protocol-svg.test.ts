/** The static SVG fallback (protocol/svg-fallback.ts): escaping, structure, bounds. */
import {
  escapeXml,
  renderCriticalPathSvg,
  renderTimeGraphSvg,
  truncateText
} from '../../src/protocol/svg-fallback';
import type { ICriticalPathPayload } from '../../src/protocol/critical-path';
import { LEGEND, smallPayload, T0, XSS_NAME } from './helpers';

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('escapeXml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });

  it('replaces characters XML cannot hold', () => {
    expect(escapeXml('a\u0000b\u001Fc\uD800d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXml('😀')).toBe('😀');
  });

  it('truncates with an ellipsis', () => {
    expect(truncateText('abcdef', 4)).toBe('abc…');
    expect(truncateText('abc', 4)).toBe('abc');
  });
});

describe('renderTimeGraphSvg', () => {
  it('keeps a hostile thread name as text (XSS)', () => {
    const svg = renderTimeGraphSvg(smallPayload(), { labelWidth: 300 });
    expect(svg).not.toContain('<img');
    const doc = parse(svg);
    expect(doc.getElementsByTagName('img')).toHaveLength(0);
    expect(doc.querySelectorAll('[onerror]')).toHaveLength(0);
    const texts = Array.from(doc.getElementsByTagName('text'), t => t.textContent);
    expect(texts).toContain(XSS_NAME);
  });

  it('draws labels, axis ticks relative to t0, legend and one rect per visible run', () => {
    const doc = parse(renderTimeGraphSvg(smallPayload(), { width: 680, labelWidth: 180 }));
    const texts = Array.from(doc.getElementsByTagName('text'), t => t.textContent ?? '');
    for (const l of ['host-a', 'web', 'idle', 'CPU 0', 'Running', 'Blocked']) expect(texts).toContain(l);
    expect(texts).toContain('0.0000000 s');
    expect(texts).toContain('0.0000010 s');
    expect(texts).toContain(
      `t0 = ${(T0 / 1_000_000_000n).toString()}.${(T0 % 1_000_000_000n).toString().padStart(9, '0')} s`
    );
    // Row rects: web 2 runs, xss 2, idle 1, CPU 0: two adjacent runs of one state join into 1.
    const rects = Array.from(doc.querySelectorAll('rect.tl-run'));
    expect(rects).toHaveLength(6);
    const cpu = rects[5];
    expect(Number(cpu.getAttribute('width'))).toBeCloseTo(496, 0);
  });

  it('bounds rows and writes a note', () => {
    const svg = renderTimeGraphSvg(smallPayload(), { maxRows: 2 });
    expect(svg).toContain('4 more rows not shown');
  });

  it('neutralises colours that did not come through validation', () => {
    const p = smallPayload();
    p.legend = p.legend.map(e => ({ ...e, color: '" onload="alert(1)' }));
    const svg = renderTimeGraphSvg(p);
    expect(svg).not.toContain('onload');
    expect(svg).toContain('#888888');
  });

  it('draws a window of the data only', () => {
    const doc = parse(renderTimeGraphSvg(smallPayload(), { window: { start: T0 + 500n, end: T0 + 600n } }));
    const rects = Array.from(doc.querySelectorAll('rect.tl-run'));
    // web: Blocked only; xss: Running only; idle; CPU 0.
    expect(rects).toHaveLength(4);
  });
});

describe('renderCriticalPathSvg', () => {
  it('adds the summary and escapes the subject', () => {
    const p: ICriticalPathPayload = {
      version: 1,
      experimentId: 'e',
      range: { start: '0', end: '1000' },
      subject: { rowId: 't1', label: XSS_NAME, tid: 1 },
      workers: [
        { id: 't1', label: XSS_NAME, parent: -1, kind: 'thread', tid: 1 },
        { id: 't2', label: 'disk', parent: -1, kind: 'thread', tid: 2 }
      ],
      legend: LEGEND,
      segments: { row: [0, 1, 0], start: [0, 250, 500], end: [250, 500, 1000], state: [0, 2, 0] }
    };
    const svg = renderCriticalPathSvg(p);
    expect(svg).not.toContain('<img');
    const texts = Array.from(parse(svg).getElementsByTagName('text'), t => t.textContent ?? '');
    expect(texts).toContain(`Critical path of ${XSS_NAME} (tid 1): 0.000001000 s on the path`);
    expect(texts).toContain('state Running: 75.0% (0.000000750 s)');
    expect(texts).toContain('state Blocked: 25.0% (0.000000250 s)');
  });
});
