import { describe, expect, it } from 'vitest';
import { hex } from './hex.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('hex', () => {
  it('encodes UTF-8 bytes as hex that decodes back', () => {
    const out = applyChecked(hex, { wrap: false });
    expect(out.text).toMatch(/^[0-9a-f ]+$/);
    expect(Buffer.from(out.text.replace(/ /g, ''), 'hex').toString('utf8')).toBe(baseAttack().text);
  });
});
