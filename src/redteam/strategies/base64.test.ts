import { describe, expect, it } from 'vitest';
import { base64 } from './base64.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('base64', () => {
  it('encodes the full text so it decodes back, and hides the keywords', () => {
    const out = applyChecked(base64, { wrap: false });
    expect(Buffer.from(out.text, 'base64').toString('utf8')).toBe(baseAttack().text);
    expect(out.text.toLowerCase()).not.toContain('ignore');
  });
  it('wrapped output still contains the decodable payload', () => {
    const out = applyChecked(base64, {}, baseAttack(), 7);
    const token = out.text.split(/\s+/).find((w) => w.length > 40)!;
    expect(Buffer.from(token, 'base64').toString('utf8')).toBe(baseAttack().text);
  });
  it('rejects a non-boolean wrap option', () => {
    expect(() => applyChecked(base64, { wrap: 'yes' })).toThrow(/wrap/);
  });
});
