/**
 * The optimised `hashFeatures` (open-addressing accumulator, tf log table) must give exactly
 * the features of the straightforward dense-accumulator implementation the shipped model was
 * trained with: same indices in the same order, same float32 values, hence the same scores.
 * The reference below is that implementation, kept verbatim.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HASHING,
  countBuckets,
  countBucketsSorted,
  hashFeatures,
  type HashingConfig,
  type SparseVector,
} from './text-features.js';
import { loadLinearModel, softmax, sparseLogits, type LinearModelArtifact } from './linear-model.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x9e3779b1;
const CHAR_SEED = FNV_OFFSET;

// Scratch space of the reference implementation.
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
 * Featurize one text. Always succeeds: an empty text gives an empty vector.
 * Indices are unique (in first-seen order); values are L2-normalised.
 */
function referenceHashFeatures(text: string, cfg: HashingConfig = DEFAULT_HASHING): SparseVector {
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

const DATA = resolve(process.env.MLSEC_SHARED_DATA ?? '../shared/data');
const MODEL = resolve('models/linear-default/model.json');

function realTexts(): string[] {
  const texts: string[] = [];
  for (const f of readdirSync(DATA).filter((n) => n.endsWith('.jsonl'))) {
    const lines = readFileSync(join(DATA, f), 'utf8').trim().split('\n');
    const step = Math.max(1, Math.floor(lines.length / 200));
    for (let i = 0; i < lines.length; i += step) texts.push(String(JSON.parse(lines[i]).text ?? ''));
  }
  return texts;
}

function expectSame(a: SparseVector, b: SparseVector) {
  expect(a.indices.length).toBe(b.indices.length);
  expect(Buffer.from(a.indices.buffer).equals(Buffer.from(b.indices.buffer))).toBe(true);
  expect(Buffer.from(a.values.buffer).equals(Buffer.from(b.values.buffer))).toBe(true);
}

describe.skipIf(!existsSync(DATA))('hashFeatures equals the reference implementation', () => {
  const texts = existsSync(DATA) ? realTexts() : [];
  it('bit for bit on real texts, for the default and other configurations', () => {
    expect(texts.length).toBeGreaterThan(1000);
    const long = texts.join(' ').slice(0, 60_000); // over maxChars: truncation path
    const configs: HashingConfig[] = [
      DEFAULT_HASHING,
      { ...DEFAULT_HASHING, dim: 1 << 10 }, // more distinct n-grams than buckets
      { ...DEFAULT_HASHING, sublinearTf: false, wordNgrams: [1, 3], charNgrams: [2, 6] },
      { ...DEFAULT_HASHING, wordNgrams: [0, 0] },
      { ...DEFAULT_HASHING, charNgrams: [0, 0] },
    ];
    for (const cfg of configs) {
      for (const t of [...texts, long, '', ' ', 'a', 'x '.repeat(5000), 'ab'.repeat(20_000)]) {
        expectSame(hashFeatures(t, cfg), referenceHashFeatures(t, cfg));
        // The scorer's bucket-ordered counts: the same (bucket, count) pairs, sorted.
        const a = countBuckets(t, cfg);
        const want = Float64Array.from(
          a.indices.subarray(0, a.n),
          (ix, k) => ix * 2 ** 24 + a.counts[k],
        ).sort();
        const b = countBucketsSorted(t, cfg);
        const got = Float64Array.from(b.indices.subarray(0, b.n), (ix, k) => ix * 2 ** 24 + b.counts[k]);
        if (Buffer.compare(Buffer.from(got.buffer), Buffer.from(want.buffer)) !== 0)
          expect([...got]).toEqual([...want]);
      }
    }
  });
  it.skipIf(!existsSync(MODEL))(
    'gives the shipped linear model identical scores (int8 scoring path too)',
    () => {
      const model = loadLinearModel(JSON.parse(readFileSync(MODEL, 'utf8')) as LinearModelArtifact);
      const cfg = model.artifact.featurizer.config;
      expect(model.artifact.weights.dtype).toBe('int8'); // the int8 scoring path is the one checked
      const long = texts.filter((t) => t.length >= 1500).slice(0, 100);
      expect(long.length).toBeGreaterThan(20); // the bucket-ordered path is covered too
      for (const t of [...texts.slice(0, 500), ...long]) {
        // Reference: reference features, float32 decoded weights, plain sparse dot product.
        const x = referenceHashFeatures(t, cfg);
        const p = softmax(sparseLogits(model.head, x), model.head.temperature);
        const expected = Object.fromEntries(model.labels.map((l, k) => [l, p[k]]));
        const got = model.predictProba(t);
        // Long texts are summed in bucket order, the reference in first-seen order.
        for (const l of model.labels) expect(Math.abs(got[l] - expected[l])).toBeLessThan(1e-12);
      }
    },
  );
});
