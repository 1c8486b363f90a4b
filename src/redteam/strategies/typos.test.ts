import { describe, expect, it } from 'vitest';
import { typos } from './typos.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('typos', () => {
  it('changes a few characters but keeps the text close', () => {
    const out = applyChecked(typos, { rate: 0.3 });
    expect(out.text).not.toBe(baseAttack().text);
    expect(Math.abs(out.text.length - baseAttack().text.length)).toBeLessThanOrEqual(4);
    expect(() => applyChecked(typos, { rate: -1 })).toThrow(/rate/);
  });
});
