import type { Unit } from '../../platform/registry.js';

/** Severity enum of analytics-service.md (`drift_severity`). */
export type DriftSeverity = 'minor' | 'moderate' | 'severe';

/**
 * The thresholds a drift test reads. Field names follow `DriftConfig` of analytics-service.md;
 * the effect-size minimums are our additions (sample-size awareness).
 */
export interface DriftTestConfig {
  /** p-value below which KS calls a numeric shift significant. */
  ks_threshold: number;
  /** p-value below which chi-square calls a categorical shift significant. */
  chi2_threshold: number;
  /** PSI at or above which a feature is drifted regardless of the p-value. */
  psi_threshold: number;
  psi_minor_threshold: number;
  psi_moderate_threshold: number;
  psi_severe_threshold: number;
  /** Fewer rows than this in either sample -> status 'insufficient', never drifted. */
  min_samples: number;
  /**
   * Minimum effect size for a significant p-value to count as drift: KS D (max ECDF gap) for
   * numeric features, Cramer's V for categorical. With 10^6 rows a 0.3% shift has p ~ 0, but
   * it is not drift anyone should act on.
   */
  ks_min_statistic: number;
  cramers_v_min: number;
  /** Number of reference-quantile bins for PSI. */
  psi_bins: number;
}

export const DEFAULT_DRIFT_TEST_CONFIG: DriftTestConfig = {
  ks_threshold: 0.05,
  chi2_threshold: 0.05,
  psi_threshold: 0.2,
  psi_minor_threshold: 0.1,
  psi_moderate_threshold: 0.2,
  psi_severe_threshold: 0.25,
  min_samples: 30,
  ks_min_statistic: 0.1,
  cramers_v_min: 0.1,
  psi_bins: 10,
};

export interface DriftResult {
  test: string;
  status: 'ok' | 'insufficient';
  /** Test statistic (KS D, chi-square, PSI value...). NaN when insufficient. */
  statistic: number;
  /** p-value where the test has one; null for PSI. */
  p_value: number | null;
  /** Effect size beside the p-value, so big samples do not flag negligible shifts. */
  effect_size: number;
  effect_size_name: string;
  /** Significant and large enough (see DriftTestConfig). */
  is_drifted: boolean;
  n_reference: number;
  n_current: number;
  details?: Record<string, unknown>;
}

export interface NumericDriftTest extends Unit {
  readonly id: string;
  readonly title: string;
  readonly kind: 'numeric';
  /** `ref` and `cur` must be sorted ascending and finite. Pure: inputs are not modified. */
  test(ref: Float64Array, cur: Float64Array, cfg: DriftTestConfig): DriftResult;
}

export interface CategoricalDriftTest extends Unit {
  readonly id: string;
  readonly title: string;
  readonly kind: 'categorical';
  test(ref: readonly string[], cur: readonly string[], cfg: DriftTestConfig): DriftResult;
}

/** Works on sentence-embedding vectors (the shell embeds the texts first). */
export interface EmbeddingDriftTest extends Unit {
  readonly id: string;
  readonly title: string;
  readonly kind: 'embedding';
  test(ref: readonly Float32Array[], cur: readonly Float32Array[], cfg: DriftTestConfig): DriftResult;
}

export type DriftTest = NumericDriftTest | CategoricalDriftTest | EmbeddingDriftTest;

export function severityFromPsi(psi: number, cfg: DriftTestConfig): DriftSeverity {
  if (psi >= cfg.psi_severe_threshold) return 'severe';
  if (psi >= cfg.psi_moderate_threshold) return 'moderate';
  return 'minor';
}

export function insufficient(test: string, nRef: number, nCur: number, effectName: string, min: number): DriftResult {
  return {
    test,
    status: 'insufficient',
    statistic: NaN,
    p_value: null,
    effect_size: NaN,
    effect_size_name: effectName,
    is_drifted: false,
    n_reference: nRef,
    n_current: nCur,
    details: { reason: `needs at least ${min} values in both samples` },
  };
}
