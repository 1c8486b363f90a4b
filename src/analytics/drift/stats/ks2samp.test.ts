import { describe, expect, it } from 'vitest';
import { ks2samp, kolmognSf, smirnovSf, type KsAlternative, type KsMethod } from './ks2samp.js';

/**
 * Vectors from scipy's own test suite: scipy/stats/tests/test_stats.py, class
 * TestKSTwoSamples (testTwoVsThree, testTwoVsFour, test100_100, test100_110,
 * testRepeatedValues, testEqualSizes, testMiddlingBoth, testMediumBoth, testLarge,
 * testLargeBoth). Each asserts scipy's (statistic, pvalue) to 1e-6 or better.
 */

/** numpy.linspace: start + i*step, last element set to stop exactly. */
function linspace(start: number, stop: number, num: number): number[] {
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, i) => start + i * step);
  out[num - 1] = stop;
  return out;
}
const add = (a: number[], c: number) => a.map((v) => v + c);

function check(x: number[], y: number[], alt: KsAlternative, stat: number, p: number, method: KsMethod = 'auto', tol = 1e-7) {
  const r = ks2samp(x, y, alt, method);
  expect(Math.abs(r.statistic - stat)).toBeLessThan(1e-12);
  expect(Math.abs(r.pvalue - p)).toBeLessThan(tol);
}

