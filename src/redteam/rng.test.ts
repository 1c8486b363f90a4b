import { describe, expect, it } from 'vitest';
import { hashSeed, mulberry32, shuffle } from './rng.js';

describe('mulberry32', () => {
  it('is deterministic, in [0,1) and roughly uniform', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    expect(mulberry32(124)()).not.toBe(mulberry32(123)());
  });
  it('hashSeed separates parts and shuffle does not mutate', () => {
    expect(hashSeed(1, 'ab')).not.toBe(hashSeed(1, 'a', 'b'));
    const arr = [1, 2, 3, 4, 5];
    const s = shuffle(mulberry32(1), arr);
    expect(arr).toEqual([1, 2, 3, 4, 5]);
    expect([...s].sort()).toEqual(arr);
  });
});
