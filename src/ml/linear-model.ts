/**
 * Serialisable artifacts for our trained linear classifiers and the code that scores them.
 *
 * Two kinds share one shape (a weight matrix + bias + temperature over some feature vector):
 *  - `linear`: multinomial logistic regression on hashed n-grams (`text-features.ts`);
 *  - `embedding`: the same softmax head on a sentence-encoder vector (`encoder.ts`).
 *
 * Weights are stored feature-major (`W[f * K + k]`) so scoring a sparse vector touches one
 * contiguous run of K floats per non-zero feature. In JSON they are base64 of little-endian
 * float32, or int8 with one scale per label column (4x smaller: the shipped hashed model would
 * otherwise be several MB, and int8 changes probabilities by well under 1e-2).
 */
import { LABELS, isLabel, type Label } from './labels.js';
import {
  countBuckets,
  countBucketsSorted,
  hashFeatures,
  normalisedValues,
  validateHashingConfig,
  type HashingConfig,
  type SparseVector,
} from './text-features.js';

export const ARTIFACT_FORMAT = 'mlsec-model' as const;
export const ARTIFACT_FORMAT_VERSION = 1 as const;

export interface EncodedMatrix {
  dtype: 'float32' | 'int8';
  /** [rows = features, cols = labels] */
  shape: [number, number];
  /** int8 only: value = q * scales[col]. */
  scales?: number[];
  /** base64 of the row-major (feature-major) data, little-endian for float32. */
  data: string;
}

export interface TrainingFileCount {
  file: string;
  records: number;
  by_label: Partial<Record<Label, number>>;
}

export interface ModelMetadata {
  /** Semantic version of this artifact, e.g. `1.0.0`. */
  version: string;
  created_at: string;
  trainer: string;
  seed: number;
  params: Record<string, unknown>;
  /** Every data file (or generator) that contributed training records, with counts. */
  trained_on: TrainingFileCount[];
  counts: Partial<Record<Label, number>>;
  /** Validation results as measured by the trainer (free-form, documented by the trainer). */
  metrics: Record<string, unknown>;
  dataset_hash?: string;
  code_version?: string;
  notes?: string;
}

interface ArtifactBase {
  format: typeof ARTIFACT_FORMAT;
  format_version: typeof ARTIFACT_FORMAT_VERSION;
  name: string;
  labels: Label[];
  weights: EncodedMatrix;
  bias: number[];
  calibration: { method: 'temperature'; temperature: number };
  metadata: ModelMetadata;
}

export interface LinearModelArtifact extends ArtifactBase {
  kind: 'linear';
  featurizer: { type: 'hashed-ngrams'; config: HashingConfig };
}

export interface EmbeddingHeadArtifact extends ArtifactBase {
  kind: 'embedding';
  encoder: { id: string; dim: number; l2_normalize: boolean };
}

export type ModelArtifact = LinearModelArtifact | EmbeddingHeadArtifact;

/** The decoded numeric part: what scoring needs. */
export interface SoftmaxHead {
  labels: Label[];
  /** Feature count. */
  dim: number;
  /** Feature-major weights, length dim * labels.length. */
  W: Float32Array;
  b: Float32Array;
  temperature: number;
}

export type Probabilities = Record<Label, number>;

export interface LoadedLinearModel {
  kind: 'linear';
  name: string;
  version: string;
  labels: Label[];
  artifact: LinearModelArtifact;
  head: SoftmaxHead;
  /** Calibrated probability per label; labels the model does not know get 0. */
  predictProba(text: string): Probabilities;
  predictProbaFeatures(x: SparseVector): Probabilities;
}

export interface LoadedEmbeddingHead {
  kind: 'embedding';
  name: string;
  version: string;
  labels: Label[];
  artifact: EmbeddingHeadArtifact;
  head: SoftmaxHead;
  /** Calibrated probabilities for one sentence-encoder vector (normalised here if required). */
  predictProbaEmbedding(vec: Float32Array | number[]): Probabilities;
}

// ---------- matrix encoding ----------

