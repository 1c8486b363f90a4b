import { ks2sampSorted } from '../stats/ks2samp.js';
import { insufficient, type NumericDriftTest } from '../types.js';

/**
 * Two-sample Kolmogorov-Smirnov (two-sided, scipy method='auto'). The statistic D is itself
 * an effect size (largest gap between the two ECDFs, 0..1), so drift needs both
 * p < ks_threshold and D >= ks_min_statistic.
 */
export const ks: NumericDriftTest = {
  id: 'ks',
  title: 'Two-sample Kolmogorov-Smirnov',
  kind: 'numeric',
  test(ref, cur, cfg) {
    if (ref.length < cfg.min_samples || cur.length < cfg.min_samples) {
      return insufficient('ks', ref.length, cur.length, 'ks_statistic', cfg.min_samples);
    }
    const r = ks2sampSorted(ref, cur, 'two-sided', 'auto');
    return {
      test: 'ks',
      status: 'ok',
      statistic: r.statistic,
      p_value: r.pvalue,
      effect_size: r.statistic,
      effect_size_name: 'ks_statistic',
      is_drifted: r.pvalue < cfg.ks_threshold && r.statistic >= cfg.ks_min_statistic,
      n_reference: ref.length,
      n_current: cur.length,
      details: { method: r.method },
    };
  },
};
