/**
 * Shell for sentence-embedding drift of text columns: samples up to `maxPerSide` texts per
 * sample (evenly spaced, deterministic), embeds them with the shipped offline encoder
 * (src/ml/encoder.ts, USE-lite 512-d, ~15 ms/text on 2 cores) and runs the `embedding_mmd` unit.
 */
import { getSentenceEncoder } from '../../ml/encoder.js';
import { embeddingMmd } from './tests/embedding-mmd.js';
import type { DriftResult, DriftTestConfig } from './types.js';

export const EMBEDDING_MAX_PER_SIDE = 200;

function evenly<T>(xs: readonly T[], k: number): T[] {
  if (xs.length <= k) return [...xs];
  return Array.from({ length: k }, (_, i) => xs[Math.floor((i * xs.length) / k)]);
}

export async function embeddingDrift(refTexts: readonly string[], curTexts: readonly string[], cfg: DriftTestConfig, maxPerSide = EMBEDDING_MAX_PER_SIDE): Promise<DriftResult> {
  const enc = getSentenceEncoder({ thread: 'worker' });
  const r = evenly(refTexts, maxPerSide);
  const c = evenly(curTexts, maxPerSide);
  const vecs = await enc.embed([...r, ...c]);
  const res = embeddingMmd.test(vecs.slice(0, r.length), vecs.slice(r.length), cfg);
  return { ...res, details: { ...res.details, encoder: enc.id, sampled_reference: r.length, sampled_current: c.length } };
}

/** Text columns of the rows (string values in most non-null cells, long or multi-word). */
export function textColumnValues(rows: readonly Record<string, unknown>[], column: string): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const v = row[column];
    if (typeof v === 'string') out.push(v);
  }
  return out;
}
