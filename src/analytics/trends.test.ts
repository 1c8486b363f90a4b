import { describe, expect, it } from 'vitest';
import { computeTrends, parsePeriod, classify } from './trends.js';

const day = 86_400_000;
const now = new Date('2026-01-31T00:00:00Z');
const pt = (daysAgo: number, v: number) => ({ accuracy: v, f1_score: v, precision: v, recall: 1 - v, at: new Date(now.getTime() - daysAgo * day) });

describe('trends', () => {
  it('compares the current period with the previous one of the same length', () => {
    const t = computeTrends([pt(1, 0.9), pt(3, 0.92), pt(8, 0.8), pt(10, 0.82), pt(20, 0.1)], now, 7 * day);
    expect(t.accuracy!.current).toBeCloseTo(0.91, 12);
    expect(t.accuracy!.previous).toBeCloseTo(0.81, 12);
    expect(t.accuracy!.change).toBeCloseTo(0.1, 12);
    expect(t.accuracy!.trend).toBe('improving');
    expect(t.recall!.trend).toBe('declining');
  });

  it('uses the documented tolerance and reports missing periods as null', () => {
    expect(classify(0.004)).toBe('stable');
    expect(classify(-0.006)).toBe('declining');
    const t = computeTrends([pt(1, 0.9)], now, 7 * day);
    expect(t.accuracy).toMatchObject({ current: 0.9, previous: null, change: null, trend: 'stable' });
    expect(parsePeriod('30d')).toBe(30 * day);
    expect(parsePeriod('x')).toBeNull();
  });
});
