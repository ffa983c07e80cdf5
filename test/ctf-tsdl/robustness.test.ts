/**
 * Damaged metadata never escapes as anything but a MetadataError (no TypeError, no hang): real LTTng metadata
 * truncated at, or with one character removed from, pseudo-random positions (fixed seed).
 */

import { MetadataError } from '../../src/analysis/formats/ctf/ir';
import {
  isPacketizedMetadata,
  parseTsdl,
  unpackMetadata
} from '../../src/analysis/formats/ctf/metadata/tsdl';
import { readMetadata } from './helpers/corpus';

/** Deterministic xorshift32 generator in [0, 1). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const RAW = readMetadata('babeltrace2/ctf-traces/succeed/session-rotation/3/ust/pid/10352/metadata');
const SOURCE = new TextDecoder().decode(isPacketizedMetadata(RAW) ? unpackMetadata(RAW, 'ust') : RAW);

function outcome(text: string): 'ok' | 'error' {
  try {
    parseTsdl(text, 'damaged');
    return 'ok';
  } catch (e) {
    if (e instanceof MetadataError) {
      expect(e.line === undefined || (e.line >= 1 && e.line <= text.split('\n').length)).toBe(true);
      return 'error';
    }
    throw e;
  }
}

describe('damaged metadata', () => {
  const text = SOURCE;

  it('uses a real text metadata sample', () => {
    expect(text.length).toBeGreaterThan(10000);
    expect(outcome(text)).toBe('ok');
  });

  it('refuses truncated texts with a MetadataError', () => {
    const next = rng(1234);
    let errors = 0;
    for (let i = 0; i < 150; i++) {
      if (outcome(text.slice(0, Math.floor(next() * text.length))) === 'error') errors++;
    }
    expect(errors).toBeGreaterThan(100);
  });

  it('reports one-character deletions as MetadataError or accepts them', () => {
    const next = rng(99);
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(next() * text.length);
      outcome(text.slice(0, at) + text.slice(at + 1));
    }
  });
});
