import { describe, expect, it } from 'vitest';
import { caseMixing } from './case-mixing.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('case-mixing', () => {
  it('changes only letter case', () => {
    const out = applyChecked(caseMixing);
    expect(out.text).not.toBe(baseAttack().text);
    expect(out.text.toLowerCase()).toBe(baseAttack().text.toLowerCase());
  });
});
