/**
 * Model drift and model comparison from predictions (pure).
 *
 * A prediction row is an object; its label is read from the first present field of
 * PREDICTION_FIELDS and its confidence from CONFIDENCE_FIELDS. Model drift =
 *  - the predicted-label distribution moved (chi-square + Cramer's V, category PSI), or
 *  - the confidence distribution moved (KS + PSI), or
 *  - with ground truth for both windows: accuracy or macro F1 dropped by more than
 *    accuracy_drop_threshold / f1_drop_threshold.
 * drift_score = max(label PSI, confidence PSI, accuracy drop, f1 drop) (0 when none measured).
 */
import { appError } from '../platform/errors.js';
import { classificationReport, rocAuc, rocAucOvr, type ClassificationReport } from '../ml/metrics.js';
import { analyzeCategorical, analyzeNumeric, type FeatureDrift } from './drift/data-drift.js';
import type { DriftTestConfig } from './drift/types.js';

export const PREDICTION_FIELDS = ['prediction', 'predicted_label', 'predicted_class', 'label', 'class'] as const;
export const CONFIDENCE_FIELDS = ['confidence', 'score', 'probability', 'confidence_score'] as const;

export interface DriftThresholds extends DriftTestConfig {
  accuracy_drop_threshold: number;
  f1_drop_threshold: number;
}

function field<T>(row: Record<string, unknown>, names: readonly string[], pick: (v: unknown) => T | undefined): T | undefined {
  for (const n of names) {
    const v = pick(row[n]);
    if (v !== undefined) return v;
  }
  return undefined;
}

const asLabel = (v: unknown) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const asNum = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Extracts labels and confidences; throws a 400 naming the row when a row has no label. */
export function readPredictions(rows: unknown, name: string): { labels: string[]; confidences: number[] } {
  if (!Array.isArray(rows) || rows.length === 0) throw appError('DRIFT_EMPTY_DATA', { field: name });
  const labels: string[] = [];
  const confidences: number[] = [];
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) throw appError('DRIFT_BAD_ROW', { field: name, index: i });
    const l = field(row as Record<string, unknown>, PREDICTION_FIELDS, asLabel);
    if (l === undefined) {
      throw appError('ANALYTICS_BAD_VALUE', { field: `${name}[${i}]`, detail: `needs a predicted label in one of: ${PREDICTION_FIELDS.join(', ')}` });
    }
    labels.push(l);
    const c = field(row as Record<string, unknown>, CONFIDENCE_FIELDS, asNum);
    if (c !== undefined) confidences.push(c);
  });
  return { labels, confidences };
}

function checkLabels(truth: unknown, n: number, name: string, predName: string): string[] | undefined {
  if (truth === undefined || truth === null) return undefined;
  if (!Array.isArray(truth)) throw appError('ANALYTICS_BAD_VALUE', { field: name, detail: 'must be an array of labels' });
  if (truth.length !== n) throw appError('ANALYTICS_LENGTH_MISMATCH', { a: name, b: predName, na: truth.length, nb: n });
  return truth.map((t, i) => {
    const l = asLabel(t);
    if (l === undefined) throw appError('ANALYTICS_BAD_VALUE', { field: `${name}[${i}]`, detail: 'labels must be strings' });
    return l;
  });
}

const summary = (r: ClassificationReport) => ({
  accuracy: r.accuracy,
  precision: r.macro.precision,
  recall: r.macro.recall,
  f1_score: r.macro.f1,
  weighted_f1: r.weighted.f1,
  support: r.total,
});

export function detectModelDrift(
  input: { current_predictions: unknown; reference_predictions: unknown; current_labels?: unknown; reference_labels?: unknown },
  cfg: DriftThresholds,
  now: Date,
) {
  const cur = readPredictions(input.current_predictions, 'current_predictions');
  const ref = readPredictions(input.reference_predictions, 'reference_predictions');
  const curTruth = checkLabels(input.current_labels, cur.labels.length, 'current_labels', 'current_predictions');
  const refTruth = checkLabels(input.reference_labels, ref.labels.length, 'reference_labels', 'reference_predictions');

  const labelDrift: FeatureDrift = analyzeCategorical({ name: 'predicted_label', ref: ref.labels, cur: cur.labels }, cfg);
  const confDrift: FeatureDrift | null =
    ref.confidences.length && cur.confidences.length
      ? analyzeNumeric({ name: 'confidence', ref: Float64Array.from(ref.confidences), cur: Float64Array.from(cur.confidences) }, cfg)
      : null;
  const perf: Record<string, unknown> = {};
  let accDrop: number | null = null;
  let f1Drop: number | null = null;
  if (curTruth) perf.current = summary(classificationReport(curTruth, cur.labels));
  if (refTruth) perf.reference = summary(classificationReport(refTruth, ref.labels));
  if (perf.current && perf.reference) {
    const c = perf.current as ReturnType<typeof summary>;
    const r = perf.reference as ReturnType<typeof summary>;
    accDrop = r.accuracy - c.accuracy;
    f1Drop = r.f1_score - c.f1_score;
    perf.accuracy_drop = accDrop;
    perf.f1_drop = f1Drop;
  }
  const performanceDrift = (accDrop !== null && accDrop > cfg.accuracy_drop_threshold) || (f1Drop !== null && f1Drop > cfg.f1_drop_threshold);
  const drifted = labelDrift.is_drifted || (confDrift?.is_drifted ?? false) || performanceDrift;
  const score = Math.max(0, labelDrift.psi_value ?? 0, confDrift?.psi_value ?? 0, accDrop ?? 0, f1Drop ?? 0);
  return {
    drift_detected: drifted,
    drift_score: score,
    prediction_drift: labelDrift,
    confidence_drift: confDrift,
    performance_drift: performanceDrift,
    performance: perf,
    current_size: cur.labels.length,
    reference_size: ref.labels.length,
    timestamp: now.toISOString(),
  };
}

