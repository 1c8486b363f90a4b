/**
 * Classification metrics shared by training, detection and analytics.
 *
 * Hand-written on purpose: the JS statistics libraries we ship (simple-statistics, jstat,
 * stdlib) have no classification report, ROC AUC or confusion matrix, and pulling a dataframe
 * library for a few loops is not worth it. Conventions follow scikit-learn so numbers can be
 * compared with Python tooling:
 *  - precision/recall/F1 use `zero_division=0` (an undefined ratio is reported as 0);
 *  - macro = unweighted mean over the given labels, weighted = support-weighted mean;
 *  - ROC AUC equals `roc_auc_score`: the trapezoidal area under the ROC curve, which for tied
 *    scores is the Mann-Whitney U statistic with mid-ranks (a tie between a positive and a
 *    negative counts 1/2);
 *  - one-vs-rest AUC is the macro mean over classes present in y_true with both outcomes
 *    (`roc_auc_score(..., multi_class='ovr', average='macro')` raises when a class is absent;
 *    we skip it and report which classes were used instead).
 */

export type LabelValue = string | number;

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface AverageMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  labels: string[];
  per_class: Record<string, ClassMetrics>;
  accuracy: number;
  macro: AverageMetrics;
  weighted: AverageMetrics;
  /** rows = true label, columns = predicted label, both in `labels` order. */
  confusion_matrix: number[][];
  total: number;
}

function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  if (a.length !== b.length) {
    throw new RangeError(`${what}: lengths differ (${a.length} vs ${b.length})`);
  }
}

/**
 * Labels in a stable order: the explicit list if given, else the sorted union of both arrays
 * (sklearn's `unique_labels`). Numbers sort numerically, strings lexicographically.
 */
