import { describe, expect, it } from 'vitest';
import { fitTemperature, temperatureNll } from './calibration.js';
import { mulberry32 } from './logistic.js';

describe('fitTemperature', () => {
  it('recovers the temperature that generated the labels', () => {
    // Labels are sampled from softmax(z / 3); the model reports z, i.e. it is over-confident.
    const rand = mulberry32(7);
    const n = 4000;
    const K = 3;
    const logits = new Float64Array(n * K);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const p = [];
      let s = 0;
      for (let k = 0; k < K; k++) {
        logits[i * K + k] = (rand() - 0.5) * 12;
        p.push(Math.exp(logits[i * K + k] / 3));
        s += p[k];
      }
      let u = rand() * s;
      let k = 0;
      while (u > p[k] && k < K - 1) u -= p[k++];
      y[i] = k;
    }
    const fit = fitTemperature(logits, y, K);
    expect(fit.temperature).toBeGreaterThan(2.6);
    expect(fit.temperature).toBeLessThan(3.4);
    expect(fit.nllAfter).toBeLessThan(fit.nllBefore);
    expect(temperatureNll(logits, y, K, fit.temperature)).toBeCloseTo(fit.nllAfter, 10);
  });
  it('handles empty input and rejects mismatched shapes', () => {
    expect(fitTemperature([], [], 2).temperature).toBe(1);
    expect(() => fitTemperature([1, 2, 3], [0], 2)).toThrow(/expected 1 x 2/);
  });
});
