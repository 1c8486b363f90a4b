import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../rng.js';
import { codeFence } from './code-fence.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('code-fence', () => {
  it('wraps the text in markdown structure and keeps every word', () => {
    const texts = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const out = applyChecked(codeFence, {}, baseAttack(), seed);
      expect(out.text).toMatch(/```|^> |^## |<details>/m);
      expect(out.text.replace(/^> /gm, '')).toContain(baseAttack().text);
      texts.add(codeFence.transform(baseAttack(), {}, mulberry32(seed)).text.slice(0, 12));
    }
    expect(texts.size).toBeGreaterThan(3);
  });
});
