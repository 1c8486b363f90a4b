import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  classificationReport,
  confusionMatrix,
  falsePositiveRate,
  precisionRecallCurve,
  recallAtFpr,
  rocAuc,
  rocAucOvr,
  rocCurve,
} from './metrics.js';

// Expected values are the published examples in scikit-learn's API documentation
// (classification_report, confusion_matrix, roc_curve, roc_auc_score,
// precision_recall_curve, average_precision_score docstrings), or worked by hand below.

describe('classificationReport', () => {
  it('matches the sklearn classification_report docstring example', () => {
    const r = classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1]);
    expect(r.labels).toEqual(['0', '1', '2']);
    expect(r.per_class['0']).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
    expect(r.per_class['1']).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.per_class['2'].precision).toBe(1);
    expect(r.per_class['2'].recall).toBeCloseTo(2 / 3, 12);
    expect(r.per_class['2'].f1).toBeCloseTo(0.8, 12);
    expect(r.accuracy).toBeCloseTo(0.6, 12);
    // docstring: macro avg 0.50 0.56 0.49 ; weighted avg 0.70 0.60 0.61
    expect(r.macro.precision).toBeCloseTo(0.5, 12);
    expect(r.macro.recall).toBeCloseTo(5 / 9, 12);
    expect(r.macro.f1).toBeCloseTo((2 / 3 + 0.8) / 3, 12);
    expect(r.weighted.precision).toBeCloseTo(0.7, 12);
    expect(r.weighted.recall).toBeCloseTo(0.6, 12);
    expect(r.weighted.f1).toBeCloseTo((2 / 3 + 3 * 0.8) / 5, 12);
    expect(r.macro.f1.toFixed(2)).toBe('0.49');
    expect(r.weighted.f1.toFixed(2)).toBe('0.61');
  });

  it('rejects empty and mismatched input', () => {
    expect(() => classificationReport([], [])).toThrow(/no samples/);
    expect(() => classificationReport(['a'], ['a', 'b'])).toThrow(/lengths differ/);
  });

  it('keeps an explicit label order, including labels never seen', () => {
    const r = classificationReport(['a', 'a'], ['a', 'b'], ['b', 'a', 'c']);
    expect(r.labels).toEqual(['b', 'a', 'c']);
    expect(r.per_class.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(r.confusion_matrix).toEqual([
      [0, 0, 0],
      [1, 1, 0],
      [0, 0, 0],
    ]);
  });
});

describe('confusionMatrix', () => {
  it('matches the sklearn docstring examples', () => {
    expect(confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2])).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
    expect(
      confusionMatrix(['cat', 'ant', 'cat', 'cat', 'ant', 'bird'], ['ant', 'ant', 'cat', 'cat', 'ant', 'cat'], ['ant', 'bird', 'cat']),
    ).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
  });
});

describe('ROC', () => {
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];

  it('roc_curve docstring example', () => {
    const c = rocCurve(y, s);
    expect(c.fpr).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(c.tpr).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(c.thresholds).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
  });

  it('roc_auc_score docstring-style example = 0.75', () => {
    expect(rocAuc(y, s)).toBeCloseTo(0.75, 12);
  });

  it('counts ties between a positive and a negative as 1/2 (Mann-Whitney)', () => {
    // pairs (pos, neg): (0.5,0.5)=0.5, (0.5,0.2)=1, (0.9,0.5)=1, (0.9,0.2)=1 -> 3.5/4
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.2])).toBeCloseTo(0.875, 12);
    // all tied -> 0.5
    expect(rocAuc([1, 0, 1, 0], [0.3, 0.3, 0.3, 0.3])).toBeCloseTo(0.5, 12);
  });

  it('throws when only one class is present', () => {
    expect(() => rocAuc([1, 1], [0.2, 0.3])).toThrow(/both positive and negative/);
  });

  it('one-vs-rest macro AUC averages per-class AUCs and skips absent classes', () => {
    const yt = ['a', 'b', 'c', 'a'];
    const probs = [
      [0.8, 0.1, 0.1],
      [0.2, 0.7, 0.1],
      [0.3, 0.3, 0.4],
      [0.4, 0.5, 0.1],
    ];
    const r = rocAucOvr(yt, probs, ['a', 'b', 'c', 'd'].slice(0, 3));
    // a: pos {0.8,0.4} neg {0.2,0.3} -> 1 ; b: pos {0.7} neg {0.1,0.3,0.5} -> 1 ; c: pos {0.4} neg {0.1,0.1,0.1} -> 1
    expect(r.per_class).toEqual({ a: 1, b: 1, c: 1 });
    expect(r.macro).toBe(1);
    const r2 = rocAucOvr(['a', 'a', 'b'], [[0.4, 0.6], [0.9, 0.1], [0.5, 0.5]], ['a', 'b']);
    // a: pos {0.4,0.9} neg {0.5} -> 0.5 ; b: pos {0.5} neg {0.6,0.1} -> 0.5
    expect(r2.macro).toBeCloseTo(0.5, 12);
    const r3 = rocAucOvr(['a', 'a'], [[0.4, 0.6], [0.9, 0.1]], ['a', 'b']);
    expect(r3.macro).toBeNull();
    expect(r3.per_class).toEqual({ a: null, b: null });
  });
});

describe('FPR and recall at FPR', () => {
  const y = [0, 0, 0, 0, 1, 1, 1, 1];
  const s = [0.1, 0.2, 0.3, 0.7, 0.6, 0.8, 0.9, 0.95];

  it('falsePositiveRate counts negatives at or above the threshold', () => {
    expect(falsePositiveRate(y, s, 0.5)).toBe(0.25);
    expect(falsePositiveRate(y, s, 0.75)).toBe(0);
  });

  it('picks the best threshold within the FPR budget', () => {
    expect(recallAtFpr(y, s, 0)).toEqual({ recall: 0.75, fpr: 0, threshold: 0.8 });
    expect(recallAtFpr(y, s, 0.25)).toEqual({ recall: 1, fpr: 0.25, threshold: 0.6 });
    expect(() => recallAtFpr(y, s, 1.5)).toThrow(/maxFpr/);
  });
});

describe('precision-recall', () => {
  it('precision_recall_curve docstring example', () => {
    const c = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(c.precision.map((v) => +v.toFixed(6))).toEqual([0.5, 0.666667, 0.5, 1, 1]);
    expect(c.recall).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(c.thresholds).toEqual([0.1, 0.35, 0.4, 0.8]);
  });

  it('average_precision_score docstring example = 0.8333', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 12);
  });
});
