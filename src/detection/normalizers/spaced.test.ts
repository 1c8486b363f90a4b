import { describe, expect, it } from 'vitest';
import { spaced } from './spaced.js';
describe('spaced', () => {
  it('joins letters separated by spaces, dots or dashes', () => {
    expect(spaced.transform('i g n o r e  a l l rules')).toBe('ignore all rules');
    expect(spaced.transform('I.G.N.O.R.E')).toBe('IGNORE');
  });
  it('does not join ordinary short words', () => {
    expect(spaced.transform('I am a big fan')).toBe('I am a big fan');
  });
});
