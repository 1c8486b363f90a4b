/** Public exports of the analytics domain (other domains import only this file). */
export { analyticsService } from './service.js';
export { recordRedTeamResult, type RedTeamTestResult } from './records.js';
export { evaluatePromotion, promoteModel, type PromotionEvaluation, type CandidateMetrics } from './promotion.js';
export { detectDataDrift } from './drift/data-drift.js';
export { detectDataDriftAsync } from './drift/run.js';
export { driftTests } from './drift/tests/index.js';
