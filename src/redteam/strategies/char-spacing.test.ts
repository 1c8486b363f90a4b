import { describe, expect, it } from 'vitest';
import { charSpacing } from './char-spacing.js';
import { applyChecked } from './test-kit.js';

describe('char-spacing', () => {
  it('separates every letter of a word', () => {
    const out = applyChecked(charSpacing, { separator: ' ' });
    expect(out.text.startsWith('I g n o r e   a l l')).toBe(true);
    expect(applyChecked(charSpacing, { separator: '-' }).text.startsWith('I-g-n-o-r-e a-l-l')).toBe(true);
  });
});
