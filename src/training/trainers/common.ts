/**
 * Steps shared by the softmax-head trainers: label indexing, validation carving, sample
 * weights, calibration and evaluation. Pure functions over arrays.
 */
import { LABELS, type Label } from '../../ml/labels.js';
import type { DatasetRecord } from '../../ml/dataset-io.js';
import { fitTemperature } from '../../ml/calibration.js';
import { predictLogits, trainSoftmax, type TrainResult } from '../../ml/logistic.js';
import { evaluatePredictions } from '../evaluate.js';
import type { TrainHooks, TrainInput } from './types.js';
import { softmax, type Probabilities } from '../../ml/linear-model.js';
import type { SparseVector } from '../../ml/text-features.js';
import { stratifiedSplit } from '../splits.js';
import { datasetStats } from '../../ml/dataset-io.js';
import type { TrainingFileCount } from '../../ml/linear-model.js';

/** Labels present in the training rows, in the canonical LABELS order. */
export function labelsOf(records: readonly DatasetRecord[]): Label[] {
  const present = new Set(records.map((r) => r.label));
  return LABELS.filter((l) => present.has(l));
}

/** The validation rows to use: the given ones, or a stratified 10% carved from train. */
export function ensureValidation(
  train: DatasetRecord[],
  val: DatasetRecord[],
  seed: number,
): { train: DatasetRecord[]; val: DatasetRecord[] } {
  if (val.length > 0) return { train, val };
  const s = stratifiedSplit(
    train.map((r) => r.label),
    0.1,
    seed,
  );
  return { train: s.train.map((i) => train[i]), val: s.val.map((i) => train[i]) };
}

/**
 * Per-row weights. Hard negatives are multiplied by `hardNegativeWeight`. With
 * `sourceBalance` = a > 0, a row of a group (import file) of size n gets n^-a, rescaled so each
 * label keeps its total weight: one big, stylistically uniform file (9k GPTeacher prompts)
 * then cannot teach the model that its style means "benign".
 */
export function sampleWeights(
  records: readonly DatasetRecord[],
  hardNegativeWeight: number,
  sourceBalance = 0,
): Float32Array {
  const w = Float32Array.from(records.map((r) => (r.hard_negative ? hardNegativeWeight : 1)));
  if (sourceBalance > 0) {
    const size = new Map<string, number>();
    for (const r of records)
      size.set(`${r.label}|${r.file ?? r.source}`, (size.get(`${r.label}|${r.file ?? r.source}`) ?? 0) + 1);
    const before = new Map<string, number>();
    const after = new Map<string, number>();
    records.forEach((r, i) => {
      before.set(r.label, (before.get(r.label) ?? 0) + w[i]);
      w[i] *= Math.pow(size.get(`${r.label}|${r.file ?? r.source}`)!, -sourceBalance);
      after.set(r.label, (after.get(r.label) ?? 0) + w[i]);
    });
    records.forEach((r, i) => (w[i] *= before.get(r.label)! / after.get(r.label)!));
  }
  return w;
}

/** Fit the temperature on validation logits (rows whose label the model knows) and predict. */
export function calibrateAndPredict(
  res: TrainResult,
  K: number,
  labels: Label[],
  valX: SparseVector[],
  valRecords: readonly DatasetRecord[],
): { temperature: number; nllBefore: number; nllAfter: number; probs: Probabilities[] } {
  const logits = predictLogits(res.W, res.b, K, valX);
  const idx = new Map(labels.map((l, k) => [l, k]));
  const keep: number[] = [];
  valRecords.forEach((r, i) => idx.has(r.label) && keep.push(i));
  const kl = new Float64Array(keep.length * K);
  keep.forEach((i, j) => kl.set(logits.subarray(i * K, i * K + K), j * K));
  const fit = fitTemperature(
    kl,
    keep.map((i) => idx.get(valRecords[i].label)!),
    K,
  );
  const probs: Probabilities[] = [];
  const p = new Float64Array(K);
  for (let i = 0; i < valRecords.length; i++) {
    softmax(logits.subarray(i * K, i * K + K), fit.temperature, p);
    const rec = Object.fromEntries(LABELS.map((l) => [l, 0])) as Probabilities;
    labels.forEach((l, k) => (rec[l] = p[k]));
    probs.push(rec);
  }
  return { ...fit, probs };
}