export function uniqueLabels(yTrue: readonly LabelValue[], yPred: readonly LabelValue[] = []): string[] {
  const set = new Set<LabelValue>([...yTrue, ...yPred]);
  const vals = [...set];
  const allNum = vals.every((v) => typeof v === 'number');
  vals.sort((a, b) => (allNum ? (a as number) - (b as number) : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  return vals.map(String);
}

/**
 * Confusion matrix with rows = true, columns = predicted, in `labels` order. Pairs whose true
 * or predicted label is not in `labels` are ignored (as sklearn does). Throws on length mismatch.
 */
export function confusionMatrix(yTrue: readonly LabelValue[], yPred: readonly LabelValue[], labels?: readonly LabelValue[]): number[][] {
  assertSameLength(yTrue, yPred, 'confusionMatrix');
  const order = labels ? labels.map(String) : uniqueLabels(yTrue, yPred);
  const idx = new Map(order.map((l, i) => [l, i]));
  const m = order.map(() => order.map(() => 0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = idx.get(String(yTrue[i]));
    const p = idx.get(String(yPred[i]));
    if (t !== undefined && p !== undefined) m[t][p]++;
  }
  return m;
}

const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/**
 * Per-class precision/recall/F1/support, accuracy, macro and weighted averages, and the
 * confusion matrix. Throws RangeError when the arrays are empty or differ in length.
 */
export function classificationReport(
  yTrue: readonly LabelValue[],
  yPred: readonly LabelValue[],
  labels?: readonly LabelValue[],
): ClassificationReport {
  assertSameLength(yTrue, yPred, 'classificationReport');
  if (yTrue.length === 0) throw new RangeError('classificationReport: no samples');
  const order = labels ? labels.map(String) : uniqueLabels(yTrue, yPred);
  const cm = confusionMatrix(yTrue, yPred, order);
  const perClass: Record<string, ClassMetrics> = {};
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (String(yTrue[i]) === String(yPred[i])) correct++;
  const macro = { precision: 0, recall: 0, f1: 0, support: 0 };
  const weighted = { precision: 0, recall: 0, f1: 0, support: 0 };
  order.forEach((label, k) => {
    const tp = cm[k][k];
    let predCount = 0;
    let support = 0;
    for (let j = 0; j < order.length; j++) {
      predCount += cm[j][k];
      support += cm[k][j];
    }
    const precision = div(tp, predCount);
    const recall = div(tp, support);
    const f1 = div(2 * precision * recall, precision + recall);
    perClass[label] = { precision, recall, f1, support };
    macro.precision += precision / order.length;
    macro.recall += recall / order.length;
    macro.f1 += f1 / order.length;
    macro.support += support;
    weighted.precision += precision * support;
    weighted.recall += recall * support;
    weighted.f1 += f1 * support;
    weighted.support += support;
  });
  weighted.precision = div(weighted.precision, weighted.support);
  weighted.recall = div(weighted.recall, weighted.support);
  weighted.f1 = div(weighted.f1, weighted.support);
  return {
    labels: order,
    per_class: perClass,
    accuracy: correct / yTrue.length,
    macro,
    weighted,
    confusion_matrix: cm,
    total: yTrue.length,
  };
}

function toBinary(yTrue: ArrayLike<number | boolean>): Uint8Array {
  const out = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) {
    const v = yTrue[i];
    if (v === true || v === 1) out[i] = 1;
    else if (v === false || v === 0) out[i] = 0;
    else throw new RangeError(`binary labels must be 0/1 or boolean, got ${String(v)} at index ${i}`);
  }
  return out;
}

/** Indices sorted by score descending (stable on ties; tie order does not affect any result here). */
function orderByScoreDesc(scores: ArrayLike<number>): Uint32Array {
  const idx = new Uint32Array(scores.length);
  for (let i = 0; i < idx.length; i++) {
    if (!Number.isFinite(scores[i])) throw new RangeError(`scores must be finite numbers (index ${i})`);
    idx[i] = i;
  }
  idx.sort((a, b) => scores[b] - scores[a]);
  return idx;
}

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Decreasing; the first is +Infinity (nothing predicted positive), as sklearn >= 1.3. */
  thresholds: number[];
}

/**
 * ROC curve at every distinct score (sklearn `roc_curve(..., drop_intermediate=False)`).
 * A sample is predicted positive when `score >= threshold`. Throws when only one class occurs.
 */
export function rocCurve(yTrue: ArrayLike<number | boolean>, scores: ArrayLike<number>): RocCurve {
  assertSameLength(yTrue, scores, 'rocCurve');
  const y = toBinary(yTrue);
  let P = 0;
  for (let i = 0; i < y.length; i++) P += y[i];
  const N = y.length - P;
  if (P === 0 || N === 0) throw new RangeError('ROC needs both positive and negative samples');
  const order = orderByScoreDesc(scores);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    const j = order[i];
    if (y[j]) tp++;
    else fp++;
    // Emit a point only after the last sample with this score: ties move together.
    if (i === order.length - 1 || scores[order[i + 1]] !== scores[j]) {
      fpr.push(fp / N);
      tpr.push(tp / P);
      thresholds.push(scores[j]);
    }
  }
  return { fpr, tpr, thresholds };
}

/**
 * Binary ROC AUC (sklearn `roc_auc_score`): trapezoidal area, ties between a positive and a
 * negative count 1/2. Throws RangeError when only one class is present (AUC undefined).
 */
export function rocAuc(yTrue: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  const { fpr, tpr } = rocCurve(yTrue, scores);
  let area = 0;
  for (let i = 1; i < fpr.length; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
  return area;
}

export interface OvrAuc {
  /** Macro mean over `used` classes; null when no class has both outcomes. */
  macro: number | null;
  /** Support-weighted mean over `used` classes (sklearn average='weighted'). */
  weighted: number | null;
  per_class: Record<string, number | null>;
  used: string[];
}

/**
 * One-vs-rest ROC AUC: `probs[i][k]` is the score of `labels[k]` for sample i. Classes that
 * never occur (or always occur) in y_true get null and are left out of the averages.
 */
export function rocAucOvr(yTrue: readonly LabelValue[], probs: readonly (ArrayLike<number>)[], labels: readonly LabelValue[]): OvrAuc {
  assertSameLength(yTrue, probs, 'rocAucOvr');
  const names = labels.map(String);
  const per: Record<string, number | null> = {};
  const used: string[] = [];
  let sum = 0;
  let wsum = 0;
  let wtot = 0;
  names.forEach((name, k) => {
    const y = yTrue.map((t) => (String(t) === name ? 1 : 0));
    const pos = y.reduce<number>((a, b) => a + b, 0);
    if (pos === 0 || pos === y.length) {
      per[name] = null;
      return;
    }
    const s = probs.map((row, i) => {
      if (row.length !== names.length) throw new RangeError(`probability row ${i} has ${row.length} values, expected ${names.length}`);
      return row[k];
    });
    const auc = rocAuc(y, s);
    per[name] = auc;
    used.push(name);
    sum += auc;
    wsum += auc * pos;
    wtot += pos;
  });
  return {
    macro: used.length ? sum / used.length : null,
    weighted: wtot ? wsum / wtot : null,
    per_class: per,
    used,
  };
}

/** False-positive rate of `score >= threshold` decisions (0 when there are no negatives). */
export function falsePositiveRate(yTrue: ArrayLike<number | boolean>, scores: ArrayLike<number>, threshold: number): number {
  assertSameLength(yTrue, scores, 'falsePositiveRate');
  const y = toBinary(yTrue);
  let fp = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    if (!y[i]) {
      n++;
      if (scores[i] >= threshold) fp++;
    }
  }
  return div(fp, n);
}

