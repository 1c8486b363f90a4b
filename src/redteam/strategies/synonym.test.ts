import { describe, expect, it } from 'vitest';
import { synonym } from './synonym.js';
import { applyChecked } from './test-kit.js';

describe('synonym', () => {
  it('replaces trigger words and keeps capitalisation', () => {
    const out = applyChecked(synonym, { rate: 1 });
    expect(out.text).not.toMatch(/\b(ignore|previous|instructions|reveal|password)\b/i);
    expect(out.text[0]).toBe(out.text[0].toUpperCase());
    expect(out.text).toContain(' and ');
  });
});