/** Encode a feature-major matrix. int8 uses a symmetric per-column scale (max |w| / 127). */
export function encodeMatrix(
  W: Float32Array,
  rows: number,
  cols: number,
  dtype: 'float32' | 'int8',
): EncodedMatrix {
  if (W.length !== rows * cols) throw new Error(`matrix has ${W.length} values, expected ${rows}x${cols}`);
  if (dtype === 'float32') {
    // Written element by element so the bytes are little-endian whatever the host order.
    const le = Buffer.alloc(W.length * 4);
    for (let i = 0; i < W.length; i++) le.writeFloatLE(W[i], i * 4);
    return { dtype, shape: [rows, cols], data: le.toString('base64') };
  }
  const scales = new Array<number>(cols).fill(0);
  for (let i = 0; i < W.length; i++) {
    const c = i % cols;
    const a = Math.abs(W[i]);
    if (a > scales[c]) scales[c] = a;
  }
  for (let c = 0; c < cols; c++) scales[c] = scales[c] > 0 ? scales[c] / 127 : 1;
  const q = new Int8Array(W.length);
  for (let i = 0; i < W.length; i++)
    q[i] = Math.max(-127, Math.min(127, Math.round(W[i] / scales[i % cols])));
  return { dtype, shape: [rows, cols], scales, data: Buffer.from(q.buffer).toString('base64') };
}

/** Decode an `EncodedMatrix`; throws with a precise reason when the payload is inconsistent. */
export function decodeMatrix(m: EncodedMatrix): Float32Array {
  const [rows, cols] = m.shape;
  const n = rows * cols;
  const buf = Buffer.from(m.data, 'base64');
  if (m.dtype === 'float32') {
    if (buf.length !== n * 4)
      throw new Error(`weights: expected ${n * 4} bytes of float32, got ${buf.length}`);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = buf.readFloatLE(i * 4);
    return out;
  }
  if (m.dtype === 'int8') {
    if (buf.length !== n) throw new Error(`weights: expected ${n} bytes of int8, got ${buf.length}`);
    if (!m.scales || m.scales.length !== cols) throw new Error(`weights: int8 needs ${cols} scales`);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = ((buf[i] << 24) >> 24) * m.scales[i % cols];
    return out;
  }
  throw new Error(`weights: unknown dtype '${(m as EncodedMatrix).dtype}'`);
}

// ---------- scoring ----------

/** Temperature-scaled softmax; numerically stable. Writes into `out` when given. */
export function softmax(
  logits: Float64Array | number[],
  temperature = 1,
  out = new Float64Array(logits.length),
): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < logits.length; k++) if (logits[k] / temperature > max) max = logits[k] / temperature;
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    out[k] = Math.exp(logits[k] / temperature - max);
    sum += out[k];
  }
  for (let k = 0; k < logits.length; k++) out[k] /= sum;
  return out;
}

export function sparseLogits(
  head: SoftmaxHead,
  x: SparseVector,
  out = new Float64Array(head.labels.length),
): Float64Array {
  const K = head.labels.length;
  for (let k = 0; k < K; k++) out[k] = head.b[k];
  const { indices, values } = x;
  const W = head.W;
  for (let j = 0; j < indices.length; j++) {
    const base = indices[j] * K;
    const v = values[j];
    for (let k = 0; k < K; k++) out[k] += W[base + k] * v;
  }
  return out;
}

interface Int8Weights {
  q: Int8Array;
  scales: Float64Array;
}

function int8Weights(m: EncodedMatrix): Int8Weights | undefined {
  if (m.dtype !== 'int8' || !m.scales) return undefined;
  const buf = Buffer.from(m.data, 'base64');
  return { q: new Int8Array(buf.buffer, buf.byteOffset, buf.length), scales: Float64Array.from(m.scales) };
}

/**
 * `sparseLogits` for int8 artifacts, reading the quantised weights (a quarter of the bytes:
 * scoring a text touches thousands of random rows, so the smaller table stays in cache).
 * `Math.fround(q * scale)` is exactly the float32 `decodeMatrix` stores, so the logits are
 * bit-identical to `sparseLogits` on the decoded matrix.
 */
export function sparseLogitsInt8(
  head: SoftmaxHead,
  w: Int8Weights,
  x: SparseVector,
  out = new Float64Array(head.labels.length),
): Float64Array {
  return int8Dot(head, w, x.indices, x.values, x.indices.length, out);
}

