import { LABELS, type Label } from '../../ml/labels.js';
import { flattenChunks, worstPerItem, type ChunkOptions } from '../chunking.js';
import type { DetectorResult, View } from '../types.js';

/**
 * Shared scoring loop for model detectors: every view of every item is chunked, all chunks are
 * scored in one batch by `scoreTexts`, and the worst chunk of each item decides its result.
 */
export async function detectChunked(
  detector: string,
  version: string,
  items: readonly (readonly View[])[],
  chunking: ChunkOptions,
  scoreTexts: (texts: string[]) => Promise<Record<Label, number>[]> | Record<Label, number>[],
): Promise<DetectorResult[]> {
  const refs = flattenChunks(items, chunking);
  const probs = await scoreTexts(refs.map((r) => r.text));
  const attack = probs.map((p) => 1 - p.benign);
  const worst = worstPerItem(refs, attack, items.length);
  return worst.map((idx) => {
    if (idx < 0) {
      // An item with no views cannot happen through the engine; answer benign rather than crash.
      const p = Object.fromEntries(LABELS.map((l) => [l, l === 'benign' ? 1 : 0])) as Record<Label, number>;
      return { detector, version, attackScore: 0, probabilities: p, findings: [] };
    }
    return {
      detector,
      version,
      attackScore: attack[idx],
      probabilities: probs[idx],
      findings: [],
      decidedBy: { view: refs[idx].view, chunk: refs[idx].chunk },
    };
  });
}

/** Fill labels a model does not know with 0 so every result has the full label set. */
export function fullProbs(p: Partial<Record<Label, number>>): Record<Label, number> {
  return Object.fromEntries(LABELS.map((l) => [l, p[l] ?? 0])) as Record<Label, number>;
}
