/**
 * Data drift between a reference and a current sample of rows (pure core, no I/O).
 *
 *  1. `prepareColumns` types every column and extracts it: numeric columns -> Float64Array
 *     (sorted), string/boolean columns -> categorical labels or, for free text, the numeric
 *     features of `text-features.ts` named `<column>.<feature>` (a bare feature name such as
 *     `word_count` also resolves when exactly one text column exists and no real column has it).
 *  2. `analyzeNumeric` / `analyzeCategorical` run the registered drift tests per feature.
 *  3. `summarize` builds the `DriftDetectionResponse` of analytics-service.md.
 *
 * Decisions (documented in README): a numeric feature is drifted when KS is significant
 * (p < ks_threshold) with D >= ks_min_statistic, or PSI >= psi_threshold; a categorical one when
 * chi-square is significant with Cramer's V >= cramers_v_min, or its category PSI >=
 * psi_threshold. Severity comes from PSI (psi_*_threshold). `overall_drift_score` is the share
 * of tested features that drifted (0..1). Features with fewer than `min_samples` values in
 * either sample are 'insufficient' and never drifted.
 */
import { appError } from '../../platform/errors.js';
import { ks } from './tests/ks.js';
import { psi } from './tests/psi.js';
import { chi2 } from './tests/chi2.js';
import { severityFromPsi, type DriftResult, type DriftSeverity, type DriftTestConfig } from './types.js';
import { TEXT_FEATURES, textFeatures, type TextFeature } from './text-features.js';

export type Row = Record<string, unknown>;
export type ColumnKind = 'numeric' | 'categorical' | 'text';

export interface NumericColumn {
  name: string;
  ref: Float64Array;
  cur: Float64Array;
}
export interface CategoricalColumn {
  name: string;
  ref: string[];
  cur: string[];
}
export interface PreparedColumns {
  numeric: NumericColumn[];
  categorical: CategoricalColumn[];
  kinds: Record<string, ColumnKind>;
  /** text column -> derived numeric feature names */
  derived: Record<string, string[]>;
}

export interface FeatureDrift {
  feature: string;
  is_drifted: boolean;
  drift_severity: DriftSeverity;
  ks_statistic: number | null;
  ks_pvalue: number | null;
  psi_value: number | null;
  reference_mean: number | null;
  current_mean: number | null;
  /** Additions beyond the documented shape. */
  feature_type: 'numeric' | 'categorical';
  status: 'ok' | 'insufficient';
  chi2_statistic?: number | null;
  chi2_pvalue?: number | null;
  effect_size: number | null;
  effect_size_name: string;
  reference_count: number;
  current_count: number;
}

export interface DataDriftResponse {
  drift_detected: boolean;
  overall_drift_score: number;
  drifted_features: string[];
  drift_summary: {
    total_drifted_features: number;
    drift_percentage: number;
    severe_drift_features: string[];
    moderate_drift_features: string[];
    minor_drift_features: string[];
  };
  statistical_tests: Record<string, FeatureDrift>;
  timestamp: string;
  reference_size: number;
  current_size: number;
  features_tested: number;
  insufficient_features: string[];
}

const TEXT_MIN_MEAN_LENGTH = 20;
const TEXT_MIN_MEAN_WORDS = 3;

function describeValue(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

function validateRows(rows: unknown, field: string): Row[] {
  if (!Array.isArray(rows) || rows.length === 0) throw appError('DRIFT_EMPTY_DATA', { field });
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw appError('DRIFT_BAD_ROW', { field, index: i });
  }
  return rows as Row[];
}

/**
 * A column's non-null values: kept in a Float64Array while every value is a finite number
 * (JSON numeric columns: no boxing, no second copy), switched to a plain array at the first
 * other value (so a stray string is still seen and reported by row).
 */
export class ColumnBuf {
  private nums: Float64Array | null;
  private n = 0;
  private generic: unknown[] | null = null;
  constructor(capacity: number) {
    this.nums = new Float64Array(capacity);
  }
  push(v: unknown): void {
    if (this.generic) this.generic.push(v);
    else if (typeof v === 'number' && Number.isFinite(v)) this.nums![this.n++] = v;
    else {
      this.generic = Array.from(this.nums!.subarray(0, this.n));
      this.nums = null;
      this.generic.push(v);
    }
  }
  get length(): number {
    return this.generic ? this.generic.length : this.n;
  }
  values(): Float64Array | unknown[] {
    return this.generic ?? this.nums!.subarray(0, this.n);
  }
}

