/**
 * Persisted settings (analytics_settings): drift config, auto-retrain config and promotion
 * criteria, with defaults and validation. Cached per AppContext.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.js';
import { appError } from '../platform/errors.js';
import { settings } from './schema.js';
import { DEFAULT_DRIFT_TEST_CONFIG, type DriftTestConfig } from './drift/types.js';

export interface DriftConfig extends DriftTestConfig {
  accuracy_drop_threshold: number;
  f1_drop_threshold: number;
  reference_window_days: number;
  detection_window_days: number;
}

export const DEFAULT_DRIFT_CONFIG: DriftConfig = {
  ...DEFAULT_DRIFT_TEST_CONFIG,
  accuracy_drop_threshold: 0.05,
  f1_drop_threshold: 0.05,
  reference_window_days: 30,
  detection_window_days: 7,
};

export interface RetrainConfig {
  data_drift_threshold: number;
  model_drift_threshold: number;
  performance_drop_threshold: number;
  min_samples_for_retrain: number;
  retrain_cooldown_hours: number;
  max_retrain_attempts: number;
  target_models: string[];
  retrain_priority: string;
  /** Additions: daily cap per model and the monitoring loop period. */
  max_daily_retrains: number;
  check_interval_seconds: number;
}

export const DEFAULT_RETRAIN_CONFIG: RetrainConfig = {
  data_drift_threshold: 0.5,
  model_drift_threshold: 0.2,
  performance_drop_threshold: 0.05,
  min_samples_for_retrain: 100,
  retrain_cooldown_hours: 24,
  max_retrain_attempts: 3,
  target_models: [],
  retrain_priority: 'normal',
  max_daily_retrains: 2,
  check_interval_seconds: 3600,
};

export interface PromotionCriteria {
  min_accuracy: number;
  min_precision: number;
  min_recall: number;
  min_f1_score: number;
  /** Largest allowed drop of accuracy / F1 against the production version. */
  max_regression: number;
  min_test_samples: number;
}

export const DEFAULT_PROMOTION_CRITERIA: PromotionCriteria = {
  min_accuracy: 0.8,
  min_precision: 0.75,
  min_recall: 0.75,
  min_f1_score: 0.75,
  max_regression: 0.02,
  min_test_samples: 50,
};

export const RETRAIN_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;

type Bound = { min?: number; max?: number; int?: boolean; openMin?: boolean };

function check(field: string, v: unknown, b: Bound): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw appError('ANALYTICS_BAD_VALUE', { field, detail: 'must be a number' });
  if (b.int && !Number.isInteger(v)) throw appError('ANALYTICS_BAD_VALUE', { field, detail: `must be an integer, got ${v}` });
  if (b.min !== undefined && (b.openMin ? v <= b.min : v < b.min)) {
    throw appError('ANALYTICS_BAD_VALUE', { field, detail: `must be ${b.openMin ? '>' : '>='} ${b.min}, got ${v}` });
  }
  if (b.max !== undefined && v > b.max) throw appError('ANALYTICS_BAD_VALUE', { field, detail: `must be <= ${b.max}, got ${v}` });
  return v;
}

const DRIFT_BOUNDS: Record<keyof DriftConfig, Bound> = {
  ks_threshold: { min: 0, max: 1, openMin: true },
  chi2_threshold: { min: 0, max: 1, openMin: true },
  psi_threshold: { min: 0, max: 10, openMin: true },
  psi_minor_threshold: { min: 0, max: 10, openMin: true },
  psi_moderate_threshold: { min: 0, max: 10, openMin: true },
  psi_severe_threshold: { min: 0, max: 10, openMin: true },
  accuracy_drop_threshold: { min: 0, max: 1 },
  f1_drop_threshold: { min: 0, max: 1 },
  reference_window_days: { min: 1, max: 3650, int: true },
  detection_window_days: { min: 1, max: 3650, int: true },
  min_samples: { min: 1, max: 1_000_000, int: true },
  ks_min_statistic: { min: 0, max: 1 },
  cramers_v_min: { min: 0, max: 1 },
  psi_bins: { min: 2, max: 100, int: true },
};

