/**
 * `embedding` trainer: a softmax head on Universal Sentence Encoder lite vectors (512-d).
 * The encoder is frozen (pretrained, offline); encodings are cached by text hash, so
 * retraining on mostly the same data only pays for the new texts.
 */
import { availableParallelism } from 'node:os';
import { Type, type Static } from 'typebox';
import { ENCODER_DIM, ENCODER_ID, getSentenceEncoder } from '../../ml/encoder.js';
import { denseToSparse } from '../../ml/logistic.js';
import {
  ARTIFACT_FORMAT,
  ARTIFACT_FORMAT_VERSION,
  encodeMatrix,
  type EmbeddingHeadArtifact,
} from '../../ml/linear-model.js';
import { ensureValidation, fitSoftmaxHead, headMetadata, labelsOf } from './common.js';
import type { Trainer } from './types.js';

export const EmbeddingParams = Type.Object(
  {
    epochs: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    learning_rate: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10 })),
    l2: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    batch_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 4096 })),
    class_weight: Type.Optional(Type.Union([Type.Literal('balanced'), Type.Literal('none')])),
    patience: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
    hard_negative_weight: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    source_balance: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    encode_batch_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 256 })),
    seed: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type EmbeddingParamsT = Required<Static<typeof EmbeddingParams>>;

const defaults: EmbeddingParamsT = {
  epochs: 120,
  learning_rate: 0.02,
  l2: 1e-5,
  batch_size: 64,
  class_weight: 'balanced',
  patience: 8,
  hard_negative_weight: 2,
  source_balance: 0.5,
  encode_batch_size: 32,
  seed: 42,
};

export const embedding: Trainer<EmbeddingParamsT> = {
  id: 'embedding',
  title: 'Sentence-encoder embedding head',
  description:
    'Softmax head on frozen Universal Sentence Encoder lite embeddings (512-d), class-weighted, early-stopped, temperature-calibrated.',
  paramsSchema: EmbeddingParams,
  defaults,
  async train(input, params, hooks = {}) {
    const t0 = Date.now();
    const p = { ...defaults, ...params };
    const { train, val } = ensureValidation(input.train, input.val, p.seed);
    const labels = labelsOf(train);
    if (labels.length < 2)
      throw new Error(`training rows hold only one class (${labels.join(', ')}); need at least two`);
    const K = labels.length;

    const encoder = getSentenceEncoder({
      batchSize: p.encode_batch_size,
      // encoding dominates training time and the model's CPU backend uses one core
      parallel: Math.min(2, availableParallelism()),
      cacheDir: hooks.cacheDir,
      signal: hooks.signal,
      onProgress: (done, total) => hooks.onProgress?.({ phase: 'encode', fraction: (0.7 * done) / total }),
    });
    const vecs = await encoder.embed([...train.map((r) => r.text), ...val.map((r) => r.text)]);
    const all = vecs.map(denseToSparse);
    const X = all.slice(0, train.length);
    const valX = all.slice(train.length);
    const { res, cal, evaluation } = await fitSoftmaxHead({
      dim: ENCODER_DIM,
      labels,
      train,
      val,
      X,
      valX,
      params: p,
      hooks,
      progress: [0.7, 0.95],
    });
    const artifact: EmbeddingHeadArtifact = {
      format: ARTIFACT_FORMAT,
      format_version: ARTIFACT_FORMAT_VERSION,
      kind: 'embedding',
      name: input.name,
      labels,
      // USE-lite vectors are already unit length; the head was trained on them as they are.
      encoder: { id: ENCODER_ID, dim: ENCODER_DIM, l2_normalize: false },
      weights: encodeMatrix(res.W, ENCODER_DIM, K, 'float32'),
      bias: Array.from(res.b),
      calibration: { method: 'temperature', temperature: cal.temperature },
      metadata: headMetadata('embedding', input, p, train, val, { res, cal, evaluation }),
    };
    hooks.onProgress?.({ phase: 'done', fraction: 1 });
    return { artifact, evaluation, history: res.history, durationMs: Date.now() - t0 };
  },
};