/**
 * One pass over the rows collecting each column's non-null values. Object.keys/values per row
 * with the key -> column mapping reused while consecutive rows share their key list is ~5x
 * faster than keyed reads per column on JSON-parsed rows; numeric columns go straight into
 * typed arrays (another ~2x).
 */
export function collectColumns(rows: Row[], cols = new Map<string, ColumnBuf>(), from = 0, to = rows.length): Map<string, ColumnBuf> {
  let lastKeys: string[] = [];
  let lastTargets: ColumnBuf[] = [];
  for (let i = from; i < to; i++) {
    const r = rows[i];
    const ks = Object.keys(r);
    const vs = Object.values(r);
    let same = ks.length === lastKeys.length;
    for (let q = 0; same && q < ks.length; q++) same = ks[q] === lastKeys[q];
    if (!same) {
      lastTargets = ks.map((k) => {
        let c = cols.get(k);
        if (!c) cols.set(k, (c = new ColumnBuf(rows.length)));
        return c;
      });
      lastKeys = ks;
    }
    for (let q = 0; q < vs.length; q++) {
      const v = vs[q];
      if (v !== null && v !== undefined) lastTargets[q].push(v);
    }
  }
  return cols;
}

type Values = Float64Array | readonly unknown[];
const EMPTY: Values = [];

function inferKind(values: Values): ColumnKind | null {
  if (values instanceof Float64Array) return values.length ? 'numeric' : null;
  let nums = 0;
  let strs = 0;
  let totalLen = 0;
  let totalWords = 0;
  const m = Math.min(values.length, 2000);
  for (let i = 0; i < m; i++) {
    const v = values[i];
    if (typeof v === 'number') nums++;
    else if (typeof v === 'string') {
      strs++;
      totalLen += v.length;
      totalWords += v.trim() === '' ? 0 : v.trim().split(/\s+/).length;
    } else strs++;
  }
  if (m === 0) return null;
  if (nums > strs) return 'numeric';
  if (strs === 0) return 'categorical';
  return totalLen / strs >= TEXT_MIN_MEAN_LENGTH || totalWords / strs >= TEXT_MIN_MEAN_WORDS ? 'text' : 'categorical';
}

function extractNumeric(values: Values, rows: Row[], name: string, field: string): Float64Array {
  // Our own buffer (not shared with another column): sorted in place / transferred later.
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      // Error path only: find the row to name it.
      const index = rows.findIndex((r) => r[name] === v);
      throw appError('DRIFT_NON_NUMERIC', { feature: name, field, index, value: describeValue(v) });
    }
    out[i] = v;
  }
  // Sorted later, by analyzeNumeric (possibly in a worker thread).
  return out;
}

