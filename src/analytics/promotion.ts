/**
 * Model evaluation and promotion (Staging -> Production) against configurable criteria.
 *
 * Candidate metrics, first available of: `metrics` passed by an in-process caller (red team),
 * `test_data` rows carrying a true label (`label`|`true_label`|`y_true`) and the candidate's
 * prediction (`prediction`|`predicted_label`|`y_pred`), or the latest POST /model/performance
 * record of that model version. Production baseline: the performance record of the registry's
 * Production version, else the latest record of the model under another version. Checks: min_accuracy/precision/recall/f1_score, accuracy and F1
 * regression vs production <= max_regression, test size >= min_test_samples.
 * `force` promotes despite failed checks; it is recorded with the evaluation.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../platform/context.js';
import { appError, isAppError } from '../platform/errors.js';
import { classificationReport } from '../ml/metrics.js';
import { performance, promotions } from './schema.js';
import { DEFAULT_PROMOTION_CRITERIA, loadSetting, type PromotionCriteria } from './config.js';
import { productionVersion, transitionStage } from './integrations.js';
import { notify } from './notify.js';

export interface CandidateMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1_score: number;
  test_samples: number;
}

export interface PromotionEvaluation {
  evaluation_id: string;
  model_name: string;
  version: string;
  passed: boolean;
  forced: boolean;
  recommendation: 'promote' | 'reject';
  metrics_source: 'provided' | 'test_data' | 'performance_record';
  candidate_metrics: CandidateMetrics;
  production_metrics: (CandidateMetrics & { version: string }) | null;
  criteria: PromotionCriteria;
  checks: Array<{ name: string; passed: boolean; value: number | null; threshold: number; detail: string }>;
  failed_checks: string[];
  timestamp: string;
}

const LABEL_FIELDS = ['label', 'true_label', 'y_true', 'expected'];
const PRED_FIELDS = ['prediction', 'predicted_label', 'y_pred'];

function metricsFromTestData(rows: readonly Record<string, unknown>[]): CandidateMetrics {
  const yt: string[] = [];
  const yp: string[] = [];
  rows.forEach((r, i) => {
    const t = LABEL_FIELDS.map((f) => r[f]).find((v) => typeof v === 'string');
    const p = PRED_FIELDS.map((f) => r[f]).find((v) => typeof v === 'string');
    if (typeof t !== 'string' || typeof p !== 'string') {
      throw appError('ANALYTICS_BAD_VALUE', {
        field: `test_data[${i}]`,
        detail: `needs a true label (${LABEL_FIELDS.join('|')}) and the candidate's prediction (${PRED_FIELDS.join('|')})`,
      });
    }
    yt.push(t);
    yp.push(p);
  });
  const rep = classificationReport(yt, yp);
  return { accuracy: rep.accuracy, precision: rep.macro.precision, recall: rep.macro.recall, f1_score: rep.macro.f1, test_samples: rep.total };
}

/** Pure: applies the criteria. */
export function applyCriteria(c: CandidateMetrics, prod: CandidateMetrics | null, k: PromotionCriteria) {
  const checks: PromotionEvaluation['checks'] = [
    { name: 'min_accuracy', value: c.accuracy, threshold: k.min_accuracy, passed: c.accuracy >= k.min_accuracy, detail: 'accuracy >= min_accuracy' },
    { name: 'min_precision', value: c.precision, threshold: k.min_precision, passed: c.precision >= k.min_precision, detail: 'macro precision >= min_precision' },
    { name: 'min_recall', value: c.recall, threshold: k.min_recall, passed: c.recall >= k.min_recall, detail: 'macro recall >= min_recall' },
    { name: 'min_f1_score', value: c.f1_score, threshold: k.min_f1_score, passed: c.f1_score >= k.min_f1_score, detail: 'macro F1 >= min_f1_score' },
    { name: 'min_test_samples', value: c.test_samples, threshold: k.min_test_samples, passed: c.test_samples >= k.min_test_samples, detail: 'evaluated on enough samples' },
  ];
  if (prod) {
    const accReg = prod.accuracy - c.accuracy;
    const f1Reg = prod.f1_score - c.f1_score;
    checks.push(
      { name: 'max_accuracy_regression', value: accReg, threshold: k.max_regression, passed: accReg <= k.max_regression, detail: 'production accuracy - candidate accuracy <= max_regression' },
      { name: 'max_f1_regression', value: f1Reg, threshold: k.max_regression, passed: f1Reg <= k.max_regression, detail: 'production F1 - candidate F1 <= max_regression' },
    );
  }
  return checks;
}

/**
 * Evaluates a candidate version (and records the evaluation). Throws 400 when no metrics can
 * be found for it, 404 when the model has no record at all.
 */
