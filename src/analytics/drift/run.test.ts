import { describe, expect, it } from 'vitest';
import { detectDataDriftAsync } from './run.js';
import { detectDataDrift } from './data-drift.js';
import { DEFAULT_DRIFT_TEST_CONFIG as cfg } from './types.js';

describe('detectDataDriftAsync', () => {
  it('gives the same answer in a worker thread as inline', async () => {
    const ref = Array.from({ length: 3000 }, (_, i) => ({ x: (i * 7919) % 1000, c: i % 3 ? 'a' : 'b' }));
    const cur = Array.from({ length: 3000 }, (_, i) => ({ x: ((i * 7919) % 1000) + 150, c: i % 2 ? 'a' : 'b' }));
    const now = new Date(0);
    const inline = detectDataDrift(ref, cur, undefined, cfg, now);
    const viaWorker = await detectDataDriftAsync(ref, cur, undefined, cfg, now, { forceWorker: true });
    expect(viaWorker).toEqual(inline);
    expect(viaWorker.drifted_features).toEqual(['x', 'c']);
  });
});
