import { describe, expect, it } from 'vitest';
import { leetspeak } from './leetspeak.js';
import { applyChecked } from './test-kit.js';

describe('leetspeak', () => {
  it('replaces letters with digits/symbols at rate 1', () => {
    const out = applyChecked(leetspeak, { rate: 1 });
    expect(out.text).not.toMatch(/[aeiostlgbz]/);
    expect(out.text).toMatch(/[0-9@$!]/);
  });
  it('rate 0 leaves the text unchanged; out-of-range rate is a 400', () => {
    expect(applyChecked(leetspeak, { rate: 0 }).text).toMatch(/^Ignore all/);
    expect(() => applyChecked(leetspeak, { rate: 3 })).toThrow(/rate/);
  });
});
