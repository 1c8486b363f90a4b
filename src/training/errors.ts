import { defineErrors } from '../platform/error-def.js';

/** This domain's entries in the error catalogue (`src/platform/errors.ts` merges them). */
export const errors = defineErrors({
  TRAINING_INVALID_DATASET: {
    status: 400,
    message: (p: { problems: { row: number; problem: string }[]; total: number }) =>
      `Dataset refused: ${p.total} problem(s). ${p.problems
        .slice(0, 5)
        .map((x) => (x.row ? `row ${x.row}: ${x.problem}` : x.problem))
        .join('; ')}${p.total > 5 ? '; ...' : ''}. Fix these rows and upload again (all are listed in details).`,
  },
  TRAINING_DATASET_NOT_FOUND: {
    status: 404,
    message: (p: { id: string }) => `Dataset or dataset version '${p.id}' not found. List datasets with GET /datasets.`,
  },
  TRAINING_DATASET_SOURCE: {
    status: 400,
    message: (p: { detail: string }) => `Cannot read the dataset: ${p.detail}. Send exactly one of 'content' (JSONL or CSV text), 'records', or 'path' (a readable file).`,
  },
  TRAINING_UNKNOWN_MODEL: {
    status: 404,
    message: (p: { model: string; known: readonly string[] }) =>
      `Unknown model '${p.model}'. Known trainers and registered models: ${p.known.join(', ')}. Transformer names (deberta, roberta, bert...) train the 'linear' trainer; see the training README.`,
  },
  TRAINING_UNKNOWN_TRAINER: {
    status: 404,
    message: (p: { trainer: string; known: readonly string[] }) => `Unknown trainer '${p.trainer}'. Known: ${p.known.join(', ')}.`,
  },
  TRAINING_BAD_PARAMS: {
    status: 400,
    message: (p: { trainer: string; errors: string[] }) => `Invalid hyper-parameters for trainer '${p.trainer}': ${p.errors.join('; ')}.`,
  },
  TRAINING_BAD_SPLIT: {
    status: 400,
    message: (p: { detail: string }) => `Invalid split: ${p.detail}.`,
  },
  TRAINING_JOB_NOT_FOUND: {
    status: 404,
    message: (p: { id: string }) => `Training job '${p.id}' not found. List jobs with GET /jobs.`,
  },
  TRAINING_JOB_FINISHED: {
    status: 409,
    message: (p: { id: string; status: string }) => `Training job '${p.id}' is already ${p.status} and cannot be cancelled.`,
  },
  TRAINING_RUN_NOT_FOUND: {
    status: 404,
    message: (p: { id: string }) => `Run '${p.id}' not found. List runs with GET /runs.`,
  },
  TRAINING_MODEL_NOT_FOUND: {
    status: 404,
    message: (p: { name: string; known: readonly string[] }) => `Model '${p.name}' is not in the registry. Registered: ${p.known.length ? p.known.join(', ') : '(none)'}.`,
  },
  TRAINING_VERSION_NOT_FOUND: {
    status: 404,
    message: (p: { name: string; version: string }) => `Model '${p.name}' has no version '${p.version}'. List them with GET /models/${p.name}/versions.`,
  },
  TRAINING_ARTIFACT_INVALID: {
    status: 500,
    message: (p: { key: string; detail: string }) => `Model artifact '${p.key}' could not be loaded: ${p.detail}.`,
  },
});