describe('ks2samp agrees with scipy.stats.ks_2samp (scipy test suite vectors)', () => {
  it('small', () => {
    check([0], [1], 'two-sided', 1, 1);
    check([0], [1], 'greater', 1, 0.5);
    check([0], [1], 'less', 0, 1);
    check([1], [0], 'two-sided', 1, 1);
    check([1], [0], 'greater', 0, 1);
    check([1], [0], 'less', 1, 0.5);
  });

  it('two vs three / two vs four', () => {
    const d2 = [1, 2, 3];
    check([1.01, 2.01], d2, 'two-sided', 1 / 3, 1);
    check([1.01, 2.01], d2, 'greater', 1 / 3, 0.7);
    check([1.01, 2.01], d2, 'less', 1 / 3, 0.7);
    check([0.99, 1.99], d2, 'two-sided', 2 / 3, 0.6);
    check([0.99, 1.99], d2, 'greater', 2 / 3, 0.3);
    check([0.99, 1.99], d2, 'less', 0, 1);
    const d4 = [1, 2, 3, 4];
    check([1.01, 2.01], d4, 'two-sided', 2 / 4, 14 / 15);
    check([1.01, 2.01], d4, 'greater', 2 / 4, 8 / 15);
    check([1.01, 2.01], d4, 'less', 1 / 4, 12 / 15);
    check([0.99, 1.99], d4, 'two-sided', 3 / 4, 6 / 15);
    check([0.99, 1.99], d4, 'greater', 3 / 4, 3 / 15);
    check([0.99, 1.99], d4, 'less', 0, 1);
  });

  it('100 vs 100 (exact, equal sizes)', () => {
    const x100 = linspace(1, 100, 100);
    const p1 = add(add(x100, 2), 0.1);
    const m1 = add(add(x100, 2), -0.1);
    check(x100, p1, 'two-sided', 3 / 100, 0.9999999999962055);
    check(x100, p1, 'greater', 3 / 100, 0.9143290114276248);
    check(x100, p1, 'less', 0, 1);
    check(x100, m1, 'two-sided', 2 / 100, 1);
    check(x100, m1, 'greater', 2 / 100, 0.960978450786184);
  });

  it('100 vs 110 (exact, unequal sizes)', () => {
    const x100 = linspace(1, 100, 100);
    const x110 = linspace(1, 100, 110);
    check(x100, add(add(x110, 20), 0.1), 'two-sided', 232 / 1100, 0.015739183865607353);
    check(x100, add(add(x110, 20), 0.1), 'greater', 232 / 1100, 0.007869594319053203);
    check(x100, add(add(x110, 20), 0.1), 'less', 0, 1);
    check(x100, add(add(x110, 20), -0.1), 'two-sided', 229 / 1100, 0.017803803861026313);
    check(x100, add(add(x110, 20), -0.1), 'greater', 229 / 1100, 0.008901905958245056);
  });

  it('repeated values (ties)', () => {
    const rep = (pairs: [number, number][]) => pairs.flatMap(([v, k]) => Array(k).fill(v) as number[]);
    const x2233 = rep([[2, 3], [3, 4], [5, 5], [6, 4]]);
    const x3344 = x2233.map((v) => v + 1);
    const x2356 = rep([[2, 3], [3, 4], [5, 10], [6, 4]]);
    const x3467 = rep([[3, 10], [4, 2], [6, 10], [7, 4]]);
    check(x2233, x3344, 'two-sided', 5 / 16, 0.4262934613454952);
    check(x2233, x3344, 'greater', 5 / 16, 0.21465428276573786);
    check(x2356, x3467, 'two-sided', 190 / 21 / 26, 0.0919245790168125);
    check(x2356, x3467, 'greater', 190 / 21 / 26, 0.0459633806858544);
    check(x2356, x3467, 'less', 70 / 21 / 26, 0.6121593130022775);
  });

  it('equal sizes', () => {
    const d = [1, 2, 3];
    check(d, add(d, 1), 'two-sided', 1 / 3, 1);
    check(d, add(d, 1), 'greater', 1 / 3, 0.75);
    check(d, add(d, -0.5), 'less', 1 / 3, 0.75);
  });

  it('middling and medium sizes (asymptotic one-sided, auto two-sided)', () => {
    let n1 = 500;
    let n2 = 600;
    let delta = 1 / n1 / n2 / 2 / 2;
    let x = linspace(1, 200, n1).map((v) => v - delta);
    let y = linspace(2, 200, n2);
    check(x, y, 'two-sided', 2000 / n1 / n2, 1, 'auto');
    check(x, y, 'two-sided', 2000 / n1 / n2, 1, 'asymp');
    check(x, y, 'greater', 2000 / n1 / n2, 0.9697596024683929, 'asymp');
    check(x, y, 'less', 500 / n1 / n2, 0.9968735843165021, 'asymp');
    n1 = 1000;
    n2 = 1100;
    delta = 1 / n1 / n2 / 2 / 2;
    x = linspace(1, 200, n1).map((v) => v - delta);
    y = linspace(2, 200, n2);
    check(x, y, 'two-sided', 6600 / n1 / n2, 1, 'asymp');
    check(x, y, 'greater', 6600 / n1 / n2, 0.9573185808092622, 'asymp');
    check(x, y, 'less', 1000 / n1 / n2, 0.9982410869433984, 'asymp');
  });

  it('large: 10000 vs 110 (exact, tiny p-values)', () => {
    const n1 = 10000;
    const n2 = 110;
    const lcm = n1 * 11;
    const delta = 1 / n1 / n2 / 2 / 2;
    const x = linspace(1, 200, n1).map((v) => v - delta);
    const y = linspace(2, 100, n2);
    check(x, y, 'two-sided', 55275 / lcm, 4.218847493575595e-15);
    check(x, y, 'greater', 561 / lcm, 0.9911545458204759);
    check(x, y, 'less', 55275 / lcm, 3.1317328311518713e-26);
    // scipy's suite asserts these to 6 decimals only. Relative check on the one-sided value:
    expect(Math.abs(ks2samp(x, y, 'less').pvalue / 3.1317328311518713e-26 - 1)).toBeLessThan(1e-9);
    // The two-sided 4.2e-15 above is a rounding artefact in scipy's older algorithm; the exact
    // value is ~2x the one-sided p (the two one-sided events are nearly disjoint), which we give.
    const two = ks2samp(x, y).pvalue;
    expect(two / (2 * 3.1317328311518713e-26)).toBeGreaterThan(0.99);
    expect(two / (2 * 3.1317328311518713e-26)).toBeLessThan(1.0000001);
  });

  it('large both: 10000 vs 11000 (auto -> asymptotic via kstwo, Pelz-Good branch)', () => {
    const n1 = 10000;
    const n2 = 11000;
    const lcm = n1 * 11;
    const delta = 1 / n1 / n2 / 2 / 2;
    const x = linspace(1, 200, n1).map((v) => v - delta);
    const y = linspace(2, 200, n2);
    check(x, y, 'two-sided', 563 / lcm, 0.9990660108966576, 'asymp');
    check(x, y, 'two-sided', 563 / lcm, 0.9990660108966576, 'auto');
    check(x, y, 'greater', 563 / lcm, 0.7561851877420673);
    check(x, y, 'less', 10 / lcm, 0.9998239693191724);
    const r = ks2samp(x, y);
    expect(r.method).toBe('asymp');
  });

  it('rejects empty samples', () => {
    expect(() => ks2samp([], [1])).toThrow(/empty/);
  });
});