/** bias + sum over j < n of values[j] * W[indices[j]], reading the int8 rows. */
function int8Dot(
  head: SoftmaxHead,
  w: Int8Weights,
  indices: Uint32Array,
  values: Float32Array,
  n: number,
  out: Float64Array,
): Float64Array {
  const K = head.labels.length;
  const { q, scales } = w;
  if (K === 5) {
    // The shipped label set: five accumulators in registers, so consecutive rows' loads
    // overlap instead of waiting on stores to `out`. Same additions in the same order.
    const s0 = scales[0],
      s1 = scales[1],
      s2 = scales[2],
      s3 = scales[3],
      s4 = scales[4];
    let o0 = head.b[0],
      o1 = head.b[1],
      o2 = head.b[2],
      o3 = head.b[3],
      o4 = head.b[4];
    for (let j = 0; j < n; j++) {
      const base = indices[j] * 5;
      const v = values[j];
      o0 += Math.fround(q[base] * s0) * v;
      o1 += Math.fround(q[base + 1] * s1) * v;
      o2 += Math.fround(q[base + 2] * s2) * v;
      o3 += Math.fround(q[base + 3] * s3) * v;
      o4 += Math.fround(q[base + 4] * s4) * v;
    }
    out[0] = o0;
    out[1] = o1;
    out[2] = o2;
    out[3] = o3;
    out[4] = o4;
    return out;
  }
  for (let k = 0; k < K; k++) out[k] = head.b[k];
  for (let j = 0; j < n; j++) {
    const base = indices[j] * K;
    const v = values[j];
    for (let k = 0; k < K; k++) out[k] += Math.fround(q[base + k] * scales[k]) * v;
  }
  return out;
}

/** From about 200 words on, scoring reads the bucket counts in bucket order (see below). */
const SORTED_MIN_CHARS = 1200;
let scratchValues = new Float32Array(4096);

/**
 * `sparseLogitsInt8(head, w, hashFeatures(text, cfg))` without building the sparse vector: it
 * reads the featurizer's bucket counts in place (no allocation per text) and applies the same
 * float32 roundings to each term. Longer texts are summed in bucket order (`countBucketsSorted`:
 * the weight rows are read front to back), which agrees with the first-seen sum to float64
 * rounding (~1e-15); shorter ones in first-seen order, bit-identical.
 */
function textLogitsInt8(
  head: SoftmaxHead,
  w: Int8Weights,
  cfg: HashingConfig,
  text: string,
  out = new Float64Array(head.labels.length),
): Float64Array {
  // Short texts touch few weight rows (they stay cached): the first-seen table is cheaper.
  const { n, indices, counts } =
    text.length >= SORTED_MIN_CHARS ? countBucketsSorted(text, cfg) : countBuckets(text, cfg);
  if (scratchValues.length < n) scratchValues = new Float32Array(n * 2);
  const values = scratchValues;
  normalisedValues(counts, n, cfg.sublinearTf, values);
  return int8Dot(head, w, indices, values, n, out);
}

export function denseLogits(
  head: SoftmaxHead,
  x: ArrayLike<number>,
  out = new Float64Array(head.labels.length),
): Float64Array {
  const K = head.labels.length;
  for (let k = 0; k < K; k++) out[k] = head.b[k];
  const W = head.W;
  for (let f = 0; f < head.dim; f++) {
    const v = x[f];
    if (v === 0) continue;
    const base = f * K;
    for (let k = 0; k < K; k++) out[k] += W[base + k] * v;
  }
  return out;
}

function toRecord(labels: Label[], p: Float64Array): Probabilities {
  const r = Object.fromEntries(LABELS.map((l) => [l, 0])) as Probabilities;
  for (let k = 0; k < labels.length; k++) r[labels[k]] = p[k];
  return r;
}

function checkBase(a: ArtifactBase & { kind: string }): void {
  if (a == null || typeof a !== 'object') throw new Error('model artifact must be an object');
  if (a.format !== ARTIFACT_FORMAT)
    throw new Error(`not an mlsec model artifact (format '${String(a.format)}')`);
  if (a.format_version !== ARTIFACT_FORMAT_VERSION)
    throw new Error(
      `unsupported artifact format_version ${String(a.format_version)}; this build reads ${ARTIFACT_FORMAT_VERSION}`,
    );
  if (!Array.isArray(a.labels) || a.labels.length < 2) throw new Error('artifact needs at least two labels');
  for (const l of a.labels)
    if (!isLabel(l))
      throw new Error(`artifact has unknown label '${String(l)}'. Known: ${LABELS.join(', ')}`);
  if (new Set(a.labels).size !== a.labels.length) throw new Error('artifact labels repeat');
  if (!a.weights || a.weights.shape?.[1] !== a.labels.length)
    throw new Error('weights shape does not match the label count');
  if (!Array.isArray(a.bias) || a.bias.length !== a.labels.length)
    throw new Error('bias length does not match the label count');
  const t = a.calibration?.temperature;
  if (typeof t !== 'number' || !(t > 0) || !Number.isFinite(t))
    throw new Error('calibration.temperature must be a positive number');
}

