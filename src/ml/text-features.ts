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
    if (
      !Array.isArray(r) ||
      r.length !== 2 ||
      !Number.isInteger(r[0]) ||
      !Number.isInteger(r[1]) ||
      r[0] < 0 ||
      r[1] < r[0] ||
      r[1] > 8
    ) {
      throw new Error(`${name} must be [min, max] with 0 <= min <= max <= 8, got ${JSON.stringify(r)}`);
    }
    if (r[0] === 0 && r[1] !== 0) throw new Error(`${name}: min 0 is only allowed as [0, 0] (disabled)`);
  }
  if (wordNgrams[1] === 0 && charNgrams[1] === 0)
    throw new Error('at least one of wordNgrams/charNgrams must be enabled');
}

/**
 * Scratch space reused across calls (featurizing is synchronous, so sharing is safe).
 * Counts live in a small open-addressing table keyed by bucket index rather than in a dense
 * `dim`-sized array: a 500-word text touches ~5,000 of 262,144 buckets, and a table of a few
 * thousand slots stays in the CPU cache where a 1 MB dense array does not. Each slot is
 * [generation and bucket, count], one cache line per probe; a slot whose generation is not the
 * current call's is empty, so the table never needs clearing. The counts are copied once into
 * a compact first-seen list, which scorers then read sequentially.
 */
let table = new Int32Array(2 << 12);
let generation = 0;
let generationBits = 0;

/**
 * The slot table for one pass: `cap` slots of [tag, count], tag = generation << bits | bucket. Moving to a new generation empties every slot at once; the table is zeroed only when
 * the generation counter would overflow the bits left above the bucket index.
 */
function tableFor(cap: number, bits: number): Int32Array {
  if (cap * 2 > table.length) {
    table = new Int32Array(cap * 2);
    generation = 0;
  }
  if (bits !== generationBits || ++generation >= 1 << (31 - bits)) {
    table.fill(0);
    generation = 1;
    generationBits = bits;
  }
  return table;
}
let listIndices = new Uint32Array(4096);
let listCounts = new Uint32Array(4096);
let listSlots = new Uint32Array(4096);

/** Grow the first-seen list buffers to hold `n` buckets. */
function ensureLists(n: number): void {
  if (listIndices.length >= n) return;
  listIndices = new Uint32Array(n);
  listCounts = new Uint32Array(n);
  listSlots = new Uint32Array(n);
}
let grams = new Uint32Array(4096);
let codes = new Uint16Array(4096);
let wordHashes = new Uint32Array(1024);
/** 1 + ln(tf) for small tf (the same doubles Math.log gives, looked up instead of recomputed). */
const LOG_TF = Float64Array.from({ length: 256 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));

/** The value a bucket with term frequency `tf` gets before L2 normalisation. */
function tfWeight(tf: number, sublinear: boolean): number {
  return sublinear ? (tf < 256 ? LOG_TF[tf] : 1 + Math.log(tf)) : tf;
}

/**
 * Bucket counts of one text, in first-seen order: `indices[k]` occurred `counts[k]` times,
 * for k < n. The arrays are scratch space, valid only until the next call: scorers read them
 * in place (no allocation per text); `hashFeatures` copies them out.
 */
export interface BucketCounts {
  n: number;
  indices: Uint32Array;
  counts: Uint32Array;
}

function isWordChar(c: number): boolean {
  // ASCII letters/digits, plus everything above Latin-1 punctuation (accented letters, CJK,
  // Cyrillic...) so non-English words are tokens too. Underscores join words (identifiers).
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c >= 0xc0;
}

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 12 ||
    c === 11 ||
    c === 0xa0 ||
    c === 0x3000 ||
    (c >= 0x2000 && c <= 0x200a)
  );
}

/**
 * Hash every n-gram of one text into the `grams` scratch buffer (raw 32-bit hashes, not yet
 * masked to buckets); returns how many there are.
 */