describe('one-sample KS distributions', () => {
  it('smirnov matches scipy.special.smirnov closed forms', () => {
    // smirnov(n, x) for x >= 1-1/n is (1-x)^n; n = 1 gives 1-x.
    expect(smirnovSf(1, 0.3)).toBeCloseTo(0.7, 14);
    expect(smirnovSf(5, 0.9)).toBeCloseTo(0.1 ** 5, 14);
    // smirnov(n, x) for x <= 1/n is 1 - x(1+x)^(n-1)
    expect(smirnovSf(10, 0.05)).toBeCloseTo(1 - 0.05 * 1.05 ** 9, 14);
  });

  it('kstwo.sf is continuous across its algorithm switch points and in [0,1]', () => {
    // Values at n=1000 around the DMTW / Pelz-Good / Smirnov cut-overs must be monotone.
    let prev = 1;
    for (let x = 0.001; x < 0.2; x += 0.0005) {
      const p = kolmognSf(1000, x);
      expect(p).toBeLessThanOrEqual(prev + 1e-9);
      expect(p).toBeGreaterThanOrEqual(0);
      prev = p;
    }
    // Kolmogorov limit: sqrt(n) D_n -> K; P(K > 1.36) ~ 0.0494
    expect(kolmognSf(100000, 1.36 / Math.sqrt(100000))).toBeCloseTo(0.0494, 3);
  });
});

describe('closed forms and a second reference implementation', () => {
  it('kstwo closed forms from scipy TestKSTwo.test_cdf (Simard & L\'Ecuyer eqn 1)', () => {
    for (const n of [2, 3, 10, 100, 1000]) {
      // cdf(1/n) = n!/n^n, so sf = 1 - n!/n^n ; cdf(1 - 1/n) = 1 - 2/n^n ; cdf(0.5/n) = 0
      let fact = 1;
      for (let i = 1; i <= n; i++) fact *= i / n;
      expect(Math.abs(kolmognSf(n, 1 / n) - (1 - fact))).toBeLessThan(1e-12);
      expect(Math.abs(kolmognSf(n, 1 - 1 / n) - Math.min(1, 2 / n ** n))).toBeLessThan(1e-12);
      expect(kolmognSf(n, 0.5 / n)).toBe(1);
    }
  });

  it('R 4.5.2 ks.test(c(1,2,3,4,5), c(3,4,5,6,7)): D = 0.4, p = 0.873015873015873 (exact)', () => {
    const r = ks2samp([1, 2, 3, 4, 5], [3, 4, 5, 6, 7]);
    expect(r.statistic).toBeCloseTo(0.4, 12);
    expect(Math.abs(r.pvalue - 0.873015873015873)).toBeLessThan(1e-12);
  });

  it('is continuous where scipy switches from Durbin-MTW to Pelz-Good (n = 100000)', () => {
    const n = 100000;
    const x = (1.4 / n) ** (2 / 3);
    expect(Math.abs(kolmognSf(n, x * (1 - 1e-9)) - kolmognSf(n, x * (1 + 1e-9)))).toBeLessThan(1e-6);
  });
});
