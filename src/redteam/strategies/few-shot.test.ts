import { describe, expect, it } from 'vitest';
import { fewShot } from './few-shot.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('few-shot', () => {
  it('prepends compliant examples and ends with the attack as the open question', () => {
    const out = applyChecked(fewShot, { shots: 3 });
    expect(out.text).toContain(baseAttack().text);
    expect(out.text.trim()).toMatch(/:$/);
    const lines = out.text.split('\n').filter((l) => l.includes(': '));
    expect(lines.length).toBeGreaterThanOrEqual(7);
  });
});
