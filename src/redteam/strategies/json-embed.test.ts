import { describe, expect, it } from 'vitest';
import { jsonEmbed } from './json-embed.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('json-embed', () => {
  it('embeds the attack as a string value of valid JSON', () => {
    for (let seed = 0; seed < 10; seed++) {
      const out = applyChecked(jsonEmbed, {}, baseAttack(), seed);
      const json = out.text.slice(out.text.indexOf('{'), out.text.lastIndexOf('}') + 1);
      const values: string[] = [];
      JSON.parse(json, (_k, v) => (typeof v === 'string' && values.push(v), v));
      expect(values).toContain(baseAttack().text);
    }
  });
});
