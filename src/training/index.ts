/**
 * Public API of the training domain. Other domains import only from here.
 */
export { trainingService } from './service.js';
export { registerShippedModels } from './shipped.js';
export type { ShippedRegistration } from './shipped.js';
export { createDatasetVersion, getDataset, listDatasets, resolveDatasetVersion, BUILTIN_DATASET } from './datasets.js';
export type { CreateDatasetVersionInput } from './datasets.js';
export { enqueueTraining, getJob, listJobs, cancelJob, getRun, listRuns, compareRuns, TRAIN_JOB } from './jobs.js';
export type { EnqueueTrainingInput } from './jobs.js';
export { listModels, getModel, listModelVersions, getProductionVersion, transitionStage, setAlias, loadModelArtifact, STAGES } from './registry.js';
export type { Stage } from './registry.js';
export { trainers, trainerRegistry } from './trainers/index.js';
export type { Trainer, TrainInput, TrainOutput, TrainHooks, TrainProgress } from './trainers/index.js';
