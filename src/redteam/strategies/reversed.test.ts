import { describe, expect, it } from 'vitest';
import { reversed } from './reversed.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('reversed', () => {
  it('contains the reversed text (by characters or by words)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const out = applyChecked(reversed, {}, baseAttack(), seed);
      const chars = [...baseAttack().text].reverse().join('');
      const words = baseAttack().text.split(/\s+/).reverse().join(' ');
      expect(out.text.includes(chars) || out.text.includes(words)).toBe(true);
    }
  });
});
