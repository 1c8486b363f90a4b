import { createRegistry } from '../../platform/registry.js';
import type { View } from '../types.js';
import type { Normalizer } from './types.js';
import { nfkc } from './nfkc.js';
import { invisible } from './invisible.js';
import { homoglyph } from './homoglyph.js';
import { spaced } from './spaced.js';
import { leetspeak } from './leetspeak.js';
import { base64 } from './base64.js';
import { hex } from './hex.js';
import { rot13 } from './rot13.js';
import { url } from './url.js';

export type { Normalizer } from './types.js';

/** Fold steps run in this order (NFKC first so later steps see canonical characters). */
export const normalizers: readonly Normalizer[] = [
  nfkc,
  invisible,
  homoglyph,
  spaced,
  leetspeak,
  base64,
  hex,
  rot13,
  url,
];
export const normalizerRegistry = createRegistry('normalizer', normalizers);

export interface ViewOptions {
  /** Normalizer ids to skip. */
  readonly disable?: readonly string[];
  /** How many decode layers to peel (base64 inside hex...). Default 2. */
  readonly maxDepth?: number;
  /** Hard cap on the number of views, so crafted input cannot blow up work. Default 8. */
  readonly maxViews?: number;
}

const LOSSLESS = new Set(['nfkc', 'invisible']);

function fold(text: string, steps: readonly Normalizer[]): string {
  let t = text;
  for (const n of steps) t = n.transform(t) ?? t;
  return t;
}

/**
 * All the readings of `text` that detectors should scan: always `raw`; `normalized` when folding
 * changed anything; one `decoded:<ids>` view per payload layer found (each also folded).
 * Pure: never throws on any string input.
 */
export function buildViews(text: string, opts: ViewOptions = {}): View[] {
  const disabled = new Set(opts.disable ?? []);
  const folds = normalizers.filter((n) => n.kind === 'fold' && !disabled.has(n.id));
  const decoders = normalizers.filter((n) => n.kind === 'decode' && !disabled.has(n.id));
  const maxDepth = opts.maxDepth ?? 2;
  const maxViews = opts.maxViews ?? 8;
  const views: View[] = [{ view: 'raw', text }];
  const seen = new Set([text]);
  // Decoders read the text after only the lossless folds (NFKC, invisible characters): leetspeak
  // and letter joining would corrupt base64/hex alphabets.
  const lossless = folds.filter((n) => LOSSLESS.has(n.id));
  const losslessText = fold(text, lossless);
  // The lossless folds come first in the chain: continue from their result, not from scratch.
  const prefix = lossless.every((n, k) => folds[k] === n);
  const normalized = prefix ? fold(losslessText, folds.slice(lossless.length)) : fold(text, folds);
  if (!seen.has(normalized)) {
    views.push({ view: 'normalized', text: normalized });
    seen.add(normalized);
  }
  let frontier: View[] = [{ view: '', text: losslessText }];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const next: View[] = [];
    for (const v of frontier) {
      for (const d of decoders) {
        if (views.length >= maxViews) return views;
        const decoded = d.transform(v.text);
        if (decoded === null) continue;
        const folded = fold(decoded, folds);
        const name = v.view === '' ? `decoded:${d.id}` : `${v.view}+${d.id}`;
        next.push({ view: name, text: fold(decoded, lossless) });
        if (seen.has(folded)) continue;
        seen.add(folded);
        views.push({ view: name, text: folded });
      }
    }
    frontier = next;
  }
  return views;
}