function collectGrams(text: string, cfg: HashingConfig): number {
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

  // Upper bound on the n-grams this text can produce.
  const [cMin, cMax] = cfg.charNgrams;
  const [wMin, wMax] = cfg.wordNgrams;
  const maxGrams = (cMax > 0 ? n * (cMax - cMin + 1) : 0) + (wMax > 0 ? n * (wMax - wMin + 1) : 0);
  // Gram hashes are collected first and counted in one flat loop below (a closure called per
  // gram kept its counter in a heap context and was several times slower).
  if (grams.length < maxGrams) grams = new Uint32Array(maxGrams);
  const gr = grams;
  let nGrams = 0;

  // 2. Character n-grams: for each start, extend the FNV state one char at a time so all
  // lengths min..max cost max multiplications, not sum(lengths).
  if (cMax > 0) {
    for (let i = 0; i + cMin <= n; i++) {
      let h = CHAR_SEED;
      const end = Math.min(n, i + cMax);
      for (let j = i; j < end; j++) {
        h = Math.imul(h ^ codes[j], FNV_PRIME);
        const len = j - i + 1;
        if (len >= cMin) gr[nGrams++] = Math.imul(h ^ len, FNV_PRIME);
      }
    }
  }

  // 3. Word n-grams: hash each token once, then combine token hashes for longer n-grams.
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
        if (len >= wMin) gr[nGrams++] = Math.imul(g ^ (len * 0x27d4eb2d), FNV_PRIME);
      }
    }
  }
  return nGrams;
}

/**
 * Count the hashed n-gram buckets of one text (see `BucketCounts`), in first-seen order: the
 * order the training code and the shipped models use. Always succeeds.
 */
export function countBuckets(text: string, cfg: HashingConfig = DEFAULT_HASHING): BucketCounts {
  const nGrams = collectGrams(text, cfg);
  const gr = grams;
  const dim = cfg.dim;
  const mask = dim - 1;
  // Only the first `cap` slots are used, so a long text does not leave short ones probing a
  // large, cold table. Typical text has about a third as many distinct buckets as n-grams, so
  // the table starts at the n-gram count and doubles (rehashing the list) past half full.
  let cap = 1 << 12;
  while (cap < nGrams && cap < dim * 2) cap *= 2;
  ensureLists(Math.min(nGrams, dim));
  const bits = 31 - Math.clz32(dim);
  const li = listIndices;
  const lc = listCounts;
  // Count buckets in first-seen order.
  let tab = tableFor(cap, bits);
  let tagBase = generation << bits;
  let slotMask = cap - 1;
  let shift = Math.clz32(cap) + 1; // top log2(cap) bits of a multiplicative hash
  let limit = cap >> 1;
  let nu = 0;
  const ls = listSlots;
  for (let q = 0; q < nGrams; q++) {
    const idx = gr[q] & mask;
    const tag = tagBase | idx;
    let slot = Math.imul(idx, 0x9e3779b1) >>> shift;
    for (;;) {
      const at = slot << 1;
      const t = tab[at];
      if (t === tag) {
        tab[at + 1]++;
        break;
      }
      if (t >>> bits !== generation) {
        tab[at] = tag;
        tab[at + 1] = 1;
        li[nu] = idx;
        ls[nu++] = at;
        if (nu > limit) {
          // Past half full: double the table and re-insert the list under a new generation.
          for (let p = 0; p < nu; p++) lc[p] = tab[ls[p] + 1];
          cap *= 2;
          tab = tableFor(cap, bits);
          tagBase = generation << bits;
          slotMask = cap - 1;
          shift = Math.clz32(cap) + 1;
          limit = cap >> 1;
          for (let p = 0; p < nu; p++) {
            let s2 = Math.imul(li[p], 0x9e3779b1) >>> shift;
            while (tab[s2 << 1] >>> bits === generation) s2 = (s2 + 1) & slotMask;
            tab[s2 << 1] = tagBase | li[p];
            tab[(s2 << 1) + 1] = lc[p];
            ls[p] = s2 << 1;
          }
        }
        break;
      }
      slot = (slot + 1) & slotMask;
    }
  }
  for (let p = 0; p < nu; p++) lc[p] = tab[ls[p] + 1];
  return { n: nu, indices: li, counts: lc };
}