export interface RecallAtFpr {
  /** Highest recall whose FPR is <= maxFpr. */
  recall: number;
  /** FPR actually achieved at that threshold. */
  fpr: number;
  /** Decision threshold (predict positive when score >= threshold); Infinity = never positive. */
  threshold: number;
}

/**
 * Recall at a false-positive budget: scans the ROC curve (thresholds are the observed scores)
 * and returns the operating point with the highest recall whose FPR does not exceed `maxFpr`.
 * Throws RangeError when maxFpr is outside [0, 1] or one class is missing.
 */
export function recallAtFpr(yTrue: ArrayLike<number | boolean>, scores: ArrayLike<number>, maxFpr: number): RecallAtFpr {
  if (!(maxFpr >= 0 && maxFpr <= 1)) throw new RangeError(`maxFpr must be within [0, 1], got ${maxFpr}`);
  const { fpr, tpr, thresholds } = rocCurve(yTrue, scores);
  let best = 0;
  for (let i = 1; i < fpr.length; i++) {
    if (fpr[i] <= maxFpr + 1e-12 && tpr[i] >= tpr[best]) best = i;
  }
  return { recall: tpr[best], fpr: fpr[best], threshold: thresholds[best] };
}

export interface PrCurve {
  /** Ends with precision 1 at recall 0, like sklearn. */
  precision: number[];
  recall: number[];
  /** Increasing distinct scores; one fewer than precision/recall. */
  thresholds: number[];
}

/**
 * Precision-recall curve in sklearn's `precision_recall_curve` layout (recall decreasing,
 * thresholds increasing, final point (recall 0, precision 1)). Throws when there are no positives.
 */
export function precisionRecallCurve(yTrue: ArrayLike<number | boolean>, scores: ArrayLike<number>): PrCurve {
  assertSameLength(yTrue, scores, 'precisionRecallCurve');
  const y = toBinary(yTrue);
  let P = 0;
  for (let i = 0; i < y.length; i++) P += y[i];
  if (P === 0) throw new RangeError('precision-recall curve needs at least one positive sample');
  const order = orderByScoreDesc(scores);
  const prec: number[] = [];
  const rec: number[] = [];
  const thr: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    const j = order[i];
    if (y[j]) tp++;
    else fp++;
    if (i === order.length - 1 || scores[order[i + 1]] !== scores[j]) {
      prec.push(tp / (tp + fp));
      rec.push(tp / P);
      thr.push(scores[j]);
    }
  }
  // Recent sklearn (>= 1.3) keeps every threshold, including those below full recall.
  const precision = prec.reverse();
  const recall = rec.reverse();
  const thresholds = thr.reverse();
  precision.push(1);
  recall.push(0);
  return { precision, recall, thresholds };
}

/** Average precision (sklearn `average_precision_score`): sum of (R_n - R_{n-1}) * P_n. */
export function averagePrecision(yTrue: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  const { precision, recall } = precisionRecallCurve(yTrue, scores);
  let ap = 0;
  for (let i = 0; i < recall.length - 1; i++) ap += (recall[i] - recall[i + 1]) * precision[i];
  return ap;
}