function extractCategorical(values: Values): string[] {
  return Array.from(values as ArrayLike<unknown>, (v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

function extractText(values: Values, feats: readonly TextFeature[]): Float64Array[] {
  const cols = feats.map(() => new Float64Array(values.length));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const f = textFeatures(typeof v === 'string' ? v : String(v));
    for (let j = 0; j < feats.length; j++) cols[j][i] = f[feats[j]];
  }
  return cols;
}

/**
 * Types and extracts the feature columns of both samples. Throws catalogue errors (4xx) on
 * empty samples, rows that are not objects, unknown feature columns, a feature missing from
 * one sample, and non-numeric values in a numeric column (naming the row).
 */
export function prepareColumns(refRows: unknown, curRows: unknown, featureColumns?: readonly string[]): PreparedColumns {
  const ref = validateRows(refRows, 'reference_data');
  const cur = validateRows(curRows, 'current_data');
  const steps = prepareCollected(ref, cur, collectColumns(ref), collectColumns(cur), featureColumns);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Same as prepareColumns, collecting rows in chunks and yielding between them (big inputs). */
export async function prepareColumnsAsync(
  refRows: unknown,
  curRows: unknown,
  featureColumns: readonly string[] | undefined,
  yieldNow: () => Promise<unknown>,
  chunk = 50_000,
): Promise<PreparedColumns> {
  const ref = validateRows(refRows, 'reference_data');
  const cur = validateRows(curRows, 'current_data');
  const collect = async (rows: Row[]) => {
    const cols = new Map<string, ColumnBuf>();
    for (let i = 0; i < rows.length; i += chunk) {
      collectColumns(rows, cols, i, Math.min(rows.length, i + chunk));
      await yieldNow();
    }
    return cols;
  };
  const steps = prepareCollected(ref, cur, await collect(ref), await collect(cur), featureColumns);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await yieldNow();
  }
}

/** A generator so the async path can yield between columns (it yields after each one). */
function* prepareCollected(
  ref: Row[],
  cur: Row[],
  refBufs: Map<string, ColumnBuf>,
  curBufs: Map<string, ColumnBuf>,
  featureColumns?: readonly string[],
): Generator<void, PreparedColumns, void> {
  const refCols = new Map([...refBufs].map(([k, b]) => [k, b.values()] as const));
  const curCols = new Map([...curBufs].map(([k, b]) => [k, b.values()] as const));
  const refNames = new Set([...refCols].filter(([, v]) => v.length > 0).map(([k]) => k));
  const curNames = new Set([...curCols].filter(([, v]) => v.length > 0).map(([k]) => k));
  const all = new Set([...refCols.keys(), ...curCols.keys()]);
  const kinds: Record<string, ColumnKind> = {};
  for (const name of all) {
    const k = inferKind(refCols.get(name) ?? EMPTY) ?? inferKind(curCols.get(name) ?? EMPTY);
    if (k) kinds[name] = k;
  }
  const textCols = Object.keys(kinds).filter((n) => kinds[n] === 'text');
  const derived: Record<string, string[]> = {};

  // requested feature -> (column, kind, text feature?)
  type Req = { feature: string; column: string; kind: ColumnKind; textFeature?: TextFeature };
  const reqs: Req[] = [];
  if (featureColumns && featureColumns.length > 0) {
    const known = [...Object.keys(kinds), ...textCols.flatMap((c) => TEXT_FEATURES.map((f) => `${c}.${f}`))];
    if (textCols.length === 1) known.push(...TEXT_FEATURES.filter((f) => !(f in kinds)));
    for (const feature of new Set(featureColumns)) {
      if (feature in kinds) {
        if (kinds[feature] === 'text') {
          for (const f of TEXT_FEATURES) reqs.push({ feature: `${feature}.${f}`, column: feature, kind: 'text', textFeature: f });
        } else reqs.push({ feature, column: feature, kind: kinds[feature] });
        continue;
      }
      const dot = feature.lastIndexOf('.');
      const col = dot > 0 ? feature.slice(0, dot) : '';
      const f = dot > 0 ? feature.slice(dot + 1) : feature;
      if (dot > 0 && kinds[col] === 'text' && (TEXT_FEATURES as readonly string[]).includes(f)) {
        reqs.push({ feature, column: col, kind: 'text', textFeature: f as TextFeature });
      } else if (dot < 0 && textCols.length === 1 && (TEXT_FEATURES as readonly string[]).includes(f)) {
        reqs.push({ feature, column: textCols[0], kind: 'text', textFeature: f as TextFeature });
      } else if (all.has(feature)) {
        throw appError('DRIFT_MISSING_FEATURE', { feature, field: 'reference_data or current_data (only nulls)' });
      } else {
        throw appError('DRIFT_UNKNOWN_FEATURE', { feature, known });
      }
    }
  } else {
    for (const [name, kind] of Object.entries(kinds)) {
      if (kind === 'text') for (const f of TEXT_FEATURES) reqs.push({ feature: `${name}.${f}`, column: name, kind, textFeature: f });
      else reqs.push({ feature: name, column: name, kind });
    }
  }
  if (reqs.length === 0) throw appError('DRIFT_NO_FEATURES');

  for (const r of reqs) {
    if (!refNames.has(r.column)) throw appError('DRIFT_MISSING_FEATURE', { feature: r.column, field: 'reference_data' });
    if (!curNames.has(r.column)) throw appError('DRIFT_MISSING_FEATURE', { feature: r.column, field: 'current_data' });
  }

  const numeric: NumericColumn[] = [];
  const categorical: CategoricalColumn[] = [];
  // Text features: extract all requested features of one column in one pass per sample.
  const textReqs = new Map<string, Req[]>();
  for (const r of reqs) {
    if (r.kind === 'numeric') {
      numeric.push({
        name: r.feature,
        ref: extractNumeric(refCols.get(r.column)!, ref, r.column, 'reference_data'),
        cur: extractNumeric(curCols.get(r.column)!, cur, r.column, 'current_data'),
      });
      yield;
    } else if (r.kind === 'categorical') {
      categorical.push({ name: r.feature, ref: extractCategorical(refCols.get(r.column)!), cur: extractCategorical(curCols.get(r.column)!) });
      yield;
    } else {
      const list = textReqs.get(r.column) ?? [];
      list.push(r);
      textReqs.set(r.column, list);
    }
  }
  for (const [column, list] of textReqs) {
    const feats = list.map((r) => r.textFeature!);
    const rc = extractText(refCols.get(column)!, feats);
    const cc = extractText(curCols.get(column)!, feats);
    derived[column] = list.map((r) => r.feature);
    list.forEach((r, j) => numeric.push({ name: r.feature, ref: rc[j], cur: cc[j] }));
    yield;
  }
  return { numeric, categorical, kinds, derived };
}

function mean(a: Float64Array): number | null {
  if (a.length === 0) return null;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

const finiteOrNull = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x);

/**
 * KS + PSI on one numeric feature; sorts `col.ref`/`col.cur` in place (they are our own
 * extracted copies). This is what the worker thread runs for big inputs.
 */
export function analyzeNumeric(col: NumericColumn, cfg: DriftTestConfig): FeatureDrift {
  col.ref.sort();
  col.cur.sort();
  const k: DriftResult = ks.test(col.ref, col.cur, cfg);
  const p: DriftResult = psi.test(col.ref, col.cur, cfg);
  const ok = k.status === 'ok';
  const drifted = ok && (k.is_drifted || p.is_drifted);
  return {
    feature: col.name,
    is_drifted: drifted,
    drift_severity: ok ? severityFromPsi(p.statistic, cfg) : 'minor',
    ks_statistic: finiteOrNull(k.statistic),
    ks_pvalue: finiteOrNull(k.p_value),
    psi_value: finiteOrNull(p.statistic),
    reference_mean: mean(col.ref),
    current_mean: mean(col.cur),
    feature_type: 'numeric',
    status: k.status,
    effect_size: finiteOrNull(k.effect_size),
    effect_size_name: 'ks_statistic',
    reference_count: col.ref.length,
    current_count: col.cur.length,
  };
}

/** Chi-square (+ category PSI) on one categorical feature. */
export function analyzeCategorical(col: CategoricalColumn, cfg: DriftTestConfig): FeatureDrift {
  const c = chi2.test(col.ref, col.cur, cfg);
  const ok = c.status === 'ok';
  const catPsi = ok ? (c.details?.psi as number) : null;
  const drifted = ok && (c.is_drifted || (catPsi ?? 0) >= cfg.psi_threshold);
  return {
    feature: col.name,
    is_drifted: drifted,
    drift_severity: ok && catPsi !== null ? severityFromPsi(catPsi, cfg) : 'minor',
    // KS and means are undefined for categories: null rather than an invented number.
    ks_statistic: null,
    ks_pvalue: null,
    psi_value: finiteOrNull(catPsi),
    reference_mean: null,
    current_mean: null,
    feature_type: 'categorical',
    status: c.status,
    chi2_statistic: finiteOrNull(c.statistic),
    chi2_pvalue: finiteOrNull(c.p_value),
    effect_size: finiteOrNull(c.effect_size),
    effect_size_name: 'cramers_v',
    reference_count: col.ref.length,
    current_count: col.cur.length,
  };
}

/** Assembles the documented response from per-feature results. */
export function summarize(features: FeatureDrift[], refSize: number, curSize: number, now: Date): DataDriftResponse {
  const tested = features.filter((f) => f.status === 'ok');
  const drifted = features.filter((f) => f.is_drifted);
  const bySev = (s: DriftSeverity) => drifted.filter((f) => f.drift_severity === s).map((f) => f.feature);
  const statistical_tests: Record<string, FeatureDrift> = {};
  for (const f of features) statistical_tests[f.feature] = f;
  const share = tested.length ? drifted.length / tested.length : 0;
  return {
    drift_detected: drifted.length > 0,
    overall_drift_score: share,
    drifted_features: drifted.map((f) => f.feature),
    drift_summary: {
      total_drifted_features: drifted.length,
      drift_percentage: share * 100,
      severe_drift_features: bySev('severe'),
      moderate_drift_features: bySev('moderate'),
      minor_drift_features: bySev('minor'),
    },
    statistical_tests,
    timestamp: now.toISOString(),
    reference_size: refSize,
    current_size: curSize,
    features_tested: tested.length,
    insufficient_features: features.filter((f) => f.status === 'insufficient').map((f) => f.feature),
  };
}

/** Synchronous end-to-end drift on rows (small inputs; big ones go through the worker). */
export function detectDataDrift(
  refRows: unknown,
  curRows: unknown,
  featureColumns: readonly string[] | undefined,
  cfg: DriftTestConfig,
  now = new Date(),
): DataDriftResponse {
  const cols = prepareColumns(refRows, curRows, featureColumns);
  const features = [...cols.numeric.map((c) => analyzeNumeric(c, cfg)), ...cols.categorical.map((c) => analyzeCategorical(c, cfg))];
  return summarize(features, (refRows as unknown[]).length, (curRows as unknown[]).length, now);
}
