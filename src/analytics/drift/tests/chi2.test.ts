import { describe, expect, it } from 'vitest';
import { chi2 } from './chi2.js';
import { DEFAULT_DRIFT_TEST_CONFIG as cfg } from '../types.js';

const rep = (v: string, n: number) => Array<string>(n).fill(v);

describe('chi2 drift test', () => {
  it('flags a real change of category mix', () => {
    const ref = [...rep('a', 500), ...rep('b', 500)];
    const cur = [...rep('a', 800), ...rep('b', 200)];
    const r = chi2.test(ref, cur, cfg);
    expect(r.is_drifted).toBe(true);
    expect(r.p_value!).toBeLessThan(1e-10);
    expect(r.effect_size).toBeGreaterThan(0.25);
  });

  it('does not flag a negligible shift even on a huge sample (effect size gate)', () => {
    const ref = [...rep('a', 500_000), ...rep('b', 500_000)];
    const cur = [...rep('a', 505_000), ...rep('b', 495_000)];
    const r = chi2.test(ref, cur, cfg);
    expect(r.p_value!).toBeLessThan(1e-10); // "significant"...
    expect(r.effect_size).toBeLessThan(0.01); // ...but tiny
    expect(r.is_drifted).toBe(false);
  });

  it('handles categories seen only in one sample and reports insufficient samples', () => {
    const r = chi2.test([...rep('a', 50)], [...rep('a', 25), ...rep('new', 25)], cfg);
    expect(r.details?.categories).toEqual(['a', 'new']);
    expect(r.is_drifted).toBe(true);
    expect(chi2.test(['a'], ['a'], cfg).status).toBe('insufficient');
  });
});
