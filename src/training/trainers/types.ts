import type { TSchema } from 'typebox';
import type { DatasetRecord } from '../../ml/dataset-io.js';
import type { EpochReport } from '../../ml/logistic.js';
import type { ModelArtifact, TrainingFileCount } from '../../ml/linear-model.js';
import type { EvalReport } from '../evaluate.js';

export interface TrainProgress {
  /** 'featurize' | 'encode' | 'train' | 'calibrate' | 'evaluate' */
  phase: string;
  /** Overall completion in [0, 1]. */
  fraction: number;
  epoch?: number;
  epochs?: number;
  metrics?: Omit<EpochReport, 'epochs'>;
}

export interface TrainHooks {
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
  /** Where trainers may keep caches (e.g. sentence encodings). */
  cacheDir?: string;
}

export interface TrainInput {
  /** Registry name of the model being trained (goes into the artifact). */
  name: string;
  version: string;
  train: DatasetRecord[];
  /** Validation rows; when empty the trainer carves a stratified 10% from `train`. */
  val: DatasetRecord[];
  /** Provenance recorded in the artifact's metadata. */
  trainedOn?: TrainingFileCount[];
  datasetHash?: string;
  codeVersion?: string;
  notes?: string;
}

export interface TrainOutput {
  artifact: ModelArtifact;
  /** Evaluation of the calibrated model on the validation rows. */
  evaluation: EvalReport;
  history: EpochReport[];
  durationMs: number;
}

export interface Trainer<P = Record<string, unknown>> {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** TypeBox schema of the hyper-parameters (all optional; defaults fill the gaps). */
  readonly paramsSchema: TSchema;
  readonly defaults: P;
  train(input: TrainInput, params: P, hooks?: TrainHooks): Promise<TrainOutput>;
}
