import { describe, expect, it } from 'vitest';
import { binaryMetrics, evaluationReport, worstErrors, type EvalItem } from './evaluation.js';

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
  it('lists the worst false positives (highest score) and misses (lowest score), nothing decided right', () => {
    const withText = [
      ...items.map((i, k) => ({ ...i, text: `row ${k}\n  text` })),
      { ...item('benign', 0.95, 'b.jsonl'), text: 'x'.repeat(300) },
      { ...item('jailbreak', 0.05, 'a.jsonl'), text: 'missed' },
    ];
    const e = worstErrors(withText, 5);
    expect(e.false_positives.map((f) => f.score)).toEqual([0.95, 0.6]);
    expect(e.false_positives[0].text.length).toBe(200);
    expect(e.false_positives[1].text).toBe('row 1 text');
    expect(e.misses.map((m) => [m.score, m.text])).toEqual([
      [0.05, 'missed'],
      [0.4, 'row 4 text'],
    ]);
    expect(e.misses[0].model_scores).toEqual({ linear: 0.05, rules: 0.95 });
    expect(worstErrors(withText, 1).misses).toHaveLength(1);
  });
});
