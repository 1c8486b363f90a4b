import { describe, expect, it } from 'vitest';
import { ks } from './ks.js';
import { DEFAULT_DRIFT_TEST_CONFIG as cfg } from '../types.js';

/** Deterministic standard normals (Box-Muller on a fixed LCG) so tests do not flake. */
function normals(n: number, seed: number, mean = 0, sd = 1): Float64Array {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mean + sd * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  return out.sort();
}

describe('ks drift test', () => {
  it('flags a one-sigma mean shift', () => {
    const r = ks.test(normals(2000, 1), normals(2000, 2, 1), cfg);
    expect(r.is_drifted).toBe(true);
    expect(r.statistic).toBeGreaterThan(0.3);
    expect(r.details?.method).toBe('exact');
  });

  it('does not flag the same distribution', () => {
    const r = ks.test(normals(2000, 3), normals(2000, 4), cfg);
    expect(r.is_drifted).toBe(false);
    expect(r.p_value!).toBeGreaterThan(0.01);
  });

  it('does not flag a negligible shift on a huge sample (effect size gate)', () => {
    const r = ks.test(normals(200_000, 5), normals(200_000, 6, 0.03), cfg);
    expect(r.details?.method).toBe('asymp');
    expect(r.p_value!).toBeLessThan(1e-6);
    expect(r.statistic).toBeLessThan(cfg.ks_min_statistic);
    expect(r.is_drifted).toBe(false);
  });

  it('reports insufficient below min_samples', () => {
    const r = ks.test(normals(10, 7), normals(10, 8, 5), cfg);
    expect(r.status).toBe('insufficient');
    expect(r.is_drifted).toBe(false);
  });
});
