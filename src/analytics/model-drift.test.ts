import { describe, expect, it } from 'vitest';
import { detectModelDrift, compareModelPerformance, comprehensiveMetrics } from './model-drift.js';
import { DEFAULT_DRIFT_TEST_CONFIG } from './drift/types.js';

const cfg = { ...DEFAULT_DRIFT_TEST_CONFIG, accuracy_drop_threshold: 0.05, f1_drop_threshold: 0.05 };
const preds = (labels: string[], conf: number) => labels.map((l) => ({ prediction: l, confidence: conf }));
const rep = (l: string, n: number) => Array<string>(n).fill(l);

describe('model drift', () => {
  it('detects a shifted prediction mix and an accuracy drop', () => {
    const refL = [...rep('benign', 80), ...rep('jailbreak', 20)];
    const curL = [...rep('benign', 40), ...rep('jailbreak', 60)];
    const r = detectModelDrift(
      { reference_predictions: preds(refL, 0.9), current_predictions: preds(curL, 0.6), reference_labels: refL, current_labels: refL },
      cfg,
      new Date(0),
    );
    expect(r.drift_detected).toBe(true);
    expect(r.prediction_drift.is_drifted).toBe(true);
    expect((r.performance as { accuracy_drop: number }).accuracy_drop).toBeCloseTo(0.4, 12);
    expect(r.performance_drift).toBe(true);
  });

  it('rejects mismatched labels', () => {
    expect(() => detectModelDrift({ reference_predictions: preds(['a'], 1), current_predictions: preds(['a', 'b'], 1), current_labels: ['a'] }, cfg, new Date())).toThrow(
      /same length/,
    );
  });

  it('compares old and new model on ground truth', () => {
    const truth = ['a', 'a', 'b', 'b'];
    const r = compareModelPerformance({ old_model_predictions: preds(['a', 'b', 'b', 'a'], 1), new_model_predictions: preds(['a', 'a', 'b', 'b'], 1), ground_truth: truth }, cfg, new Date());
    expect(r.old_model!.accuracy).toBe(0.5);
    expect(r.new_model!.accuracy).toBe(1);
    expect(r.agreement_rate).toBe(0.5);
  });
});

describe('comprehensive metrics', () => {
  it('computes the report and a binary AUC for benign vs attack', () => {
    const r = comprehensiveMetrics({ y_true: ['benign', 'benign', 'jailbreak', 'jailbreak'], y_pred: ['benign', 'jailbreak', 'jailbreak', 'jailbreak'], y_prob: [0.1, 0.4, 0.35, 0.8], model_name: 'm' }, new Date());
    expect(r.accuracy).toBe(0.75);
    expect(r.roc_auc).toBeCloseTo(0.75, 12);
    expect(r.confusion_matrix).toEqual([
      [1, 1],
      [0, 2],
    ]);
  });
  it('rejects mismatched lengths', () => {
    expect(() => comprehensiveMetrics({ y_true: ['a'], y_pred: ['a', 'b'], model_name: 'm' }, new Date())).toThrow(/same length/);
  });
});

import { normalizeLog } from './integrations.js';
describe('prediction log normalization', () => {
  it('reads the detection PredictionLogRow shape', () => {
    const rows = normalizeLog([
      { id: '1', created_at: '2026-01-01T00:00:00.000Z', text: 'hi', label: 'benign', attack_score: 0.1, probabilities: { benign: 0.9, jailbreak: 0.1 }, model_versions: { linear: '1' } },
      { id: '2', created_at: '2026-01-01T00:00:01.000Z', text: null, label: 'jailbreak', attack_score: 0.8, probabilities: {} },
      { nothing: true },
    ]);
    expect(rows.map((r) => [r.prediction, r.confidence, r.text])).toEqual([
      ['benign', 0.9, 'hi'],
      ['jailbreak', 0.8, null],
    ]);
  });
});