/** Merges a partial update into `cur`, rejecting unknown fields and out-of-range values. */
export function mergeDriftConfig(cur: DriftConfig, patch: Record<string, unknown>): DriftConfig {
  const next = { ...cur } as Record<string, number>;
  for (const [k, v] of Object.entries(patch)) {
    const b = DRIFT_BOUNDS[k as keyof DriftConfig];
    if (!b) throw appError('ANALYTICS_BAD_VALUE', { field: k, detail: `unknown drift setting. Known: ${Object.keys(DRIFT_BOUNDS).join(', ')}` });
    next[k] = check(k, v, b);
  }
  const c = next as unknown as DriftConfig;
  if (!(c.psi_minor_threshold <= c.psi_moderate_threshold && c.psi_moderate_threshold <= c.psi_severe_threshold)) {
    throw appError('ANALYTICS_BAD_VALUE', { field: 'psi_*_threshold', detail: 'need psi_minor_threshold <= psi_moderate_threshold <= psi_severe_threshold' });
  }
  return c;
}

export function mergeRetrainConfig(cur: RetrainConfig, patch: Record<string, unknown>): RetrainConfig {
  const next: RetrainConfig = { ...cur };
  const num: Record<string, Bound> = {
    data_drift_threshold: { min: 0, max: 10 },
    model_drift_threshold: { min: 0, max: 10 },
    performance_drop_threshold: { min: 0, max: 1 },
    min_samples_for_retrain: { min: 1, max: 10_000_000, int: true },
    retrain_cooldown_hours: { min: 0, max: 8760 },
    max_retrain_attempts: { min: 1, max: 100, int: true },
    max_daily_retrains: { min: 1, max: 1000, int: true },
    check_interval_seconds: { min: 5, max: 86_400 * 7, int: true },
  };
  for (const [k, v] of Object.entries(patch)) {
    if (k in num) (next as unknown as Record<string, number>)[k] = check(k, v, num[k]);
    else if (k === 'target_models') {
      if (!Array.isArray(v) || !v.every((m) => typeof m === 'string' && m.trim() !== '')) {
        throw appError('ANALYTICS_BAD_VALUE', { field: k, detail: 'must be an array of model names' });
      }
      next.target_models = [...new Set(v as string[])];
    } else if (k === 'retrain_priority') {
      if (!(RETRAIN_PRIORITIES as readonly unknown[]).includes(v)) {
        throw appError('ANALYTICS_BAD_VALUE', { field: k, detail: `must be one of ${RETRAIN_PRIORITIES.join(', ')}` });
      }
      next.retrain_priority = v as string;
    } else throw appError('ANALYTICS_BAD_VALUE', { field: k, detail: `unknown auto-retrain setting. Known: ${Object.keys(DEFAULT_RETRAIN_CONFIG).join(', ')}` });
  }
  return next;
}

export function mergePromotionCriteria(cur: PromotionCriteria, patch: Record<string, unknown>): PromotionCriteria {
  const next = { ...cur } as unknown as Record<string, number>;
  for (const [k, v] of Object.entries(patch)) {
    if (!(k in DEFAULT_PROMOTION_CRITERIA)) {
      throw appError('ANALYTICS_BAD_VALUE', { field: k, detail: `unknown criterion. Known: ${Object.keys(DEFAULT_PROMOTION_CRITERIA).join(', ')}` });
    }
    next[k] = check(k, v, k === 'min_test_samples' ? { min: 0, max: 10_000_000, int: true } : { min: 0, max: 1 });
  }
  return next as unknown as PromotionCriteria;
}

export async function loadSetting<T extends object>(ctx: AppContext, key: string, defaults: T): Promise<T> {
  const rows = await ctx.db.select().from(settings).where(sql`${settings.key} = ${key}`);
  return rows.length ? { ...defaults, ...(rows[0].value as Partial<T>) } : { ...defaults };
}

export async function saveSetting(ctx: AppContext, key: string, value: object): Promise<void> {
  await ctx.db
    .insert(settings)
    .values({ key, value, updatedAt: ctx.clock.now() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: ctx.clock.now() } });
}