function headOf(a: ArtifactBase): SoftmaxHead {
  return {
    labels: [...a.labels],
    dim: a.weights.shape[0],
    W: decodeMatrix(a.weights),
    b: Float32Array.from(a.bias),
    temperature: a.calibration.temperature,
  };
}

/**
 * Load a `linear` artifact into a scorer. Throws an Error naming the problem when the artifact
 * is malformed (wrong format/version, unknown labels, shape mismatches); never returns a
 * half-working model.
 */
export function loadLinearModel(artifact: LinearModelArtifact): LoadedLinearModel {
  checkBase(artifact);
  if (artifact.kind !== 'linear')
    throw new Error(`expected a 'linear' artifact, got '${String(artifact.kind)}'`);
  const cfg = artifact.featurizer?.config;
  if (artifact.featurizer?.type !== 'hashed-ngrams' || !cfg)
    throw new Error("linear artifact needs featurizer.type 'hashed-ngrams'");
  validateHashingConfig(cfg);
  if (artifact.weights.shape[0] !== cfg.dim)
    throw new Error(`weights have ${artifact.weights.shape[0]} rows but the featurizer dim is ${cfg.dim}`);
  const head = headOf(artifact);
  const logits = new Float64Array(head.labels.length);
  const probs = new Float64Array(head.labels.length);
  const int8 = int8Weights(artifact.weights);
  const predictProbaFeatures = (x: SparseVector): Probabilities =>
    toRecord(
      head.labels,
      softmax(
        int8 ? sparseLogitsInt8(head, int8, x, logits) : sparseLogits(head, x, logits),
        head.temperature,
        probs,
      ),
    );
  return {
    kind: 'linear',
    name: artifact.name,
    version: artifact.metadata?.version ?? '0.0.0',
    labels: head.labels,
    artifact,
    head,
    predictProbaFeatures,
    predictProba: (text: string) =>
      int8
        ? toRecord(
            head.labels,
            softmax(textLogitsInt8(head, int8, cfg, text, logits), head.temperature, probs),
          )
        : predictProbaFeatures(hashFeatures(text, cfg)),
  };
}

/** L2-normalise a dense vector into a new Float32Array (zero vector stays zero). */
export function l2normalize(v: ArrayLike<number>): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * inv;
  return out;
}

/** Load an `embedding` head artifact. Same failure contract as `loadLinearModel`. */
export function loadEmbeddingHead(artifact: EmbeddingHeadArtifact): LoadedEmbeddingHead {
  checkBase(artifact);
  if (artifact.kind !== 'embedding')
    throw new Error(`expected an 'embedding' artifact, got '${String(artifact.kind)}'`);
  if (!artifact.encoder || artifact.weights.shape[0] !== artifact.encoder.dim)
    throw new Error('weights rows must equal encoder.dim');
  const head = headOf(artifact);
  const logits = new Float64Array(head.labels.length);
  const probs = new Float64Array(head.labels.length);
  return {
    kind: 'embedding',
    name: artifact.name,
    version: artifact.metadata?.version ?? '0.0.0',
    labels: head.labels,
    artifact,
    head,
    predictProbaEmbedding(vec) {
      if (vec.length !== head.dim)
        throw new Error(`embedding has ${vec.length} dims, the head expects ${head.dim}`);
      const x = artifact.encoder.l2_normalize ? l2normalize(vec) : vec;
      return toRecord(head.labels, softmax(denseLogits(head, x, logits), head.temperature, probs));
    },
  };
}

/** Dispatch on `kind`. */
export function loadModelArtifact(artifact: ModelArtifact): LoadedLinearModel | LoadedEmbeddingHead {
  if (artifact?.kind === 'linear') return loadLinearModel(artifact);
  if (artifact?.kind === 'embedding') return loadEmbeddingHead(artifact);
  throw new Error(
    `unknown model artifact kind '${String((artifact as { kind?: unknown })?.kind)}'. Known: linear, embedding`,
  );
}

/** P(attack) = 1 - P(benign): the score detectors threshold on. */
export function attackProbability(p: Probabilities): number {
  return 1 - p.benign;
}
