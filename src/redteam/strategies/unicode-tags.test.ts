import { describe, expect, it } from 'vitest';
import { toTags, unicodeTags } from './unicode-tags.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('unicode-tags', () => {
  it('encodes the attack in invisible tag characters that decode back', () => {
    const out = applyChecked(unicodeTags);
    const hidden = [...out.text].filter((c) => c.codePointAt(0)! >= 0xe0000).map((c) => String.fromCodePoint(c.codePointAt(0)! - 0xe0000)).join('');
    expect(hidden).toBe(baseAttack().text);
    expect(out.text).not.toContain('Ignore');
    expect(toTags('é')).toBe('é');
  });
});
