import { insufficient, type EmbeddingDriftTest } from '../types.js';

/** Permutations for the MMD p-value; fixed seed so a result is reproducible. */
export const MMD_PERMUTATIONS = 500;
/** Minimum MMD^2 (unit-length embeddings, cosine kernel) for a significant result to count. */
export const MMD_MIN_EFFECT = 0.01;

/**
 * Sentence-embedding drift: squared Maximum Mean Discrepancy with the cosine kernel
 * k(x, y) = <x, y> / (|x||y|) (the embeddings are unit length), biased estimator
 *   MMD^2 = mean K(ref, ref) + mean K(cur, cur) - 2 mean K(ref, cur)
 * = |mean(ref) - mean(cur)|^2 for unit vectors. p-value by a seeded permutation test over the
 * pooled sample ((count(perm >= observed) + 1) / (P + 1)). Effect size: MMD^2 itself; drift
 * needs p < ks_threshold and MMD^2 >= MMD_MIN_EFFECT.
 */
export const embeddingMmd: EmbeddingDriftTest = {
  id: 'embedding_mmd',
  title: 'Sentence-embedding MMD (permutation test)',
  kind: 'embedding',
  test(ref, cur, cfg) {
    if (ref.length < cfg.min_samples || cur.length < cfg.min_samples) {
      return insufficient('embedding_mmd', ref.length, cur.length, 'mmd2', cfg.min_samples);
    }
    const pooled = [...ref, ...cur].map((v) => {
      let n = 0;
      for (let i = 0; i < v.length; i++) n += v[i] * v[i];
      const s = n > 0 ? 1 / Math.sqrt(n) : 0;
      return Float64Array.from(v, (x) => x * s);
    });
    const N = pooled.length;
    const d = pooled[0].length;
    // With a linear (cosine) kernel, MMD^2 = |mean_a - mean_b|^2: permutations only need sums.
    const total = new Float64Array(d);
    for (const v of pooled) for (let i = 0; i < d; i++) total[i] += v[i];
    const nA = ref.length;
    const nB = cur.length;
    const mmdOf = (idxA: Uint32Array) => {
      const sa = new Float64Array(d);
      for (const k of idxA) {
        const v = pooled[k];
        for (let i = 0; i < d; i++) sa[i] += v[i];
      }
      let m = 0;
      for (let i = 0; i < d; i++) {
        const diff = sa[i] / nA - (total[i] - sa[i]) / nB;
        m += diff * diff;
      }
      return m;
    };
    const observed = mmdOf(Uint32Array.from({ length: nA }, (_, i) => i));
    let s = 0x9e3779b9;
    const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
    const perm = Uint32Array.from({ length: N }, (_, i) => i);
    let ge = 0;
    for (let p = 0; p < MMD_PERMUTATIONS; p++) {
      for (let i = 0; i < nA; i++) {
        const j = i + Math.floor(rand() * (N - i));
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      if (mmdOf(perm.subarray(0, nA)) >= observed - 1e-15) ge++;
    }
    const p = (ge + 1) / (MMD_PERMUTATIONS + 1);
    return {
      test: 'embedding_mmd',
      status: 'ok',
      statistic: observed,
      p_value: p,
      effect_size: observed,
      effect_size_name: 'mmd2',
      is_drifted: p < cfg.ks_threshold && observed >= MMD_MIN_EFFECT,
      n_reference: ref.length,
      n_current: cur.length,
      details: { permutations: MMD_PERMUTATIONS, kernel: 'cosine' },
    };
  },
};
