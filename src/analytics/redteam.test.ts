import { describe, expect, it } from 'vitest';
import { summarizeRedTeam, compareVersions, type RedTeamRow } from './redteam.js';

const t = (d: string) => new Date(`2026-01-${d}T00:00:00Z`);
const r = (model: string, ok: boolean, type: string, at: string, method = 'jailbreak'): RedTeamRow => ({
  testId: `${model}-${at}-${ok}`,
  modelName: model,
  testType: type,
  attackSuccess: ok,
  confidenceScore: 0.9,
  attackDetails: { method, payload: 'x', success_rate: 0.5 },
  testedAt: t(at),
});

describe('red team analytics', () => {
  it('summarizes per model with percentage success rates and vulnerabilities', () => {
    const s = summarizeRedTeam([r('a', true, 'prompt_injection', '02'), r('a', false, 'prompt_injection', '03'), r('b', false, 'x', '03')], 7, t('05'));
    expect(s).toMatchObject({ total_tests: 3, successful_attacks: 1, period_days: 7 });
    expect(s.success_rate).toBeCloseTo(100 / 3, 10);
    expect(s.models[0]).toEqual({ model_name: 'a', test_count: 2, success_rate: 50, vulnerabilities: ['jailbreak', 'prompt_injection'] });
    expect(s.models[1].vulnerabilities).toEqual([]);
  });

  it('attributes results to the version current at test time', () => {
    const perf = [
      { version: '1.0', accuracy: 0.8, f1_score: 0.7, at: t('01') },
      { version: '2.0', accuracy: 0.9, f1_score: 0.85, at: t('10') },
    ];
    const res = [r('m', true, 'pi', '02'), r('m', true, 'pi', '03'), r('m', false, 'pi', '11'), r('m', true, 'pi', '12')];
    const c = compareVersions('m', perf, res, 30);
    expect(c.pretrained_performance).toMatchObject({ version: '1.0', vulnerability_rate: 1, accuracy: 0.8 });
    expect(c.trained_performance).toMatchObject({ version: '2.0', vulnerability_rate: 0.5, f1_score: 0.85 });
    expect(c.improvement.vulnerability_reduction).toBeCloseTo(0.5, 12);
    expect(c.improvement.accuracy_gain).toBeCloseTo(0.1, 12);
  });
});
