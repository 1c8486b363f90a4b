import { chi2Contingency } from '../stats/chi2.js';
import { psiFromProportions } from '../stats/psi.js';
import { insufficient, type CategoricalDriftTest } from '../types.js';

/**
 * Chi-square test of independence on the 2 x K table (reference vs current counts per
 * category, categories = union of both samples). Effect size: Cramer's V = sqrt(chi2 / N)
 * (for 2 rows min(r-1, c-1) = 1). Drift needs p < chi2_threshold and V >= cramers_v_min.
 * The category-proportion PSI is reported too, for severity on the same scale as numeric ones.
 */
export const chi2: CategoricalDriftTest = {
  id: 'chi2',
  title: 'Chi-square test of homogeneity (categorical)',
  kind: 'categorical',
  test(ref, cur, cfg) {
    if (ref.length < cfg.min_samples || cur.length < cfg.min_samples) {
      return insufficient('chi2', ref.length, cur.length, 'cramers_v', cfg.min_samples);
    }
    const counts = new Map<string, [number, number]>();
    for (const v of ref) {
      const e = counts.get(v) ?? [0, 0];
      e[0]++;
      counts.set(v, e);
    }
    for (const v of cur) {
      const e = counts.get(v) ?? [0, 0];
      e[1]++;
      counts.set(v, e);
    }
    const cats = [...counts.keys()].sort();
    const table = [cats.map((k) => counts.get(k)![0]), cats.map((k) => counts.get(k)![1])];
    const r = chi2Contingency(table);
    const n = ref.length + cur.length;
    const v = Math.sqrt(r.statistic / n);
    const psi = psiFromProportions(
      table[0].map((c) => c / ref.length),
      table[1].map((c) => c / cur.length),
    );
    return {
      test: 'chi2',
      status: 'ok',
      statistic: r.statistic,
      p_value: r.pvalue,
      effect_size: v,
      effect_size_name: 'cramers_v',
      is_drifted: r.pvalue < cfg.chi2_threshold && v >= cfg.cramers_v_min,
      n_reference: ref.length,
      n_current: cur.length,
      details: { dof: r.dof, categories: cats, reference_counts: table[0], current_counts: table[1], psi },
    };
  },
};
