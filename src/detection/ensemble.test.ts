import { describe, expect, it } from 'vitest';
import { combine, DEFAULT_ENSEMBLE } from './ensemble.js';
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

describe('combine', () => {
  it('weighted mean uses detector weights', () => {
    const d = combine([res('linear', 0.9), res('embedding', 0.1)], {
      ...DEFAULT_ENSEMBLE,
      strongRulesDecide: false,
    });
    expect(d.attack_score).toBeCloseTo((0.9 * 1 + 0.1 * 1.5) / 2.5, 6);
    expect(d.is_attack).toBe(false);
  });
  it('max and stacked methods differ from mean', () => {
    const r = [res('linear', 0.9), res('embedding', 0.2)];
    expect(combine(r, { ...DEFAULT_ENSEMBLE, method: 'max' }).attack_score).toBeCloseTo(0.9);
    const s = combine(r, { ...DEFAULT_ENSEMBLE, method: 'stacked' }).attack_score;
    expect(s).toBeGreaterThan(0.5);
    expect(s).toBeLessThan(0.9);
  });
  it('a strong rule decides alone; the label follows the evidence', () => {
    const d = combine([res('rules', 0.92, 'jailbreak', true), res('linear', 0.05), res('embedding', 0.05)]);
    expect(d.is_attack).toBe(true);
    expect(d.label).toBe('jailbreak');
    expect(d.probabilities.benign).toBeCloseTo(0.08, 6);
    const sum = Object.values(d.probabilities).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 6);
  });
  it('per-request threshold and context thresholds', () => {
    const r = [res('linear', 0.45)];
    expect(combine(r).is_attack).toBe(false);
    expect(combine(r, DEFAULT_ENSEMBLE, { context: 'document' }).is_attack).toBe(true);
    expect(combine(r, DEFAULT_ENSEMBLE, { threshold: 0.3 }).is_attack).toBe(true);
  });
  it('calibration moves a detector score', () => {
    const d = combine([res('linear', 0.5)], { ...DEFAULT_ENSEMBLE, calibration: { linear: { a: 1, b: 2 } } });
    expect(d.attack_score).toBeGreaterThan(0.85);
  });
  it('no results means benign', () => {
    expect(combine([]).label).toBe('benign');
  });
});

describe('abstention', () => {
  it('rules without findings do not pull the mean towards benign', () => {
    const abstain = { ...res('rules', 0.03), abstained: true };
    const d = combine([abstain, res('linear', 0.8)]);
    expect(d.attack_score).toBeCloseTo(0.8, 6);
  });
});