export async function evaluatePromotion(
  ctx: AppContext,
  req: { model_name: string; version: string; force?: boolean; test_data?: Record<string, unknown>[]; metrics?: CandidateMetrics; action?: 'evaluate' | 'promote' },
): Promise<PromotionEvaluation> {
  const criteria = await loadSetting(ctx, 'promotion_criteria', DEFAULT_PROMOTION_CRITERIA);
  let source: PromotionEvaluation['metrics_source'];
  let cand: CandidateMetrics;
  if (req.metrics) {
    source = 'provided';
    cand = req.metrics;
  } else if (req.test_data && req.test_data.length > 0) {
    source = 'test_data';
    cand = metricsFromTestData(req.test_data);
  } else {
    const rows = await ctx.db
      .select()
      .from(performance)
      .where(and(eq(performance.modelName, req.model_name), eq(performance.version, req.version)))
      .orderBy(desc(performance.measuredAt))
      .limit(1);
    if (!rows.length) {
      const any = await ctx.db.select({ v: performance.version }).from(performance).where(eq(performance.modelName, req.model_name)).limit(1);
      if (!any.length) throw appError('ANALYTICS_UNKNOWN_MODEL', { model: req.model_name, known: await knownPerfModels(ctx) });
      throw appError('ANALYTICS_BAD_VALUE', {
        field: 'version',
        detail: `no metrics for ${req.model_name} ${req.version}: send test_data with labels and predictions, or POST /model/performance first`,
      });
    }
    source = 'performance_record';
    const r = rows[0];
    cand = { accuracy: r.accuracy, precision: r.precision, recall: r.recall, f1_score: r.f1Score, test_samples: r.testDataSize };
  }
  // Baseline: the registry's Production version when it has a performance record, else the
  // latest record of any other version.
  const regProd = await productionVersion(ctx, req.model_name);
  let prodRows =
    regProd && regProd !== req.version
      ? await ctx.db
          .select()
          .from(performance)
          .where(and(eq(performance.modelName, req.model_name), eq(performance.version, regProd)))
          .orderBy(desc(performance.measuredAt))
          .limit(1)
      : [];
  if (!prodRows.length) {
    prodRows = await ctx.db
      .select()
      .from(performance)
      .where(and(eq(performance.modelName, req.model_name), ne(performance.version, req.version)))
      .orderBy(desc(performance.measuredAt))
      .limit(1);
  }
  const prod = prodRows.length
    ? { version: prodRows[0].version, accuracy: prodRows[0].accuracy, precision: prodRows[0].precision, recall: prodRows[0].recall, f1_score: prodRows[0].f1Score, test_samples: prodRows[0].testDataSize }
    : null;
  const checks = applyCriteria(cand, prod, criteria);
  const failed = checks.filter((c) => !c.passed).map((c) => c.name);
  const ev: PromotionEvaluation = {
    evaluation_id: randomUUID(),
    model_name: req.model_name,
    version: req.version,
    passed: failed.length === 0,
    forced: Boolean(req.force),
    recommendation: failed.length === 0 ? 'promote' : 'reject',
    metrics_source: source,
    candidate_metrics: cand,
    production_metrics: prod,
    criteria,
    checks,
    failed_checks: failed,
    timestamp: ctx.clock.now().toISOString(),
  };
  if ((req.action ?? 'evaluate') === 'evaluate') {
    await ctx.db.insert(promotions).values({
      id: ev.evaluation_id,
      modelName: ev.model_name,
      version: ev.version,
      action: 'evaluate',
      passed: ev.passed,
      promoted: false,
      forced: ev.forced,
      evaluation: ev,
    });
  }
  return ev;
}

async function knownPerfModels(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.db.selectDistinct({ m: performance.modelName }).from(performance);
  return rows.map((r) => r.m).sort();
}

/**
 * Evaluates and, if the checks pass or `force` is set, moves the version to Production in the
 * training registry (detection reloads on its `model.stage_changed` event). Recorded either way.
 */
export async function promoteModel(ctx: AppContext, req: { model_name: string; version: string; force?: boolean; test_data?: Record<string, unknown>[] }) {
  const ev = await evaluatePromotion(ctx, { ...req, action: 'promote' });
  const go = ev.passed || ev.forced;
  let registry: unknown = null;
  let error: string | undefined;
  let clientError: unknown = null;
  if (go) {
    try {
      registry = await transitionStage(ctx, {
        name: req.model_name,
        version: req.version,
        stage: 'Production',
        reason: ev.passed ? 'promotion criteria passed' : `forced despite: ${ev.failed_checks.join(', ')}`,
      });
    } catch (e) {
      error = (e as Error).message;
      if (isAppError(e) && e.status < 500) clientError = e;
    }
  }
  const promoted = go && error === undefined;
  await ctx.db.insert(promotions).values({
    id: ev.evaluation_id,
    modelName: ev.model_name,
    version: ev.version,
    action: 'promote',
    passed: ev.passed,
    promoted,
    forced: ev.forced,
    evaluation: { ...ev, promoted, error: error ?? null },
  });
  if (clientError) throw clientError;
  if (error) throw appError('ANALYTICS_DEPENDENCY_FAILED', { service: 'training.transitionStage', detail: error });
  if (promoted) {
    await notify(ctx, {
      kind: 'model_promoted',
      subject: `[mlsec] ${ev.model_name} ${ev.version} promoted to Production${ev.forced ? ' (forced)' : ''}`,
      text: `${ev.model_name} ${ev.version} is now in Production.\nChecks failed: ${ev.failed_checks.join(', ') || 'none'}\nForced: ${ev.forced}`,
      data: { evaluation: ev },
    });
  }
  return {
    ...ev,
    promoted,
    stage: promoted ? 'Production' : 'Staging',
    registry_result: registry,
    message: promoted
      ? `${ev.model_name} ${ev.version} promoted to Production${ev.forced && !ev.passed ? ' (forced: criteria not met)' : ''}`
      : `${ev.model_name} ${ev.version} not promoted: failed ${ev.failed_checks.join(', ')}. Use force to override.`,
  };
}
