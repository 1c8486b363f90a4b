import jstatModule from 'jstat';

const jStat = jstatModule.jStat ?? jstatModule;

export interface Chi2Contingency {
  statistic: number;
  pvalue: number;
  dof: number;
  expected: number[][];
}

/**
 * Pearson chi-square test of independence on an r x c table, same semantics as
 * `scipy.stats.chi2_contingency(observed, correction=True)`: Yates' continuity correction only
 * when dof == 1, each cell moved by at most min(0.5, |expected - observed|) towards expected
 * (scipy gh-13875). dof == 0 -> statistic 0, p 1. Throws RangeError on negative counts, an
 * empty table, or a zero expected cell (a row or column of zeros), as scipy does.
 * The p-value is the chi-square upper tail from jstat (agrees with scipy to ~1e-15 on the
 * docstring vectors). Not @stdlib/stats-chi2test: it only accepts integer tables, so it cannot
 * take scipy's capped Yates correction, and its own correction is the uncapped one.
 */
export function chi2Contingency(observed: readonly (readonly number[])[], correction = true): Chi2Contingency {
  const r = observed.length;
  const c = r ? observed[0].length : 0;
  if (r === 0 || c === 0) throw new RangeError('No data; observed table is empty');
  const rows = observed.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = Array.from({ length: c }, (_, j) => observed.reduce((a, row) => a + row[j], 0));
  const total = rows.reduce((a, b) => a + b, 0);
  for (const row of observed) {
    if (row.length !== c) throw new RangeError('observed table rows differ in length');
    for (const v of row) if (!(v >= 0)) throw new RangeError('All values in observed must be nonnegative');
  }
  const expected = observed.map((_, i) => cols.map((cj) => (rows[i] * cj) / total));
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      if (expected[i][j] === 0) throw new RangeError(`expected frequency is zero at (${i}, ${j})`);
    }
  }
  const dof = r * c - (r + c) + 1;
  if (dof === 0) return { statistic: 0, pvalue: 1, dof, expected };
  let obs = observed.map((row) => [...row]);
  if (dof === 1 && correction) {
    obs = obs.map((row, i) =>
      row.map((o, j) => {
        const diff = expected[i][j] - o;
        return o + Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }),
    );
  }
  let stat = 0;
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) stat += (obs[i][j] - expected[i][j]) ** 2 / expected[i][j];
  const pvalue = Math.min(1, Math.max(0, 1 - jStat.chisquare.cdf(stat, dof)));
  return { statistic: stat, pvalue, dof, expected };
}
