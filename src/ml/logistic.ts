/**
 * Multinomial logistic regression (softmax regression) on sparse vectors.
 *
 * Hand-written because no maintained JavaScript library trains a softmax model on 2^17-wide
 * sparse hashed features in seconds: the installable ML packages are dense-only or wrap
 * TensorFlow. The optimiser is mini-batch "lazy" Adam (as in TensorFlow's LazyAdam): only the
 * weight rows of features present in the batch are updated, so an epoch costs O(non-zeros),
 * not O(dim). L2 is applied to the rows a batch touches (the usual sparse approximation).
 *
 * Dense inputs (sentence embeddings) use the same code: a dense vector is a sparse vector with
 * every index present (`denseToSparse`).
 *
 * Deterministic: weights start at zero and the only randomness (batch order) comes from a
 * seeded PRNG, so the same data + params + seed give bit-identical weights.
 */
import { mulberry32 } from './rng.js';
import type { SparseVector } from './text-features.js';

export interface LogisticParams {
  /** Maximum passes over the training data. */
  epochs: number;
  /** Adam step size. */
  learningRate: number;
  /** L2 penalty per weight (added to the mean loss as l2/2 * ||W||^2 on touched rows). */
  l2: number;
  batchSize: number;
  /** 'balanced' = n / (K * n_k) (sklearn's definition), 'none' = all 1, or explicit per class. */
  classWeight: 'balanced' | 'none' | number[];
  /** Stop after this many epochs without validation-loss improvement; the best epoch is kept. */
  patience: number;
  seed: number;
}

export const DEFAULT_LOGISTIC: LogisticParams = {
  epochs: 12,
  learningRate: 0.02,
  l2: 1e-6,
  batchSize: 64,
  classWeight: 'balanced',
  patience: 2,
  seed: 42,
};

export interface EpochReport {
  epoch: number;
  epochs: number;
  trainLoss: number;
  /** Class-weighted cross-entropy on the validation split (absent without one). */
  valLoss?: number;
  valAccuracy?: number;
  /** True when this epoch is the best so far (its weights are the ones kept). */
  best: boolean;
  elapsedMs: number;
}

export interface TrainInput {
  dim: number;
  numClasses: number;
  X: SparseVector[];
  /** Class index per row, 0..numClasses-1. */
  y: ArrayLike<number>;
  /** Optional per-row weight multiplier (e.g. to up-weight hard negatives). */
  sampleWeight?: ArrayLike<number>;
  valX?: SparseVector[];
  valY?: ArrayLike<number>;
}

export interface TrainResult {
  /** Feature-major weights (W[f * K + k]). */
  W: Float32Array;
  b: Float32Array;
  history: EpochReport[];
  bestEpoch: number;
  stoppedEarly: boolean;
  classWeights: number[];
}

export class TrainingAbortedError extends Error {
  constructor() {
    super('training was cancelled');
    this.name = 'AbortError';
  }
}

export { mulberry32 };

export function shuffleInPlace<T>(arr: T[] | Uint32Array, rand: () => number): void {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
}

export function denseToSparse(v: ArrayLike<number>): SparseVector {
  const indices = new Uint32Array(v.length);
  const values = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    indices[i] = i;
    values[i] = v[i];
  }
  return { indices, values };
}

/** Throws a message naming the bad parameter; returns normally when all are usable. */
export function validateLogisticParams(p: LogisticParams, numClasses?: number): void {
  const bad = (name: string, why: string): never => {
    throw new Error(`${name} ${why}`);
  };
  if (!Number.isInteger(p.epochs) || p.epochs < 1 || p.epochs > 1000) bad('epochs', 'must be an integer in 1..1000');
  if (!(p.learningRate > 0 && p.learningRate <= 10)) bad('learningRate', 'must be in (0, 10]');
  if (!(p.l2 >= 0 && p.l2 < 10)) bad('l2', 'must be in [0, 10)');
  if (!Number.isInteger(p.batchSize) || p.batchSize < 1 || p.batchSize > 100_000) bad('batchSize', 'must be an integer in 1..100000');
  if (!Number.isInteger(p.patience) || p.patience < 0) bad('patience', 'must be a non-negative integer');
  if (!Number.isInteger(p.seed)) bad('seed', 'must be an integer');
  if (Array.isArray(p.classWeight)) {
    if (numClasses !== undefined && p.classWeight.length !== numClasses) bad('classWeight', `needs ${numClasses} numbers`);
    if (p.classWeight.some((w) => !(w > 0))) bad('classWeight', 'entries must be positive');
  } else if (p.classWeight !== 'balanced' && p.classWeight !== 'none') bad('classWeight', "must be 'balanced', 'none' or an array");
}

