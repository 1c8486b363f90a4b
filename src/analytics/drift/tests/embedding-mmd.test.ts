import { describe, expect, it } from 'vitest';
import { embeddingMmd } from './embedding-mmd.js';
import { DEFAULT_DRIFT_TEST_CONFIG as cfg } from '../types.js';

function vecs(n: number, seed: number, center: number[]): Float32Array[] {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296 - 0.5;
  return Array.from({ length: n }, () => Float32Array.from(center, (c) => c + 0.3 * u()));
}

describe('embedding MMD drift test', () => {
  it('flags a moved cluster and not a resample of the same one', () => {
    const a = [1, 0, 0, 0];
    const b = [0.6, 0.8, 0, 0];
    const moved = embeddingMmd.test(vecs(60, 1, a), vecs(60, 2, b), cfg);
    expect(moved.is_drifted).toBe(true);
    expect(moved.p_value!).toBeLessThan(0.01);
    const same = embeddingMmd.test(vecs(60, 3, a), vecs(60, 4, a), cfg);
    expect(same.is_drifted).toBe(false);
    expect(same.p_value!).toBeGreaterThan(0.05);
  });

  it('equals |mean(ref) - mean(cur)|^2 for unit vectors', () => {
    const r = embeddingMmd.test([Float32Array.from([1, 0])].concat(Array(29).fill(Float32Array.from([1, 0]))), Array(30).fill(Float32Array.from([0, 1])), cfg);
    expect(r.statistic).toBeCloseTo(2, 12);
  });
});
