import { describe, expect, it } from 'vitest';
import { binaryMetrics, evaluationReport, type EvalItem } from './evaluation.js';

const item = (label: EvalItem['label'], score: number, file: string, hardNegative = false): EvalItem => ({
  label,
  file,
  hardNegative,
  score,
  predicted: score >= 0.5 ? (label === 'benign' ? 'prompt_injection' : label) : 'benign',
  isAttack: score >= 0.5,
  modelScores: { linear: score, rules: 1 - score },
});

describe('evaluation report', () => {
  const items = [
    item('benign', 0.1, 'b.jsonl'),
    item('benign', 0.6, 'b.jsonl', true),
    item('benign', 0.2, 'b.jsonl', true),
    item('jailbreak', 0.9, 'a.jsonl'),
    item('jailbreak', 0.4, 'a.jsonl'),
  ];
  it('binary metrics at the served decision and threshold-free', () => {
    const m = binaryMetrics(items);
    expect(m.precision).toBeCloseTo(0.5);
    expect(m.recall).toBeCloseTo(0.5);
    expect(m.fpr).toBeCloseTo(1 / 3);
    expect(m.roc_auc).toBeCloseTo(5 / 6);
  });
  it('per file (attack-only files ranked against all benign), per model, hard negatives', () => {
    const r = evaluationReport(items);
    expect(r.per_file['a.jsonl'].roc_auc).toBeCloseTo(5 / 6);
    expect(r.per_file['b.jsonl'].fpr).toBeCloseTo(1 / 3);
    expect(r.per_model.rules.roc_auc).toBeCloseTo(1 / 6);
    expect(r.hard_negatives).toEqual({ n: 2, fpr: 0.5 });
    expect(r.labels.confusion_matrix.length).toBe(5);
  });
});