/**
 * Old vs new model on the same inputs: per-model metrics against ground truth (when given),
 * agreement rate, and drift between their prediction distributions.
 */
export function compareModelPerformance(
  input: { old_model_predictions: unknown; new_model_predictions: unknown; ground_truth?: unknown },
  cfg: DriftThresholds,
  now: Date,
) {
  const oldP = readPredictions(input.old_model_predictions, 'old_model_predictions');
  const newP = readPredictions(input.new_model_predictions, 'new_model_predictions');
  const truth = checkLabels(input.ground_truth, oldP.labels.length, 'ground_truth', 'old_model_predictions');
  if (truth && newP.labels.length !== truth.length) {
    throw appError('ANALYTICS_LENGTH_MISMATCH', { a: 'ground_truth', b: 'new_model_predictions', na: truth.length, nb: newP.labels.length });
  }
  let agree = 0;
  const paired = oldP.labels.length === newP.labels.length;
  if (paired) for (let i = 0; i < oldP.labels.length; i++) if (oldP.labels[i] === newP.labels[i]) agree++;
  const labelDrift = analyzeCategorical({ name: 'predicted_label', ref: oldP.labels, cur: newP.labels }, cfg);
  let oldM: ReturnType<typeof summary> | null = null;
  let newM: ReturnType<typeof summary> | null = null;
  if (truth) {
    oldM = summary(classificationReport(truth, oldP.labels));
    newM = summary(classificationReport(truth, newP.labels));
  }
  const accChange = oldM && newM ? newM.accuracy - oldM.accuracy : null;
  const f1Change = oldM && newM ? newM.f1_score - oldM.f1_score : null;
  return {
    old_model: oldM,
    new_model: newM,
    accuracy_change: accChange,
    f1_change: f1Change,
    performance_degraded: (accChange !== null && -accChange > cfg.accuracy_drop_threshold) || (f1Change !== null && -f1Change > cfg.f1_drop_threshold),
    agreement_rate: paired ? agree / oldP.labels.length : null,
    prediction_drift: labelDrift,
    drift_detected: labelDrift.is_drifted,
    timestamp: now.toISOString(),
  };
}

/**
 * Comprehensive metrics. ROC AUC when y_prob is given: with exactly two labels (or 'benign'
 * plus attack labels), y_prob[i] is the probability of the positive class (the non-'benign'
 * one, else the greater label as sklearn does) -> binary AUC; y_prob as one row of class
 * probabilities per sample (in sorted label order) -> one-vs-rest macro AUC.
 */
export function comprehensiveMetrics(input: { y_true: unknown; y_pred: unknown; y_prob?: unknown; model_name: string }, now: Date) {
  const yTrue = checkLabels(input.y_true, Array.isArray(input.y_true) ? input.y_true.length : 0, 'y_true', 'y_true');
  if (!yTrue || yTrue.length === 0) throw appError('DRIFT_EMPTY_DATA', { field: 'y_true' });
  const yPred = checkLabels(input.y_pred, yTrue.length, 'y_pred', 'y_true')!;
  const rep = classificationReport(yTrue, yPred);
  let rocAucValue: number | null = null;
  let rocNote: string | undefined;
  const yProb = input.y_prob;
  if (yProb !== undefined && yProb !== null) {
    if (!Array.isArray(yProb) || yProb.length !== yTrue.length) {
      throw appError('ANALYTICS_LENGTH_MISMATCH', { a: 'y_prob', b: 'y_true', na: Array.isArray(yProb) ? yProb.length : 0, nb: yTrue.length });
    }
    const classes = [...new Set(yTrue)].sort();
    if (yProb.every((p) => typeof p === 'number' && p >= 0 && p <= 1)) {
      const positive = classes.includes('benign') ? null : classes.length === 2 ? classes[1] : undefined;
      if (positive === undefined) {
        rocNote = 'y_prob as one number per sample needs two classes (or benign vs attack)';
      } else {
        const y = yTrue.map((t) => (positive === null ? t !== 'benign' : t === positive) ? 1 : 0);
        try {
          rocAucValue = rocAuc(y, yProb as number[]);
        } catch (e) {
          rocNote = (e as Error).message;
        }
      }
    } else if (yProb.every((row) => Array.isArray(row) && row.every((v: unknown) => typeof v === 'number'))) {
      const r = rocAucOvr(yTrue, yProb as number[][], rep.labels);
      rocAucValue = r.macro;
    } else {
      throw appError('ANALYTICS_BAD_VALUE', { field: 'y_prob', detail: 'must be probabilities in [0, 1] (one per sample) or one probability row per sample' });
    }
  }
  return {
    model_name: input.model_name,
    accuracy: rep.accuracy,
    precision: rep.macro.precision,
    recall: rep.macro.recall,
    f1_score: rep.macro.f1,
    precision_macro: rep.macro.precision,
    recall_macro: rep.macro.recall,
    f1_macro: rep.macro.f1,
    precision_weighted: rep.weighted.precision,
    recall_weighted: rep.weighted.recall,
    f1_weighted: rep.weighted.f1,
    roc_auc: rocAucValue,
    ...(rocNote ? { roc_auc_note: rocNote } : {}),
    per_class: rep.per_class,
    confusion_matrix: rep.confusion_matrix,
    labels: rep.labels,
    sample_size: rep.total,
    timestamp: now.toISOString(),
  };
}
