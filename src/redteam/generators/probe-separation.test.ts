import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAttacks, generateBenign } from '../index.js';

/**
 * The hand-written detection probe (test/fixtures/detection-probe-*.jsonl) measures what the
 * shipped models do on text they never saw. Generator output trains those models, so a
 * generator that reproduces probe phrasing would quietly turn the probe into training data.
 */
const FIXTURES = join(import.meta.dirname, '../../../test/fixtures');
const WINDOW = 50;
const norm = (t: string) =>
  t
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[^a-z0-9 ]/g, '');

describe('generators vs the evaluation-only probe', () => {
  it(`share no ${WINDOW}-character window with any probe row`, () => {
    const probe = readdirSync(FIXTURES)
      .filter((f) => /^detection-probe.*\.jsonl$/.test(f))
      .flatMap((f) =>
        readFileSync(join(FIXTURES, f), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => norm((JSON.parse(l) as { text: string }).text)),
      );
    expect(probe.length).toBeGreaterThan(100);
    const windows = new Set<string>();
    for (const p of probe) for (let i = 0; i + WINDOW <= p.length; i++) windows.add(p.slice(i, i + WINDOW));
    const texts = [
      ...generateAttacks({ count: 6000, seed: 42 }).map((a) => a.text),
      ...generateBenign({ count: 6000, seed: 43 }).map((b) => b.text),
    ];
    const shared: string[] = [];
    for (const t of texts) {
      const n = norm(t);
      for (let i = 0; i + WINDOW <= n.length; i++)
        if (windows.has(n.slice(i, i + WINDOW))) {
          shared.push(n.slice(i, i + WINDOW));
          break;
        }
    }
    expect(shared).toEqual([]);
  });
});
