import { describe, expect, it } from 'vitest';
import { rot13, rot13Text } from './rot13.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('rot13', () => {
  it('rotates letters and is its own inverse', () => {
    const out = applyChecked(rot13, { wrap: false });
    expect(out.text.startsWith('Vtaber nyy')).toBe(true);
    expect(rot13Text(out.text)).toBe(baseAttack().text);
  });
});
