/**
 * Evaluation of a trained model on labelled records (pure: predictions in, report out).
 *
 * The detection question is binary (attack or not), so the headline numbers use the attack
 * score 1 - P(benign): ROC AUC, recall at 1% and 3% false-positive rate, and precision /
 * recall / FPR at the 0.5 threshold. The multi-class report (per label, confusion matrix) and
 * per-group figures (per source file) come alongside.
 */
import type { DatasetRecord } from '../ml/dataset-io.js';
import type { Label } from '../ml/labels.js';
import type { Probabilities } from '../ml/linear-model.js';
import { classificationReport, recallAtFpr, rocAuc, type ClassificationReport } from '../ml/metrics.js';

export interface BinaryMetrics {
  n: number;
  attacks: number;
  benign: number;
  /** Null when only one class is present. */
  roc_auc: number | null;
  recall_at_1pct_fpr: number | null;
  recall_at_3pct_fpr: number | null;
  threshold_at_3pct_fpr: number | null;
  /** At threshold 0.5 on the attack score. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  fpr: number | null;
}

export interface GroupMetrics {
  n: number;
  attacks: number;
  benign: number;
  /** Share of attack rows flagged at 0.5 (null without attacks). */
  recall: number | null;
  /** Share of benign rows flagged at 0.5 (null without benign rows). */
  fpr: number | null;
  roc_auc: number | null;
}

export interface EvalReport {
  binary: BinaryMetrics;
  multiclass: ClassificationReport;
  per_group: Record<string, GroupMetrics>;
}

export function attackScore(p: Probabilities): number {
  return 1 - p.benign;
}

export function binaryMetrics(isAttack: readonly boolean[], scores: readonly number[], threshold = 0.5): BinaryMetrics {
  const n = isAttack.length;
  const attacks = isAttack.filter(Boolean).length;
  const benign = n - attacks;
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    if (scores[i] >= threshold) {
      if (isAttack[i]) tp++;
      else fp++;
    }
  }
  const both = attacks > 0 && benign > 0;
  const r3 = both ? recallAtFpr(isAttack, scores, 0.03) : null;
  const precision = tp + fp > 0 ? tp / (tp + fp) : attacks > 0 ? 0 : null;
  const recall = attacks > 0 ? tp / attacks : null;
  return {
    n,
    attacks,
    benign,
    roc_auc: both ? rocAuc(isAttack, scores) : null,
    recall_at_1pct_fpr: both ? recallAtFpr(isAttack, scores, 0.01).recall : null,
    recall_at_3pct_fpr: r3 ? r3.recall : null,
    threshold_at_3pct_fpr: r3 ? (Number.isFinite(r3.threshold) ? r3.threshold : null) : null,
    precision,
    recall,
    f1: precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : recall === null ? null : 0,
    fpr: benign > 0 ? fp / benign : null,
  };
}

/**
 * Evaluate predictions for `records` (same order). `groupBy` picks the per-group key (default:
 * the import file, else the source).
 */
export function evaluatePredictions(
  records: readonly DatasetRecord[],
  probs: readonly Probabilities[],
  labels: readonly Label[],
  groupBy: (r: DatasetRecord) => string = (r) => r.file ?? r.source,
): EvalReport {
  if (records.length !== probs.length) throw new Error(`got ${probs.length} predictions for ${records.length} records`);
  const isAttack = records.map((r) => r.label !== 'benign');
  const scores = probs.map(attackScore);
  const predicted = probs.map((p) => labels.reduce((best, l) => (p[l] > p[best] ? l : best), labels[0]));
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => {
    const g = groupBy(r);
    const arr = groups.get(g);
    if (arr) arr.push(i);
    else groups.set(g, [i]);
  });
  const per_group: Record<string, GroupMetrics> = {};
  for (const [g, idx] of [...groups.entries()].sort()) {
    const m = binaryMetrics(
      idx.map((i) => isAttack[i]),
      idx.map((i) => scores[i]),
    );
    per_group[g] = { n: m.n, attacks: m.attacks, benign: m.benign, recall: m.recall, fpr: m.fpr, roc_auc: m.roc_auc };
  }
  return {
    binary: binaryMetrics(isAttack, scores),
    multiclass: classificationReport(
      records.map((r) => r.label),
      predicted,
      [...labels],
    ),
    per_group,
  };
}
