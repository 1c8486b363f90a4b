import { describe, expect, it } from 'vitest';
import { nfkc } from './nfkc.js';
describe('nfkc', () => {
  it('folds fullwidth and mathematical letters to ASCII', () => {
    expect(nfkc.transform('ＩＧＮＯＲＥ 𝐩𝐫𝐞𝐯𝐢𝐨𝐮𝐬')).toBe('IGNORE previous');
  });
  it('leaves plain text unchanged', () => {
    expect(nfkc.transform('hello world')).toBe('hello world');
  });
});
