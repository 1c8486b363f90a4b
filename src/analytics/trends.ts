/**
 * Performance trends: the mean of each metric over the current period (now - P, now] against
 * the previous period of the same length (now - 2P, now - P].
 * Tolerance: |change| <= TREND_TOLERANCE (0.005, i.e. half a percentage point) is 'stable';
 * above it 'improving', below minus it 'declining' (all four metrics are higher-is-better).
 * A period without measurements has current/previous null (not 0: nothing was measured) and
 * the trend is 'stable'.
 */
export const TREND_TOLERANCE = 0.005;
export const TREND_METRICS = ['accuracy', 'f1_score', 'precision', 'recall'] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];
export type Trend = 'improving' | 'declining' | 'stable';

export interface PerfPoint {
  accuracy: number;
  f1_score: number;
  precision: number;
  recall: number;
  at: Date;
}

export interface MetricTrend {
  current: number | null;
  previous: number | null;
  change: number | null;
  trend: Trend;
  current_samples: number;
  previous_samples: number;
}

/** Parses '7d', '30d', '90d', '24h' into milliseconds; null when not of that form. */
export function parsePeriod(period: string): number | null {
  const m = /^(\d{1,4})([dh])$/.exec(period);
  if (!m) return null;
  const n = Number(m[1]);
  if (n <= 0) return null;
  return n * (m[2] === 'd' ? 86_400_000 : 3_600_000);
}

export function classify(change: number | null, tol = TREND_TOLERANCE): Trend {
  if (change === null || Math.abs(change) <= tol) return 'stable';
  return change > 0 ? 'improving' : 'declining';
}

export function computeTrends(points: readonly PerfPoint[], now: Date, periodMs: number, metrics: readonly TrendMetric[] = TREND_METRICS) {
  const t = now.getTime();
  const cur = points.filter((p) => p.at.getTime() > t - periodMs && p.at.getTime() <= t);
  const prev = points.filter((p) => p.at.getTime() > t - 2 * periodMs && p.at.getTime() <= t - periodMs);
  const mean = (xs: readonly PerfPoint[], m: TrendMetric) => (xs.length ? xs.reduce((a, p) => a + p[m], 0) / xs.length : null);
  const out: Partial<Record<TrendMetric, MetricTrend>> = {};
  for (const m of metrics) {
    const c = mean(cur, m);
    const p = mean(prev, m);
    const change = c !== null && p !== null ? c - p : null;
    out[m] = { current: c, previous: p, change, trend: classify(change), current_samples: cur.length, previous_samples: prev.length };
  }
  return out;
}
