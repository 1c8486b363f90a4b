import { describe, expect, it } from 'vitest';
import { url } from './url.js';
describe('url', () => {
  it('decodes percent-encoding and numeric entities', () => {
    expect(url.transform('%49%67%6E%6F%72%65%20previous')).toBe('Ignore previous');
    expect(url.transform('&#105;&#103;&#110;&#111;re')).toBe('ignore');
  });
  it('ignores a single escape in a normal URL', () => {
    expect(url.transform('see https://x.org/a%20b')).toBeNull();
  });
});
