import { describe, expect, it } from 'vitest';
import { translationWrapper } from './translation-wrapper.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('translation-wrapper', () => {
  it('frames the attack as a translation task that must then be carried out', () => {
    const out = applyChecked(translationWrapper);
    expect(out.text).toContain(baseAttack().text);
    expect(out.text).toMatch(/translat/i);
    expect(out.text).toMatch(/French|German|Spanish|Italian|Japanese|Portuguese|Dutch/);
  });
});