export function computeClassWeights(y: ArrayLike<number>, K: number, mode: LogisticParams['classWeight']): number[] {
  if (Array.isArray(mode)) return [...mode];
  if (mode === 'none') return new Array(K).fill(1);
  const counts = new Array(K).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  // Classes absent from training get weight 0: nothing to learn, and it avoids Infinity.
  return counts.map((c) => (c > 0 ? y.length / (K * c) : 0));
}

function logitsInto(W: Float32Array, b: Float32Array, K: number, x: SparseVector, out: Float64Array): void {
  for (let k = 0; k < K; k++) out[k] = b[k];
  const { indices, values } = x;
  for (let j = 0; j < indices.length; j++) {
    const base = indices[j] * K;
    const v = values[j];
    for (let k = 0; k < K; k++) out[k] += W[base + k] * v;
  }
}

/** In-place softmax; returns log-sum-exp so callers get the loss for free. */
function softmaxInPlace(z: Float64Array, K: number): number {
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (z[k] > max) max = z[k];
  let s = 0;
  for (let k = 0; k < K; k++) {
    z[k] = Math.exp(z[k] - max);
    s += z[k];
  }
  for (let k = 0; k < K; k++) z[k] /= s;
  return max + Math.log(s);
}

/** Raw (uncalibrated) logits for every row, flat [n * K]. */
export function predictLogits(W: Float32Array, b: Float32Array, K: number, X: SparseVector[]): Float64Array {
  const out = new Float64Array(X.length * K);
  const z = new Float64Array(K);
  for (let i = 0; i < X.length; i++) {
    logitsInto(W, b, K, X[i], z);
    out.set(z, i * K);
  }
  return out;
}

function evaluate(W: Float32Array, b: Float32Array, K: number, X: SparseVector[], y: ArrayLike<number>, cw: number[]): { loss: number; accuracy: number } {
  const z = new Float64Array(K);
  let loss = 0;
  let wsum = 0;
  let correct = 0;
  for (let i = 0; i < X.length; i++) {
    logitsInto(W, b, K, X[i], z);
    let arg = 0;
    for (let k = 1; k < K; k++) if (z[k] > z[arg]) arg = k;
    if (arg === y[i]) correct++;
    softmaxInPlace(z, K);
    const w = cw[y[i]] || 1;
    loss += w * -Math.log(Math.max(z[y[i]], 1e-300));
    wsum += w;
  }
  return { loss: wsum > 0 ? loss / wsum : 0, accuracy: X.length ? correct / X.length : 0 };
}

/**
 * Train. Succeeds with the weights of the best validation epoch (or the last epoch without a
 * validation split). Throws `TrainingAbortedError` when `signal` aborts (checked every batch),
 * or an Error naming the problem for inconsistent inputs/params.
 */
