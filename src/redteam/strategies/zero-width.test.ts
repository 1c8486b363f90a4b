import { describe, expect, it } from 'vitest';
import { zeroWidth } from './zero-width.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('zero-width', () => {
  it('inserts invisible characters; removing them restores the text', () => {
    const out = applyChecked(zeroWidth, { density: 1 });
    expect(out.text.length).toBeGreaterThan(baseAttack().text.length);
    expect(out.text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '')).toBe(baseAttack().text);
    expect(out.text).not.toContain('Ignore');
  });
});
