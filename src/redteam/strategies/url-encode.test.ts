import { describe, expect, it } from 'vitest';
import { urlEncode } from './url-encode.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('url-encode', () => {
  it('percent-encodes so that decoding restores the text', () => {
    for (let seed = 0; seed < 10; seed++) {
      const out = applyChecked(urlEncode, { wrap: false }, baseAttack(), seed);
      const enc = out.text.includes('?q=') ? out.text.split('?q=')[1] : out.text;
      expect(enc).toContain('%20');
      expect(decodeURIComponent(enc)).toBe(baseAttack().text);
    }
  });
});
