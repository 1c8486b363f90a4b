import { describe, expect, it } from 'vitest';
import { textFeatures } from './text-features.js';

describe('textFeatures', () => {
  it('counts by hand', () => {
    const f = textFeatures('Hi there, 42!');
    expect(f.length).toBe(13);
    expect(f.word_count).toBe(3);
    expect(f.avg_word_length).toBeCloseTo(11 / 3, 12);
    expect(f.uppercase_ratio).toBeCloseTo(1 / 13, 12);
    expect(f.digit_ratio).toBeCloseTo(2 / 13, 12);
    expect(f.punctuation_ratio).toBeCloseTo(2 / 13, 12);
    expect(f.whitespace_ratio).toBeCloseTo(2 / 13, 12);
    expect(f.non_ascii_ratio).toBe(0);
    expect(textFeatures('')).toMatchObject({ length: 0, word_count: 0, uppercase_ratio: 0 });
    expect(textFeatures('héllo').non_ascii_ratio).toBeCloseTo(0.2, 12);
  });
});