export async function trainSoftmax(
  input: TrainInput,
  params: LogisticParams = DEFAULT_LOGISTIC,
  hooks: { onEpoch?: (r: EpochReport) => void | Promise<void>; signal?: AbortSignal } = {},
): Promise<TrainResult> {
  const { dim, numClasses: K, X, y } = input;
  validateLogisticParams(params, K);
  if (X.length !== y.length) throw new Error(`X has ${X.length} rows but y has ${y.length}`);
  if (X.length === 0) throw new Error('no training rows');
  for (let i = 0; i < y.length; i++) if (!(y[i] >= 0 && y[i] < K && Number.isInteger(y[i]))) throw new Error(`y[${i}] = ${y[i]} is not a class index in 0..${K - 1}`);
  const hasVal = !!input.valX && !!input.valY && input.valX.length > 0;

  const cw = computeClassWeights(y, K, params.classWeight);
  const W = new Float32Array(dim * K);
  const b = new Float32Array(K);
  // Adam moments.
  const mW = new Float32Array(dim * K);
  const vW = new Float32Array(dim * K);
  const mb = new Float64Array(K);
  const vb = new Float64Array(K);
  // Per-row last-update step for lazy Adam bias correction is skipped: we use the global step,
  // which is what LazyAdam does too.
  const gW = new Float64Array(dim * K);
  const gb = new Float64Array(K);
  const touchedMark = new Uint8Array(dim);
  let touched = new Uint32Array(1 << 14);

  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const lr = params.learningRate;
  const rand = mulberry32(params.seed);
  const order = new Uint32Array(X.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const z = new Float64Array(K);

  let best = { loss: Infinity, W: new Float32Array(0), b: new Float32Array(0), epoch: 0 };
  const history: EpochReport[] = [];
  let step = 0;
  let sinceBest = 0;
  let stoppedEarly = false;
  const t0 = Date.now();

  for (let epoch = 1; epoch <= params.epochs; epoch++) {
    shuffleInPlace(order, rand);
    let epochLoss = 0;
    let epochW = 0;
    for (let start = 0; start < order.length; start += params.batchSize) {
      if (hooks.signal?.aborted) throw new TrainingAbortedError();
      const end = Math.min(order.length, start + params.batchSize);
      let nTouched = 0;
      let bw = 0;
      gb.fill(0);
      for (let p = start; p < end; p++) {
        const i = order[p];
        const yi = y[i];
        const w = cw[yi] * (input.sampleWeight ? input.sampleWeight[i] : 1);
        if (w === 0) continue;
        const x = X[i];
        logitsInto(W, b, K, x, z);
        softmaxInPlace(z, K);
        epochLoss += w * -Math.log(Math.max(z[yi], 1e-300));
        epochW += w;
        bw += w;
        z[yi] -= 1; // dL/dlogits = p - onehot
        for (let k = 0; k < K; k++) gb[k] += w * z[k];
        const { indices, values } = x;
        for (let j = 0; j < indices.length; j++) {
          const f = indices[j];
          if (!touchedMark[f]) {
            touchedMark[f] = 1;
            if (nTouched === touched.length) {
              const t = new Uint32Array(touched.length * 2);
              t.set(touched);
              touched = t;
            }
            touched[nTouched++] = f;
          }
          const base = f * K;
          const v = values[j] * w;
          for (let k = 0; k < K; k++) gW[base + k] += v * z[k];
        }
      }
      if (bw === 0) continue;
      step++;
      const inv = 1 / bw;
      const c1 = 1 - Math.pow(beta1, step);
      const c2 = 1 - Math.pow(beta2, step);
      const alpha = (lr * Math.sqrt(c2)) / c1;
      for (let t = 0; t < nTouched; t++) {
        const f = touched[t];
        touchedMark[f] = 0;
        const base = f * K;
        for (let k = 0; k < K; k++) {
          const idx = base + k;
          const g = gW[idx] * inv + params.l2 * W[idx];
          gW[idx] = 0;
          const m = (mW[idx] = beta1 * mW[idx] + (1 - beta1) * g);
          const v = (vW[idx] = beta2 * vW[idx] + (1 - beta2) * g * g);
          W[idx] -= (alpha * m) / (Math.sqrt(v) + eps);
        }
      }
      for (let k = 0; k < K; k++) {
        const g = gb[k] * inv;
        mb[k] = beta1 * mb[k] + (1 - beta1) * g;
        vb[k] = beta2 * vb[k] + (1 - beta2) * g * g;
        b[k] -= (alpha * mb[k]) / (Math.sqrt(vb[k]) + eps);
      }
    }

    const trainLoss = epochW > 0 ? epochLoss / epochW : 0;
    let report: EpochReport;
    if (hasVal) {
      const ev = evaluate(W, b, K, input.valX!, input.valY!, cw);
      const isBest = ev.loss < best.loss - 1e-6;
      if (isBest) {
        best = { loss: ev.loss, W: W.slice(), b: b.slice(), epoch };
        sinceBest = 0;
      } else sinceBest++;
      report = { epoch, epochs: params.epochs, trainLoss, valLoss: ev.loss, valAccuracy: ev.accuracy, best: isBest, elapsedMs: Date.now() - t0 };
    } else {
      best = { loss: trainLoss, W, b, epoch };
      report = { epoch, epochs: params.epochs, trainLoss, best: true, elapsedMs: Date.now() - t0 };
    }
    history.push(report);
    await hooks.onEpoch?.(report);
    if (hasVal && sinceBest > params.patience) {
      stoppedEarly = epoch < params.epochs;
      break;
    }
  }
  return { W: best.W, b: best.b, history, bestEpoch: best.epoch, stoppedEarly, classWeights: cw };
}
