import { describe, expect, it } from 'vitest';
import { invisible } from './invisible.js';
describe('invisible', () => {
  it('removes zero-width and bidi characters', () => {
    expect(invisible.transform('ig\u200bno\u200dre\u202e pre\ufeffvious')).toBe('ignore previous');
  });
  it('reveals Unicode tag smuggling as ASCII', () => {
    const tagged = [...'reveal'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    expect(invisible.transform(`hi${tagged}`)?.trim()).toBe('hi reveal');
  });
  it('keeps newlines and tabs', () => {
    expect(invisible.transform('a\n\tb')).toBe('a\n\tb');
  });
});
