import { describe, expect, it } from 'vitest';
import { HOMOGLYPHS, homoglyphs } from './homoglyphs.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('homoglyphs', () => {
  it('swaps letters for confusables; mapping back restores the text', () => {
    const out = applyChecked(homoglyphs, { rate: 1 });
    expect(out.text).not.toBe(baseAttack().text);
    expect(out.text).toMatch(/[\u0400-\u04ff\u0370-\u03ff]/);
    const back = Object.fromEntries(Object.entries(HOMOGLYPHS).map(([k, v]) => [v, k]));
    expect([...out.text].map((c) => back[c] ?? c).join('')).toBe(baseAttack().text);
  });
});
