import { describe, expect, it } from 'vitest';
import { getSentenceEncoder, ENCODER_DIM } from './encoder.js';

describe('parallel encoding', () => {
  it('encodes across two threads with the same vectors as one thread', async () => {
    // The two shortest texts sort first and are dealt to different threads (round-robin).
    const filler = Array.from(
      { length: 518 },
      (_, i) => `request number ${i}: please summarise chapter ${i % 37} of the book`,
    );
    const texts = ['I love cats', 'I love cats ', ...filler];
    let last = 0;
    const vecs = await getSentenceEncoder({
      parallel: 2,
      batchSize: 64,
      onProgress: (d) => (last = d),
    }).embed(texts);
    expect(vecs).toHaveLength(texts.length);
    expect(last).toBe(texts.length);
    for (const v of vecs) {
      expect(v).toHaveLength(ENCODER_DIM);
      expect(Math.hypot(...v)).toBeCloseTo(1, 2);
    }
    // One vector from each thread. Encoded together in a single thread, these two texts have a
    // cosine of 0.96689713 (measured; USE is not invariant to the trailing space), so a worker
    // that encoded differently would show here.
    const dot = vecs[0].reduce((s, x, i) => s + x * vecs[1][i], 0);
    expect(dot).toBeCloseTo(0.96689713, 6);
    const unrelated = vecs[0].reduce((s, x, i) => s + x * vecs[5][i], 0);
    expect(unrelated).toBeLessThan(0.9);
  }, 120_000);
});
