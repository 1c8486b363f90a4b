import { describe, expect, it } from 'vitest';
import { psi } from './psi.js';
import { psiSorted, psiFromProportions } from '../stats/psi.js';
import { DEFAULT_DRIFT_TEST_CONFIG as cfg } from '../types.js';

const seq = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i)).sort();

describe('psi drift test', () => {
  it('is 0 for identical samples and uses decile bins', () => {
    const a = seq(1000, (i) => i);
    const r = psiSorted(a, a, 10);
    expect(r.psi).toBe(0);
    expect(r.edges.length).toBe(9);
    expect(r.ref.every((p) => Math.abs(p - 0.1) < 0.002)).toBe(true);
  });

  it('matches a hand computation', () => {
    // ref 50/50, cur 80/20: (0.8-0.5)ln(1.6) + (0.2-0.5)ln(0.4)
    expect(psiFromProportions([0.5, 0.5], [0.8, 0.2])).toBeCloseTo(0.3 * Math.log(1.6) - 0.3 * Math.log(0.4), 12);
    // an empty current bin uses epsilon 1e-4 instead of 0
    expect(psiFromProportions([0.5, 0.5], [1, 0])).toBeCloseTo(0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5), 12);
  });

  it('flags a shifted sample, values outside the reference range land in the open outer bins', () => {
    const ref = seq(1000, (i) => i);
    const cur = seq(1000, (i) => i + 700);
    const r = psi.test(ref, cur, cfg);
    expect(r.is_drifted).toBe(true);
    const cp = r.details!.current_proportions as number[];
    expect(cp[cp.length - 1]).toBeGreaterThan(0.7);
  });

  it('collapses duplicate edges for discrete features', () => {
    const ref = seq(1000, (i) => i % 3);
    const r = psiSorted(ref, ref, 10);
    expect(r.edges.length).toBeLessThanOrEqual(3);
  });
});
