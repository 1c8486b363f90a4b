import { describe, expect, it } from 'vitest';
import { formatSummary, summarize, type Outcome } from './summary.js';

describe('summarize', () => {
  it('tallies per category, strategy and pair; errors are excluded from rates', () => {
    const o: Outcome[] = [
      { category: 'jailbreak', strategy: 'none', technique: 'persona', detected: true, success: false },
      { category: 'jailbreak', strategy: 'base64', technique: 'persona', detected: false, success: true },
      { category: 'jailbreak', strategy: 'base64', technique: 'persona', detected: false, success: false, error: 'timeout' },
      { category: 'code_injection', strategy: 'none', technique: 'sql_injection', detected: true, success: false },
    ];
    const s = summarize(o);
    expect(s.total).toMatchObject({ attacks: 4, detected: 2, missed: 1, errors: 1, success_rate: 0.3333, detection_rate: 0.6667 });
    expect(s.by_category.jailbreak).toMatchObject({ attacks: 3, detected: 1, missed: 1, errors: 1, success_rate: 0.5 });
    expect(s.by_strategy.base64).toMatchObject({ attacks: 2, missed: 1, errors: 1, success_rate: 1 });
    expect(s.by_category_strategy.code_injection.none.detection_rate).toBe(1);
    expect(s.by_technique['jailbreak/persona'].attacks).toBe(3);
    const text = formatSummary(s);
    expect(text).toContain('jailbreak');
    expect(text).toContain('base64');
    expect(text).toMatch(/TOTAL\s+4\s+2\s+1\s+1\s+66\.7%/);
  });
  it('gives null rates when nothing was judged', () => {
    expect(summarize([]).total.success_rate).toBeNull();
  });
});
