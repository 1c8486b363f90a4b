/**
 * Hashed n-gram featurizer for the `linear` detector (the "hashing trick").
 *
 * It sits on the detection hot path (a 500-word text must featurize + score in well under a
 * millisecond), so it works on UTF-16 char codes with hand-written FNV-1a hashing instead of
 * allocating a string per n-gram and hashing it through `crypto` (which is ~100x slower and
 * allocates). FNV-1a is not collision resistant, which does not matter here: collisions only
 * share a weight bucket, and nobody can pick weights through it. It is also trivial to port,
 * so other implementations can reproduce the exact same feature indices.
 *
 * Features:
 *  - word n-grams (default 1..2) over lowercased alphanumeric tokens;
 *  - character n-grams (default 3..5) over the lowercased text with whitespace runs collapsed
 *    to one space and a space added at both ends, so word boundaries are visible;
 *  - sublinear term frequency (1 + ln tf), then L2 normalisation.
 */

export interface HashingConfig {
  /** Number of hash buckets; must be a power of two (indices are masked, not reduced mod). */
  dim: number;
  /** Inclusive [min, max] word n-gram lengths; [0, 0] disables word features. */
  wordNgrams: [number, number];
  /** Inclusive [min, max] character n-gram lengths; [0, 0] disables char features. */
  charNgrams: [number, number];
  /** 1 + ln(tf) instead of raw counts: repeating a phrase 50 times should not dominate. */
  sublinearTf: boolean;
  /** Texts longer than this are truncated before featurizing (chunking is the caller's job). */
  maxChars: number;
}

export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

export const DEFAULT_HASHING: HashingConfig = {
  dim: 1 << 18,
  wordNgrams: [1, 2],
  charNgrams: [3, 5],
  sublinearTf: true,
  maxChars: 20_000,
};

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Distinct seeds per feature family so the word "abc" and the char trigram "abc" do not
// land in the same bucket by construction.
const WORD_SEED = 0x9e3779b1;
const CHAR_SEED = FNV_OFFSET;

/** Throws when the configuration cannot be used (non power-of-two dim, bad ranges). */
export function validateHashingConfig(cfg: HashingConfig): void {
  const { dim, wordNgrams, charNgrams } = cfg;
  if (!Number.isInteger(dim) || dim < 16 || dim > 1 << 24 || (dim & (dim - 1)) !== 0) {
    throw new Error(`hashing dim must be a power of two between 16 and 2^24, got ${dim}`);
  }
  for (const [name, r] of [
    ['wordNgrams', wordNgrams],
    ['charNgrams', charNgrams],
  ] as const) {
    if (!Array.isArray(r) || r.length !== 2 || !Number.isInteger(r[0]) || !Number.isInteger(r[1]) || r[0] < 0 || r[1] < r[0] || r[1] > 8) {
      throw new Error(`${name} must be [min, max] with 0 <= min <= max <= 8, got ${JSON.stringify(r)}`);
    }
    if (r[0] === 0 && r[1] !== 0) throw new Error(`${name}: min 0 is only allowed as [0, 0] (disabled)`);
  }
  if (wordNgrams[1] === 0 && charNgrams[1] === 0) throw new Error('at least one of wordNgrams/charNgrams must be enabled');
}

/** Scratch space reused across calls: featurizing is synchronous, so one buffer per dim is safe. */
const scratch = new Map<number, Float32Array>();
let touched = new Uint32Array(4096);
let codes = new Uint16Array(4096);
let wordHashes = new Uint32Array(1024);

function isWordChar(c: number): boolean {
  // ASCII letters/digits, plus everything above Latin-1 punctuation (accented letters, CJK,
  // Cyrillic...) so non-English words are tokens too. Underscores join words (identifiers).
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c >= 0xc0;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}

/**
 * Featurize one text. Always succeeds: an empty text gives an empty vector.
 * Indices are unique (in first-seen order); values are L2-normalised.
 */
