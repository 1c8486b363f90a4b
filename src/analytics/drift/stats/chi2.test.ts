import { describe, expect, it } from 'vitest';
import { chi2Contingency } from './chi2.js';

// Expected values: scipy.stats.chi2_contingency docstring (scipy >= 1.11), examples
// "aspirin / ischemic stroke" (2x2, Yates correction applies) and "A two-way example (2 x 3)".
describe('chi2Contingency agrees with scipy.stats.chi2_contingency', () => {
  it('2x2 aspirin table with Yates correction', () => {
    const r = chi2Contingency([
      [176, 230],
      [21035, 21018],
    ]);
    expect(r.dof).toBe(1);
    expect(Math.abs(r.statistic - 6.892569132546561)).toBeLessThan(1e-9);
    expect(Math.abs(r.pvalue - 0.008655478161175739)).toBeLessThan(1e-9);
  });

  it('2x3 table', () => {
    const r = chi2Contingency([
      [10, 10, 20],
      [20, 20, 20],
    ]);
    expect(r.dof).toBe(2);
    expect(Math.abs(r.statistic - 2.7777777777777777)).toBeLessThan(1e-12);
    expect(Math.abs(r.pvalue - 0.24935220877729619)).toBeLessThan(1e-9);
    expect(r.expected).toEqual([
      [12, 12, 16],
      [18, 18, 24],
    ]);
  });

  it('caps the Yates correction at the difference (gh-13875): proportional table -> 0, p 1', () => {
    // scipy test_chi2_contingency_trivial / R PR#5701: observed == expected.
    const r = chi2Contingency([
      [23171, 23171],
      [23171, 23171],
    ]);
    expect(r.statistic).toBe(0);
    expect(r.pvalue).toBeCloseTo(1, 12);
  });

  it('one category -> dof 0, statistic 0, p 1; bad tables throw', () => {
    expect(chi2Contingency([[5], [7]])).toMatchObject({ statistic: 0, pvalue: 1, dof: 0 });
    expect(() => chi2Contingency([])).toThrow(/empty/);
    expect(() => chi2Contingency([[1, 0], [2, 0]])).toThrow(/zero/);
    expect(() => chi2Contingency([[1, -1], [2, 3]])).toThrow(/nonnegative/);
  });
});
