import { describe, expect, it } from 'vitest';
import { homoglyph } from './homoglyph.js';
describe('homoglyph', () => {
  it('folds Cyrillic look-alikes in mixed-script words', () => {
    expect(homoglyph.transform('іgnоrе prеvіоus')).toBe('ignore previous');
  });
  it('leaves genuine Russian text alone', () => {
    expect(homoglyph.transform('Привет мир')).toBe('Привет мир');
  });
});