export function hashFeatures(text: string, cfg: HashingConfig = DEFAULT_HASHING): SparseVector {
  const dim = cfg.dim;
  const mask = dim - 1;
  let acc = scratch.get(dim);
  if (!acc) {
    acc = new Float32Array(dim);
    scratch.set(dim, acc);
  }
  const src = text.length > cfg.maxChars ? text.slice(0, cfg.maxChars) : text;
  const lower = src.toLowerCase();

  // 1. Normalised code buffer: whitespace collapsed, padded with one space on each side.
  if (codes.length < lower.length + 2) codes = new Uint16Array(lower.length * 2 + 2);
  let n = 0;
  codes[n++] = 32;
  let prevSpace = true;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (isSpace(c)) {
      if (!prevSpace) codes[n++] = 32;
      prevSpace = true;
    } else {
      codes[n++] = c;
      prevSpace = false;
    }
  }
  if (!prevSpace) codes[n++] = 32;

  let nTouched = 0;
  const add = (h: number): void => {
    const idx = h & mask;
    if (acc![idx] === 0) {
      if (nTouched === touched.length) {
        const t = new Uint32Array(touched.length * 2);
        t.set(touched);
        touched = t;
      }
      touched[nTouched++] = idx;
    }
    acc![idx] += 1;
  };

  // 2. Character n-grams: for each start, extend the FNV state one char at a time so all
  // lengths min..max cost max multiplications, not sum(lengths).
  const [cMin, cMax] = cfg.charNgrams;
  if (cMax > 0) {
    for (let i = 0; i + cMin <= n; i++) {
      let h = CHAR_SEED;
      const end = Math.min(n, i + cMax);
      for (let j = i; j < end; j++) {
        h = Math.imul(h ^ codes[j], FNV_PRIME);
        const len = j - i + 1;
        if (len >= cMin) add(Math.imul(h ^ len, FNV_PRIME) >>> 0);
      }
    }
  }

  // 3. Word n-grams: hash each token once, then combine token hashes for longer n-grams.
  const [wMin, wMax] = cfg.wordNgrams;
  if (wMax > 0) {
    let nw = 0;
    let h = 0;
    let inWord = false;
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      if (isWordChar(c)) {
        if (!inWord) {
          h = WORD_SEED;
          inWord = true;
        }
        h = Math.imul(h ^ c, FNV_PRIME);
      } else if (inWord) {
        if (nw === wordHashes.length) {
          const t = new Uint32Array(wordHashes.length * 2);
          t.set(wordHashes);
          wordHashes = t;
        }
        wordHashes[nw++] = h >>> 0;
        inWord = false;
      }
    }
    if (inWord) {
      if (nw === wordHashes.length) {
        const t = new Uint32Array(wordHashes.length * 2);
        t.set(wordHashes);
        wordHashes = t;
      }
      wordHashes[nw++] = h >>> 0;
    }
    for (let i = 0; i < nw; i++) {
      let g = 0x2545f491;
      const end = Math.min(nw, i + wMax);
      for (let j = i; j < end; j++) {
        // Order-sensitive mix (murmur3 finalizer-style) so "a b" != "b a".
        g = Math.imul(g ^ wordHashes[j], 0x5bd1e995);
        g ^= g >>> 15;
        const len = j - i + 1;
        if (len >= wMin) add(Math.imul(g ^ (len * 0x27d4eb2d), FNV_PRIME) >>> 0);
      }
    }
  }

  // 4. Collect, apply sublinear tf, L2-normalise, and clear the scratch buffer.
  const indices = new Uint32Array(nTouched);
  const values = new Float32Array(nTouched);
  let sq = 0;
  const sub = cfg.sublinearTf;
  for (let k = 0; k < nTouched; k++) {
    const idx = touched[k];
    const tf = acc[idx];
    acc[idx] = 0;
    const v = sub ? 1 + Math.log(tf) : tf;
    indices[k] = idx;
    values[k] = v;
    sq += v * v;
  }
  if (sq > 0) {
    const inv = 1 / Math.sqrt(sq);
    for (let k = 0; k < nTouched; k++) values[k] *= inv;
  }
  return { indices, values };
}