/** Counts -> start offsets (exclusive prefix sums) over the first `n` entries, in place. */
function toStarts(counts: Uint32Array, n: number): void {
  for (let d = 0, sum = 0; d < n; d++) {
    const c = counts[d];
    counts[d] = sum;
    sum += c;
  }
}

let sortBuf = new Uint32Array(4096);
// Digits of up to 12 bits: dim <= 2^24.
const digitCounts = new Uint32Array(1 << 12);
const highDigitCounts = new Uint32Array(1 << 12);

/**
 * The same bucket counts as `countBuckets`, in ascending bucket order instead of first-seen
 * order, for scoring: the weight rows are then read front to back instead of at random, which
 * is what scoring costs once the weights are no longer in the CPU cache (on a serving process
 * they rarely are). Two counting-sort passes over the bucket indices, then runs. A dot product
 * over them equals the first-seen one up to float64 rounding (~1e-15).
 */
export function countBucketsSorted(text: string, cfg: HashingConfig = DEFAULT_HASHING): BucketCounts {
  const nGrams = collectGrams(text, cfg);
  const gr = grams;
  const mask = cfg.dim - 1;
  const bits = 31 - Math.clz32(cfg.dim);
  const lowBits = bits >> 1;
  const lowMask = (1 << lowBits) - 1;
  const highBuckets = 1 << (bits - lowBits);
  if (sortBuf.length < nGrams) sortBuf = new Uint32Array(nGrams);
  ensureLists(Math.min(nGrams, cfg.dim));
  const tmp = sortBuf;
  // Both digits' histograms in one pass (low digit in dc, high digit in dh); the grams are
  // masked to bucket indices on the way.
  const dc = digitCounts;
  const dh = highDigitCounts;
  dc.fill(0, 0, lowMask + 1);
  dh.fill(0, 0, highBuckets);
  for (let q = 0; q < nGrams; q++) {
    const v = gr[q] & mask;
    gr[q] = v;
    dc[v & lowMask]++;
    dh[v >>> lowBits]++;
  }
  toStarts(dc, lowMask + 1);
  toStarts(dh, highBuckets);
  // Pass 1, low digit: gr -> tmp. Pass 2, high digit (stable): tmp -> gr.
  for (let q = 0; q < nGrams; q++) {
    const v = gr[q];
    tmp[dc[v & lowMask]++] = v;
  }
  for (let q = 0; q < nGrams; q++) {
    const v = tmp[q];
    gr[dh[v >>> lowBits]++] = v;
  }
  // Runs of equal indices are the buckets and their counts.
  const li = listIndices;
  const lc = listCounts;
  let nu = 0;
  for (let q = 0; q < nGrams;) {
    const v = gr[q];
    let e = q + 1;
    while (e < nGrams && gr[e] === v) e++;
    li[nu] = v;
    lc[nu++] = e - q;
    q = e;
  }
  return { n: nu, indices: li, counts: lc };
}

/**
 * Featurize one text. Always succeeds: an empty text gives an empty vector.
 * Indices are unique (in first-seen order); values are L2-normalised.
 */
export function hashFeatures(text: string, cfg: HashingConfig = DEFAULT_HASHING): SparseVector {
  const { n, indices, counts } = countBuckets(text, cfg);
  const values = new Float32Array(n);
  normalisedValues(counts, n, cfg.sublinearTf, values);
  return { indices: indices.slice(0, n), values };
}

/**
 * The feature values of bucket counts (first `n`): tf weights, L2-normalised, written into
 * `out` in float32 (the roundings the trained models saw).
 */
export function normalisedValues(
  counts: Uint32Array,
  n: number,
  sublinear: boolean,
  out: Float32Array,
): void {
  let sq = 0;
  for (let k = 0; k < n; k++) {
    const v = tfWeight(counts[k], sublinear);
    out[k] = v;
    sq += v * v;
  }
  if (sq > 0) {
    const inv = 1 / Math.sqrt(sq);
    for (let k = 0; k < n; k++) out[k] *= inv;
  }
}
