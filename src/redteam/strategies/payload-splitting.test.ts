import { describe, expect, it } from 'vitest';
import { payloadSplitting } from './payload-splitting.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('payload-splitting', () => {
  it('splits into the requested number of parts that concatenate back to the text', () => {
    const out = applyChecked(payloadSplitting, { parts: 3 });
    const parts = [...out.text.matchAll(/^\w+ = (".*")$/gm)].map((m) => JSON.parse(m[1]) as string);
    expect(parts).toHaveLength(3);
    expect(parts.join('')).toBe(baseAttack().text);
    expect(parts.every((p) => p !== baseAttack().text)).toBe(true);
  });
});
