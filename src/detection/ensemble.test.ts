import { describe, expect, it } from 'vitest';
import { combine, DEFAULT_ENSEMBLE, defaultThresholds, LEGACY_ENSEMBLE, stackerCovers } from './ensemble.js';
import { FITTED_ENSEMBLE } from './ensemble-fitted.js';
import type { DetectorResult } from './types.js';
import { LABELS, type Label } from '../ml/labels.js';

function res(
  detector: string,
  attack: number,
  label: Label = 'prompt_injection',
  strong = false,
): DetectorResult {
  const p = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  p.benign = 1 - attack;
  p[label] = attack;
  const findings = strong
    ? [
        {
          detector,
          ruleId: 'x',
          label: label as Exclude<Label, 'benign'>,
          severity: 'strong' as const,
          explanation: '',
          view: 'raw',
          span: [0, 1] as const,
          match: '',
        },
      ]
    : [];
  return { detector, version: '1', attackScore: attack, probabilities: p, findings };
}

// The hand-set weighted mean at its own thresholds (the default method is the fitted stacker).
const WEIGHTED = { ...DEFAULT_ENSEMBLE, method: 'weighted_mean' as const, thresholds: defaultThresholds('weighted_mean') };

describe('combine', () => {
  it('weighted mean uses detector weights', () => {
    const d = combine([res('linear', 0.9), res('embedding', 0.1)], {
      ...LEGACY_ENSEMBLE,
      strongRulesDecide: false,
    });
    expect(d.attack_score).toBeCloseTo((0.9 * 1 + 0.1 * 1.5) / 2.5, 6);
    expect(d.is_attack).toBe(false);
  });
  it('max and stacked methods differ from mean', () => {
    const r = [res('linear', 0.9), res('embedding', 0.2)];
    expect(combine(r, { ...LEGACY_ENSEMBLE, method: 'max' }).attack_score).toBeCloseTo(0.9);
    const s = combine(r, { ...LEGACY_ENSEMBLE, method: 'stacked' }).attack_score;
    expect(s).toBeGreaterThan(0.5);
    expect(s).toBeLessThan(0.9);
  });
  it('a strong rule decides alone; the label follows the evidence', () => {
    const d = combine([res('rules', 0.92, 'jailbreak', true), res('linear', 0.05), res('embedding', 0.05)], WEIGHTED);
    expect(d.is_attack).toBe(true);
    expect(d.label).toBe('jailbreak');
    expect(d.probabilities.benign).toBeCloseTo(0.08, 6);
    const sum = Object.values(d.probabilities).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 6);
  });
  it('in document context the embedding does not vote (unless it is all there is)', () => {
    const r = [res('rules', 0.02), res('linear', 0.1), res('embedding', 0.95)];
    const user = combine(r, WEIGHTED);
    const doc = combine(r, WEIGHTED, { context: 'document' });
    expect(user.attack_score).toBeCloseTo((0.02 + 0.1 + 1.5 * 0.95) / 3.5, 6);
    expect(doc.attack_score).toBeCloseTo((0.02 + 0.1) / 2, 6);
    expect(doc.is_attack).toBe(false);
    // max and stacked leave it out too
    expect(
      combine(r, { ...DEFAULT_ENSEMBLE, method: 'max' }, { context: 'document' }).attack_score,
    ).toBeCloseTo(0.1);
    // named alone, it votes with its usual weight rather than scoring nothing
    const only = combine([res('embedding', 0.95)], WEIGHTED, { context: 'document' });
    expect(only.attack_score).toBeCloseTo(0.95, 6);
    expect(only.is_attack).toBe(true);
  });
  it('per-request threshold and context thresholds', () => {
    const r = [res('linear', 0.45)];
    expect(combine(r, LEGACY_ENSEMBLE).is_attack).toBe(false);
    expect(combine(r, LEGACY_ENSEMBLE, { context: 'document' }).is_attack).toBe(true);
    expect(combine(r, LEGACY_ENSEMBLE, { threshold: 0.3 }).is_attack).toBe(true);
    expect(DEFAULT_ENSEMBLE.thresholds.document).toBeLessThanOrEqual(DEFAULT_ENSEMBLE.thresholds.user);
  });
  it('calibration moves a detector score', () => {
    const d = combine([res('linear', 0.5)], { ...LEGACY_ENSEMBLE, calibration: { linear: { a: 1, b: 2 } } });
    expect(d.attack_score).toBeGreaterThan(0.85);
  });
  it('no results means benign', () => {
    expect(combine([]).label).toBe('benign');
  });
});

describe('fitted stacked combiner', () => {
  it('is fitted out of fold, with clipped logits and positive coefficients', () => {
    expect(DEFAULT_ENSEMBLE.method).toBe('stacked');
    // The default decides at the stacker's own fitted operating point, not at 0.5.
    expect(DEFAULT_ENSEMBLE.thresholds).toEqual(FITTED_ENSEMBLE.stacked_threshold_at_oof_fpr);
    expect(defaultThresholds('weighted_mean')).toEqual({ user: 0.5, document: 0.45 });
    // It covers exactly the detectors it was fitted on, as they vote in each context.
    expect(stackerCovers(DEFAULT_ENSEMBLE, ['rules', 'linear', 'embedding'], 'user')).toBe(true);
    expect(stackerCovers(DEFAULT_ENSEMBLE, ['rules', 'linear'], 'user')).toBe(false);
    expect(stackerCovers(DEFAULT_ENSEMBLE, ['rules', 'linear', 'embedding', 'transformer'], 'user')).toBe(false);
    expect(stackerCovers(DEFAULT_ENSEMBLE, ['rules', 'linear', 'embedding'], 'document')).toBe(false);
    expect(FITTED_ENSEMBLE.provenance.script).toBe('scripts/detection-fit-ensemble.ts');
    expect(DEFAULT_ENSEMBLE.stacker.clip).toBeGreaterThan(0);
    for (const d of ['rules', 'linear', 'embedding']) expect(DEFAULT_ENSEMBLE.stacker.coef[d]).toBeGreaterThan(0);
    const stacked = { ...DEFAULT_ENSEMBLE, method: 'stacked' as const, strongRulesDecide: false };
    // Clipping: one detector at ~0 cannot push the score to exactly 0 by itself.
    expect(combine([res('linear', 1e-9), res('embedding', 0.99)], stacked).attack_score).toBeGreaterThan(0);
    // Agreeing detectors give a confident decision either way.
    expect(combine([res('rules', 0.92, 'jailbreak', true), res('linear', 0.98), res('embedding', 0.97)], stacked).is_attack).toBe(true);
    expect(combine([res('rules', 0.03), res('linear', 0.02), res('embedding', 0.05)], stacked).is_attack).toBe(false);
  });
});

describe('abstention', () => {
  it('rules without findings do not pull the mean towards benign', () => {
    const abstain = { ...res('rules', 0.03), abstained: true };
    const d = combine([abstain, res('linear', 0.8)], LEGACY_ENSEMBLE);
    expect(d.attack_score).toBeCloseTo(0.8, 6);
    // Stacked: an abstaining detector adds no term (its index must not shift the others').
    const cfg = { ...LEGACY_ENSEMBLE, method: 'stacked' as const, stacker: { bias: 0, coef: { rules: 5, linear: 1 } } };
    expect(combine([abstain, res('linear', 0.8)], cfg).attack_score).toBeCloseTo(0.8, 6);
  });
});
