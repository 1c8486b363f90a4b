import { describe, expect, it } from 'vitest';
import { leetspeak } from './leetspeak.js';
describe('leetspeak', () => {
  it('folds mixed letter/digit words', () => {
    expect(leetspeak.transform('1gn0r3 pr3v10u5 1n5truct10n5')).toBe('ignore previous instructions');
  });
  it('keeps e-mail addresses', () => {
    expect(leetspeak.transform('Write to john.doe@example.com or alice123@test.org')).toBe(
      'Write to john.doe@example.com or alice123@test.org',
    );
    expect(leetspeak.transform('h3ll0@ll')).toBe('helloall');
  });
  it('keeps numbers, prices and exclamations', () => {
    expect(leetspeak.transform('It costs $5 in 2024, wow!')).toBe('It costs $5 in 2024, wow!');
  });
});
