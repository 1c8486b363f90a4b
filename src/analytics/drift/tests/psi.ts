import { psiSorted } from '../stats/psi.js';
import { insufficient, type NumericDriftTest } from '../types.js';

/**
 * Population Stability Index over reference-quantile bins (see stats/psi.ts for the binning).
 * PSI is already an effect size (no p-value); drift when PSI >= psi_threshold.
 */
export const psi: NumericDriftTest = {
  id: 'psi',
  title: 'Population Stability Index',
  kind: 'numeric',
  test(ref, cur, cfg) {
    if (ref.length < cfg.min_samples || cur.length < cfg.min_samples) {
      return insufficient('psi', ref.length, cur.length, 'psi', cfg.min_samples);
    }
    const r = psiSorted(ref, cur, cfg.psi_bins);
    return {
      test: 'psi',
      status: 'ok',
      statistic: r.psi,
      p_value: null,
      effect_size: r.psi,
      effect_size_name: 'psi',
      is_drifted: r.psi >= cfg.psi_threshold,
      n_reference: ref.length,
      n_current: cur.length,
      details: { bins: r.edges.length + 1, edges: r.edges, reference_proportions: r.ref, current_proportions: r.cur },
    };
  },
};