/** Provenance counts per import file, for artifact metadata when the caller gives none. */
export function fileCounts(records: readonly DatasetRecord[]): TrainingFileCount[] {
  const byFile = new Map<string, DatasetRecord[]>();
  for (const r of records) {
    const f = r.file ?? r.source;
    const arr = byFile.get(f);
    if (arr) arr.push(r);
    else byFile.set(f, [r]);
  }
  return [...byFile.entries()]
    .sort()
    .map(([file, rs]) => ({ file, records: rs.length, by_label: datasetStats(rs).by_label }));
}

/** Hyper-parameters every softmax-head trainer shares. */
export interface HeadParams {
  epochs: number;
  learning_rate: number;
  l2: number;
  batch_size: number;
  class_weight: 'balanced' | 'none';
  patience: number;
  seed: number;
  hard_negative_weight: number;
  source_balance: number;
}

/**
 * Train a softmax head on already-featurized rows, calibrate it on validation, and evaluate.
 * Validation rows whose label the model cannot predict still count in the evaluation but not in
 * the early-stopping loss. Training progress is reported over [from, to] of the whole job.
 */
export async function fitSoftmaxHead(opts: {
  dim: number;
  labels: Label[];
  train: readonly DatasetRecord[];
  val: readonly DatasetRecord[];
  X: SparseVector[];
  valX: SparseVector[];
  params: HeadParams;
  hooks: TrainHooks;
  progress: [from: number, to: number];
}) {
  const { dim, labels, train, val, X, valX, params: p, hooks } = opts;
  const K = labels.length;
  const idx = new Map(labels.map((l, k) => [l, k]));
  const valKeep = val.map((r, i) => (idx.has(r.label) ? i : -1)).filter((i) => i >= 0);
  const [from, to] = opts.progress;
  const res = await trainSoftmax(
    {
      dim,
      numClasses: K,
      X,
      y: Int32Array.from(train.map((r) => idx.get(r.label)!)),
      sampleWeight: sampleWeights(train, p.hard_negative_weight, p.source_balance),
      valX: valKeep.map((i) => valX[i]),
      valY: Int32Array.from(valKeep.map((i) => idx.get(val[i].label)!)),
    },
    {
      epochs: p.epochs,
      learningRate: p.learning_rate,
      l2: p.l2,
      batchSize: p.batch_size,
      classWeight: p.class_weight,
      patience: p.patience,
      seed: p.seed,
    },
    {
      signal: hooks.signal,
      onEpoch: (r) =>
        hooks.onProgress?.({
          phase: 'train',
          fraction: from + ((to - from) * r.epoch) / r.epochs,
          epoch: r.epoch,
          epochs: r.epochs,
          metrics: r,
        }),
    },
  );
  hooks.onProgress?.({ phase: 'calibrate', fraction: 0.96 });
  const cal = calibrateAndPredict(res, K, labels, valX, val);
  return { res, cal, evaluation: evaluatePredictions(val, cal.probs, labels) };
}

/** The artifact metadata every softmax-head trainer writes: what it was trained on and how well it did. */
export function headMetadata(
  trainer: string,
  input: TrainInput,
  p: HeadParams,
  train: readonly DatasetRecord[],
  val: readonly DatasetRecord[],
  fit: Awaited<ReturnType<typeof fitSoftmaxHead>>,
) {
  const { res, cal, evaluation } = fit;
  return {
    version: input.version,
    created_at: new Date().toISOString(),
    trainer,
    seed: p.seed,
    params: { ...p },
    trained_on: input.trainedOn ?? fileCounts(train),
    counts: datasetStats(train).by_label,
    metrics: {
      validation: evaluation,
      best_epoch: res.bestEpoch,
      stopped_early: res.stoppedEarly,
      calibration_nll: { before: cal.nllBefore, after: cal.nllAfter },
      validation_rows: val.length,
    },
    ...(input.datasetHash ? { dataset_hash: input.datasetHash } : {}),
    ...(input.codeVersion ? { code_version: input.codeVersion } : {}),
    ...(input.notes ? { notes: input.notes } : {}),
  };
}
