/**
 * Population Stability Index.
 *
 * Binning (documented because PSI values depend on it): edges are the reference sample's
 * quantiles at k/B, k = 1..B-1 (B = `bins`, default 10 -> deciles), computed with linear
 * interpolation (numpy's default), duplicates removed so discrete features get fewer, wider
 * bins. The outer bins are open (-inf, e1] and (e_{B-1}, +inf), so current values outside the
 * reference range still land in a bin. Bin i is (e_{i-1}, e_i].
 * Empty bins: a proportion of 0 is replaced by `epsilon` (1e-4) before the log, the usual
 * convention; without it one empty bin makes PSI infinite.
 *   PSI = sum_i (cur_i - ref_i) * ln(cur_i / ref_i)
 */

export const PSI_EPSILON = 1e-4;

/** Quantile of an ascending-sorted sample, linear interpolation (numpy 'linear'). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Number of elements <= x in an ascending-sorted array. */
export function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function psiEdges(refSorted: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = quantileSorted(refSorted, k / bins);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

/** Proportions per bin for a sorted sample given inner edges. */
export function binProportions(sorted: Float64Array, edges: readonly number[]): number[] {
  const out: number[] = [];
  let prev = 0;
  for (const e of edges) {
    const c = upperBound(sorted, e);
    out.push((c - prev) / sorted.length);
    prev = c;
  }
  out.push((sorted.length - prev) / sorted.length);
  return out;
}

/** PSI of two proportion vectors of the same length (epsilon replaces zeros). */
export function psiFromProportions(ref: readonly number[], cur: readonly number[], epsilon = PSI_EPSILON): number {
  let psi = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i] > 0 ? ref[i] : epsilon;
    const c = cur[i] > 0 ? cur[i] : epsilon;
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

/** PSI of two ascending-sorted numeric samples with reference-quantile bins. */
export function psiSorted(refSorted: Float64Array, curSorted: Float64Array, bins = 10): { psi: number; edges: number[]; ref: number[]; cur: number[] } {
  const edges = psiEdges(refSorted, bins);
  const ref = binProportions(refSorted, edges);
  const cur = binProportions(curSorted, edges);
  return { psi: psiFromProportions(ref, cur), edges, ref, cur };
}
