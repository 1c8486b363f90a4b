/**
 * `linear` trainer: multinomial logistic regression on hashed word + character n-grams.
 * Microsecond inference; the fast path of detection.
 */
import { Type, type Static } from 'typebox';
import { hashFeatures, validateHashingConfig, type HashingConfig } from '../../ml/text-features.js';
import {
  ARTIFACT_FORMAT,
  ARTIFACT_FORMAT_VERSION,
  encodeMatrix,
  type LinearModelArtifact,
} from '../../ml/linear-model.js';
import { ensureValidation, fitSoftmaxHead, headMetadata, labelsOf } from './common.js';
import type { Trainer } from './types.js';

const NgramRange = Type.Tuple([
  Type.Integer({ minimum: 0, maximum: 8 }),
  Type.Integer({ minimum: 0, maximum: 8 }),
]);

export const LinearParams = Type.Object(
  {
    dim_log2: Type.Optional(
      Type.Integer({ minimum: 10, maximum: 22, description: 'hash buckets = 2^dim_log2' }),
    ),
    word_ngrams: Type.Optional(NgramRange),
    char_ngrams: Type.Optional(NgramRange),
    epochs: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    learning_rate: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10 })),
    l2: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    batch_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 4096 })),
    class_weight: Type.Optional(Type.Union([Type.Literal('balanced'), Type.Literal('none')])),
    patience: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
    hard_negative_weight: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    source_balance: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description: 'down-weight big source files: weight ~ n_file^-x',
      }),
    ),
    weight_dtype: Type.Optional(Type.Union([Type.Literal('int8'), Type.Literal('float32')])),
    seed: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type LinearParamsT = Required<Static<typeof LinearParams>>;

const defaults: LinearParamsT = {
  dim_log2: 18,
  word_ngrams: [1, 2],
  char_ngrams: [3, 5],
  epochs: 10,
  learning_rate: 0.01,
  l2: 1e-5,
  batch_size: 64,
  class_weight: 'balanced',
  patience: 2,
  hard_negative_weight: 2,
  source_balance: 0.5,
  weight_dtype: 'int8',
  seed: 42,
};

export const linear: Trainer<LinearParamsT> = {
  id: 'linear',
  title: 'Hashed n-gram logistic regression',
  description:
    'Softmax regression on hashed word (1-2) and character (3-5) n-grams, class-weighted, early-stopped, temperature-calibrated.',
  paramsSchema: LinearParams,
  defaults,
  async train(input, params, hooks = {}) {
    const t0 = Date.now();
    const p = { ...defaults, ...params };
    const cfg: HashingConfig = {
      dim: 2 ** p.dim_log2,
      wordNgrams: p.word_ngrams,
      charNgrams: p.char_ngrams,
      sublinearTf: true,
      maxChars: 20_000,
    };
    validateHashingConfig(cfg);
    const { train, val } = ensureValidation(input.train, input.val, p.seed);
    const labels = labelsOf(train);
    if (labels.length < 2)
      throw new Error(`training rows hold only one class (${labels.join(', ')}); need at least two`);
    const K = labels.length;

    const total = train.length + val.length;
    const featurize = (rs: typeof train, offset: number) =>
      rs.map((r, i) => {
        if (i % 2000 === 0) {
          if (hooks.signal?.aborted) throw new Error('training was cancelled');
          hooks.onProgress?.({ phase: 'featurize', fraction: (0.2 * (offset + i)) / total });
        }
        return hashFeatures(r.text, cfg);
      });
    const X = featurize(train, 0);
    const valX = featurize(val, train.length);
    const { res, cal, evaluation } = await fitSoftmaxHead({
      dim: cfg.dim,
      labels,
      train,
      val,
      X,
      valX,
      params: p,
      hooks,
      progress: [0.2, 0.95],
    });
    const artifact: LinearModelArtifact = {
      format: ARTIFACT_FORMAT,
      format_version: ARTIFACT_FORMAT_VERSION,
      kind: 'linear',
      name: input.name,
      labels,
      featurizer: { type: 'hashed-ngrams', config: cfg },
      weights: encodeMatrix(res.W, cfg.dim, K, p.weight_dtype),
      bias: Array.from(res.b),
      calibration: { method: 'temperature', temperature: cal.temperature },
      metadata: headMetadata('linear', input, p, train, val, { res, cal, evaluation }),
    };
    hooks.onProgress?.({ phase: 'done', fraction: 1 });
    return { artifact, evaluation, history: res.history, durationMs: Date.now() - t0 };
  },
};
