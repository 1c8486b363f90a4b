import { describe, expect, it } from 'vitest';
import { none } from './none.js';
import { applyChecked, baseAttack } from './test-kit.js';

describe('none', () => {
  it('returns an equal copy with the same strategy list', () => {
    const out = applyChecked(none);
    expect(out.text).toBe(baseAttack().text);
    expect(out.strategies).toEqual(['x']);
  });
});
