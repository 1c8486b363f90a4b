/**
 * Detection domain: public API for other domains (import only from here).
 */
export {
  predict,
  predictBatch,
  listPredictionLog,
  addKnownAttacks,
  listModels,
  ensureLoaded,
  unloadModel,
  warmup,
  cacheStats,
  flushLog,
  validateText,
  textHash,
  type Prediction,
  type PredictRequest,
  type ModelResult,
  type ModelInfo,
  type PredictionLogRow,
} from './engine.js';
export { modelApiService, modelServingService, modelCacheService, detectionServices } from './service.js';
export { buildViews, normalizers } from './normalizers/index.js';
export { detectors, detectorRegistry } from './detectors/index.js';
export { RULES } from './detectors/rules-table.js';
export {
  combine,
  DEFAULT_ENSEMBLE,
  ENSEMBLE_METHODS,
  type EnsembleConfig,
  type EnsembleMethod,
  type Context,
} from './ensemble.js';
export type { View, Finding, DetectorResult } from './types.js';
