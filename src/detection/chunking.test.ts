import { describe, expect, it } from 'vitest';
import { chunkText, flattenChunks, worstPerItem } from './chunking.js';

describe('chunking', () => {
  it('keeps short text whole', () => {
    expect(chunkText('a b c', { chunkWords: 10, overlapWords: 2 })).toEqual(['a b c']);
  });
  it('splits long text into overlapping windows covering every word', () => {
    const words = Array.from({ length: 25 }, (_, i) => `w${i}`);
    const chunks = chunkText(words.join(' '), { chunkWords: 10, overlapWords: 3 });
    expect(chunks[0].split(' ')).toHaveLength(10);
    expect(chunks[1].startsWith('w7 ')).toBe(true);
    const covered = new Set(chunks.flatMap((c) => c.split(' ')));
    expect(covered.size).toBe(25);
  });
  it('the worst chunk decides per item', () => {
    const long = Array.from({ length: 30 }, () => 'fine').join(' ') + ' EVIL';
    const refs = flattenChunks([[{ view: 'raw', text: long }], [{ view: 'raw', text: 'ok' }]], {
      chunkWords: 10,
      overlapWords: 2,
    });
    const scores = refs.map((r) => (r.text.includes('EVIL') ? 0.9 : 0.1));
    const worst = worstPerItem(refs, scores, 2);
    expect(refs[worst[0]].text).toContain('EVIL');
    expect(refs[worst[1]].item).toBe(1);
  });
});
