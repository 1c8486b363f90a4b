import { classificationReport, recallAtFpr, rocAuc, type ClassificationReport } from '../ml/metrics.js';
import { LABELS, type Label } from '../ml/labels.js';

export interface EvalItem {
  readonly label: Label;
  readonly file: string;
  readonly hardNegative?: boolean;
  /** The scored text, when the caller wants errors listed (`worstErrors`). */
  readonly text?: string;
  /** Ensemble P(attack) and decision. */
  readonly score: number;
  readonly predicted: Label;
  readonly isAttack: boolean;
  /** P(attack) per model. */
  readonly modelScores: Readonly<Record<string, number>>;
}

export interface BinaryMetrics {
  n: number;
  attacks: number;
  benign: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  fpr: number | null;
  roc_auc: number | null;
  recall_at_1pct_fpr: number | null;
  recall_at_3pct_fpr: number | null;
}

const safe = <T>(f: () => T): T | null => {
  try {
    return f();
  } catch {
    return null;
  }
};

/** Pure: attack-vs-benign metrics at the items' own decisions, plus threshold-free ones. */
export function binaryMetrics(items: readonly EvalItem[], scoreOf?: (i: EvalItem) => number): BinaryMetrics {
  const y = items.map((i) => (i.label === 'benign' ? 0 : 1));
  const s = items.map(scoreOf ?? ((i) => i.score));
  // A single model's decision is its own score at 0.5; the ensemble's is the served decision.
  const pred = scoreOf ? s.map((v) => v >= 0.5) : items.map((i) => i.isAttack);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  y.forEach((t, k) => (t ? (pred[k] ? tp++ : fn++) : pred[k] ? fp++ : tn++));
  const attacks = tp + fn;
  const benign = fp + tn;
  const precision = tp + fp ? tp / (tp + fp) : null;
  const recall = attacks ? tp / attacks : null;
  return {
    n: items.length,
    attacks,
    benign,
    precision,
    recall,
    f1:
      precision !== null && recall !== null && precision + recall > 0
        ? (2 * precision * recall) / (precision + recall)
        : null,
    fpr: benign ? fp / benign : null,
    roc_auc: attacks && benign ? safe(() => rocAuc(y, s)) : null,
    recall_at_1pct_fpr: attacks && benign ? safe(() => recallAtFpr(y, s, 0.01).recall) : null,
    recall_at_3pct_fpr: attacks && benign ? safe(() => recallAtFpr(y, s, 0.03).recall) : null,
  };
}

export interface EvalReport {
  overall: BinaryMetrics;
  per_model: Record<string, BinaryMetrics>;
  /** Per source file. Files with one class only: recall (attacks) or FPR (benign) at the decision. */
  per_file: Record<string, BinaryMetrics>;
  hard_negatives: { n: number; fpr: number | null };
  labels: ClassificationReport;
}

/**
 * Pure: the full evaluation report. Per-file AUC needs both classes in the file; a file of
 * attacks only is measured against all benign items (so its AUC says "are these attacks ranked
 * above benign traffic").
 */
export function evaluationReport(items: readonly EvalItem[]): EvalReport {
  const files = [...new Set(items.map((i) => i.file))].sort();
  const benignAll = items.filter((i) => i.label === 'benign');
  const per_file: Record<string, BinaryMetrics> = {};
  for (const f of files) {
    const mine = items.filter((i) => i.file === f);
    const hasBoth = mine.some((i) => i.label === 'benign') && mine.some((i) => i.label !== 'benign');
    const m = binaryMetrics(mine);
    if (!hasBoth && mine[0]?.label !== 'benign' && benignAll.length) {
      const vsBenign = binaryMetrics([...mine, ...benignAll]);
      per_file[f] = {
        ...m,
        roc_auc: vsBenign.roc_auc,
        recall_at_1pct_fpr: vsBenign.recall_at_1pct_fpr,
        recall_at_3pct_fpr: vsBenign.recall_at_3pct_fpr,
      };
    } else per_file[f] = m;
  }
  const models = [...new Set(items.flatMap((i) => Object.keys(i.modelScores)))];
  const per_model = Object.fromEntries(
    models.map((m) => [m, binaryMetrics(items, (i) => i.modelScores[m] ?? 0)]),
  );
  const hn = items.filter((i) => i.hardNegative && i.label === 'benign');
  return {
    overall: binaryMetrics(items),
    per_model,
    per_file,
    hard_negatives: { n: hn.length, fpr: hn.length ? hn.filter((i) => i.isAttack).length / hn.length : null },
    labels: classificationReport(
      items.map((i) => i.label),
      items.map((i) => i.predicted),
      LABELS,
    ),
  };
}

export interface EvalError {
  file: string;
  label: Label;
  predicted: Label;
  score: number;
  model_scores: Record<string, number>;
  text: string;
}

/**
 * Pure: the wrong decisions worth reading first, up to `n` of each kind: false positives with
 * the highest ensemble score and missed attacks with the lowest. Text is cut to `maxChars`.
 */
export function worstErrors(
  items: readonly EvalItem[],
  n: number,
  maxChars = 200,
): { false_positives: EvalError[]; misses: EvalError[] } {
  const view = (i: EvalItem): EvalError => ({
    file: i.file,
    label: i.label,
    predicted: i.predicted,
    score: i.score,
    model_scores: { ...i.modelScores },
    text: (i.text ?? '').replace(/\s+/g, ' ').slice(0, maxChars),
  });
  const fps = items.filter((i) => i.label === 'benign' && i.isAttack).sort((a, b) => b.score - a.score);
  const misses = items.filter((i) => i.label !== 'benign' && !i.isAttack).sort((a, b) => a.score - b.score);
  return { false_positives: fps.slice(0, n).map(view), misses: misses.slice(0, n).map(view) };
}
