/**
 * Analytics service (port 8001): every endpoint of analytics-service.md.
 * Thin shell: validation (TypeBox), storage and calls into the pure cores.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte } from 'drizzle-orm';
import { Type } from 'typebox';
import type { ServiceDefinition } from '../platform/http/service.js';
import type { AppContext } from '../platform/context.js';
import { appError } from '../platform/errors.js';
import { driftAlerts, driftResults, performance, promotions, redTeamResults } from './schema.js';
import {
  DEFAULT_PROMOTION_CRITERIA,
  loadSetting,
  mergeDriftConfig,
  mergePromotionCriteria,
  mergeRetrainConfig,
  saveSetting,
} from './config.js';
import { computeTrends, parsePeriod, TREND_METRICS, TREND_TOLERANCE, type TrendMetric } from './trends.js';
import { compareVersions, summarizeRedTeam } from './redteam.js';
import { detectDataDriftAsync } from './drift/run.js';
import { embeddingDrift, textColumnValues } from './drift/embedding.js';
import { driftTests } from './drift/tests/index.js';
import { ks2samp } from './drift/stats/ks2samp.js';
import { compareModelPerformance, comprehensiveMetrics, detectModelDrift } from './model-drift.js';
import { evaluatePromotion, promoteModel } from './promotion.js';
import { emailConfigured, sendEmail } from './notify.js';
import { integrationStatus, readPredictionLog } from './integrations.js';
import { recordRedTeamResult } from './records.js';
import {
  cancelEvent,
  checkDriftAndMaybeRetrain,
  driftConfig,
  latestReference,
  listEvents,
  eventView,
  productionDrift,
  recentResults,
  recordDrift,
  requireModel,
  retrainConfig,
  retrainStatus,
  startMonitoring,
  stopMonitoring,
  triggerRetrain,
  worstSeverity,
} from './monitor.js';
import { getState } from './state.js';
import { driftReferences } from './schema.js';

/** Rows per sample accepted by drift endpoints (413 above); the byte limit is MLSEC_BODY_LIMIT. */
export const MAX_DRIFT_ROWS = 1_000_000;

const Rows = Type.Array(Type.Record(Type.String(), Type.Unknown()));
const Days = (def: number) => Type.Integer({ minimum: 1, maximum: 3650, default: def });
const Hours = Type.Number({ exclusiveMinimum: 0, maximum: 24 * 3650, default: 24 });
const Name = Type.String({ minLength: 1, maxLength: 200 });

function limitRows(field: string, rows: unknown[] | undefined): void {
  if (rows && rows.length > MAX_DRIFT_ROWS) throw appError('DRIFT_TOO_MANY_ROWS', { field, rows: rows.length, limit: MAX_DRIFT_ROWS });
}

async function referenceRows(ctx: AppContext, given: Record<string, unknown>[] | undefined, model?: string) {
  if (given) return given;
  const ref = await latestReference(ctx, model ?? '');
  if (!ref) throw appError('DRIFT_NO_REFERENCE');
  return ref.data as Record<string, unknown>[];
}

/** Deterministic synthetic samples for /drift/test-drift (a self-test, labelled as such). */
function syntheticSamples(n: number) {
  let s = 12345;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  const z = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const mk = (shift: number, pAttack: number) =>
    Array.from({ length: n }, () => ({
      prompt_length: Math.round(80 + 25 * z() + shift * 40),
      confidence: Math.min(1, Math.max(0, 0.8 + 0.08 * z() - shift * 0.15)),
      stable_feature: z(),
      category: u() < pAttack ? 'attack' : 'benign',
    }));
  return { reference: mk(0, 0.2), current: mk(1, 0.5) };
}

export const analyticsService: ServiceDefinition = {
  name: 'analytics',
  port: 8001,
  title: 'Analytics service',
  description: 'Performance trends, red-team analytics, data/model drift, auto-retrain, evaluation and promotion',
  routes(app, ctx) {
    // ---------------- analytics ----------------
    app.get(
      '/analytics/trends',
      {
        schema: {
          querystring: Type.Object({
            period: Type.String({ default: '30d' }),
            model_name: Type.Optional(Name),
            metric: Type.Optional(Type.Union(TREND_METRICS.map((m) => Type.Literal(m)))),
          }),
        },
      },
      async (req) => {
        const q = req.query as { period: string; model_name?: string; metric?: TrendMetric };
        const ms = parsePeriod(q.period);
        if (ms === null) throw appError('ANALYTICS_BAD_VALUE', { field: 'period', detail: `use a number of days or hours such as 7d, 30d, 90d, 24h (got '${q.period}')` });
        const now = ctx.clock.now();
        const since = new Date(now.getTime() - 2 * ms);
        const where = [gte(performance.measuredAt, since)];
        if (q.model_name) where.push(eq(performance.modelName, q.model_name));
        const rows = await ctx.db.select().from(performance).where(and(...where));
        const points = rows.map((r) => ({ accuracy: r.accuracy, f1_score: r.f1Score, precision: r.precision, recall: r.recall, at: r.measuredAt }));
        return {
          trends: computeTrends(points, now, ms, q.metric ? [q.metric] : TREND_METRICS),
          period: q.period,
          timestamp: now.toISOString(),
          model_name: q.model_name ?? null,
          stable_tolerance: TREND_TOLERANCE,
        };
      },
    );

    app.post(
      '/model/performance',
      {
        schema: {
          body: Type.Object({
            model_name: Name,
            version: Type.String({ minLength: 1, maxLength: 100 }),
            accuracy: Type.Number({ minimum: 0, maximum: 1 }),
            precision: Type.Number({ minimum: 0, maximum: 1 }),
            recall: Type.Number({ minimum: 0, maximum: 1 }),
            f1_score: Type.Number({ minimum: 0, maximum: 1 }),
            inference_time_ms: Type.Number({ minimum: 0 }),
            timestamp: Type.Optional(Type.String({ format: 'date-time' })),
            test_data_size: Type.Integer({ minimum: 0 }),
          }),
        },
      },
      async (req, reply) => {
        const b = req.body as {
          model_name: string;
          version: string;
          accuracy: number;
          precision: number;
          recall: number;
          f1_score: number;
          inference_time_ms: number;
          test_data_size: number;
          timestamp?: string;
        };
        const id = randomUUID();
        const at = b.timestamp ? new Date(b.timestamp) : ctx.clock.now();
        await ctx.db.insert(performance).values({
          id,
          modelName: b.model_name,
          version: b.version,
          accuracy: b.accuracy,
          precision: b.precision,
          recall: b.recall,
          f1Score: b.f1_score,
          inferenceTimeMs: b.inference_time_ms,
          testDataSize: b.test_data_size,
          measuredAt: at,
        });
        return reply.status(201).send({ status: 'success', message: 'Performance metrics stored', id, model_name: b.model_name, version: b.version, timestamp: at.toISOString() });
      },
    );

    // ---------------- red team ----------------
    app.post(
      '/red-team/results',
      {
        schema: {
          body: Type.Object({
            test_id: Type.String({ minLength: 1, maxLength: 200 }),
            model_name: Name,
            test_type: Type.String({ minLength: 1, maxLength: 100 }),
            attack_success: Type.Boolean(),
            confidence_score: Type.Number({ minimum: 0, maximum: 1 }),
            attack_details: Type.Object(
              { method: Type.String(), payload: Type.String({ maxLength: 100_000 }), success_rate: Type.Number({ minimum: 0, maximum: 1 }) },
              { additionalProperties: true },
            ),
            timestamp: Type.Optional(Type.String({ format: 'date-time' })),
          }),
        },
      },
      async (req, reply) => {
        const id = await recordRedTeamResult(ctx, req.body as Parameters<typeof recordRedTeamResult>[1]);
        const b = req.body as { test_id: string };
        return reply.status(201).send({ status: 'success', message: 'Red team result stored', id, test_id: b.test_id });
      },
    );

    app.get('/red-team/summary', { schema: { querystring: Type.Object({ days: Days(7) }) } }, async (req) => {
      const { days } = req.query as { days: number };
      const now = ctx.clock.now();
      const rows = await ctx.db.select().from(redTeamResults).where(gte(redTeamResults.testedAt, new Date(now.getTime() - days * 86_400_000)));
      return summarizeRedTeam(rows.map((r) => ({ ...r, attackDetails: r.attackDetails as Record<string, unknown> })), days, now);
    });

    app.get(
      '/red-team/comparison/:model_name',
      { schema: { params: Type.Object({ model_name: Name }), querystring: Type.Object({ days: Days(30) }) } },
      async (req) => {
        const { model_name } = req.params as { model_name: string };
        const { days } = req.query as { days: number };
        const since = new Date(ctx.clock.now().getTime() - days * 86_400_000);
        const perf = await ctx.db.select().from(performance).where(eq(performance.modelName, model_name));
        const rt = await ctx.db.select().from(redTeamResults).where(and(eq(redTeamResults.modelName, model_name), gte(redTeamResults.testedAt, since)));
        if (!perf.length && !rt.length) await requireModel(ctx, model_name);
        if (!perf.length) {
          throw appError('ANALYTICS_BAD_VALUE', { field: 'model_name', detail: `no performance records for '${model_name}': POST /model/performance for its versions first` });
        }
        return compareVersions(
          model_name,
          perf.map((p) => ({ version: p.version, accuracy: p.accuracy, f1_score: p.f1Score, at: p.measuredAt })),
          rt.map((r) => ({ ...r, attackDetails: r.attackDetails as Record<string, unknown> })),
          days,
        );
      },
    );

    // ---------------- drift ----------------
    app.post(
      '/drift/data-drift',
      {
        schema: {
          body: Type.Object({
            current_data: Rows,
            reference_data: Type.Optional(Rows),
            feature_columns: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 1000 })),
            model_name: Type.Optional(Name),
            /** Also compare text columns by sentence-embedding MMD (slower: embeds up to 200 texts per side). */
            text_embedding_drift: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (req) => {
        const b = req.body as {
          current_data: Record<string, unknown>[];
          reference_data?: Record<string, unknown>[];
          feature_columns?: string[];
          model_name?: string;
          text_embedding_drift?: boolean;
        };
        limitRows('current_data', b.current_data);
        limitRows('reference_data', b.reference_data);
        const ref = await referenceRows(ctx, b.reference_data, b.model_name);
        const cfg = await driftConfig(ctx);
        const res: Awaited<ReturnType<typeof detectDataDriftAsync>> & { embedding_drift?: Record<string, unknown> } = await detectDataDriftAsync(
          ref,
          b.current_data,
          b.feature_columns,
          cfg,
          ctx.clock.now(),
          { onWorkerError: (e) => ctx.log.warn({ err: e }, 'drift worker unavailable; analysed inline') },
        );
        if (b.text_embedding_drift) {
          res.embedding_drift = {};
          const textCols = [...new Set(Object.keys(res.statistical_tests).filter((f) => f.endsWith('.length')).map((f) => f.slice(0, -'.length'.length)))];
          for (const col of textCols) {
            const e = await embeddingDrift(textColumnValues(ref, col), textColumnValues(b.current_data, col), cfg);
            res.embedding_drift[col] = e;
            if (e.is_drifted) {
              res.drifted_features.push(`${col}.embedding`);
              res.drift_detected = true;
            }
          }
        }
        await recordDrift(ctx, {
          kind: 'data',
          model_name: b.model_name ?? null,
          drift_detected: res.drift_detected,
          drift_score: res.overall_drift_score,
          result: { ...res, statistical_tests: undefined, drifted_features: res.drifted_features },
          severity: worstSeverity(res),
          message: res.drift_detected ? `Data drift in ${res.drifted_features.length} feature(s): ${res.drifted_features.slice(0, 10).join(', ')}` : undefined,
        });
        return res;
      },
    );

    app.post(
      '/drift/model-drift',
      {
        schema: {
          body: Type.Object({
            current_predictions: Rows,
            reference_predictions: Type.Optional(Rows),
            current_labels: Type.Optional(Type.Array(Type.String())),
            reference_labels: Type.Optional(Type.Array(Type.String())),
            model_name: Type.Optional(Name),
          }),
        },
      },
      async (req) => {
        const b = req.body as { current_predictions: unknown[]; reference_predictions?: unknown[]; current_labels?: string[]; reference_labels?: string[]; model_name?: string };
        limitRows('current_predictions', b.current_predictions);
        let refPreds = b.reference_predictions;
        if (!refPreds) {
          const ref = await latestReference(ctx, b.model_name ?? '');
          refPreds = (ref?.predictions as unknown[] | null) ?? undefined;
          if (!refPreds) throw appError('DRIFT_NO_REFERENCE');
        }
        const cfg = await driftConfig(ctx);
        const res = detectModelDrift({ ...b, reference_predictions: refPreds }, cfg, ctx.clock.now());
        await recordDrift(ctx, { kind: 'model', model_name: b.model_name ?? null, drift_detected: res.drift_detected, drift_score: res.drift_score, result: res });
        return res;
      },
    );

    app.post(
      '/drift/set-reference',
      { schema: { body: Type.Object({ data: Rows, predictions: Type.Optional(Rows), model_name: Type.Optional(Name) }) } },
      async (req, reply) => {
        const b = req.body as { data: Record<string, unknown>[]; predictions?: Record<string, unknown>[]; model_name?: string };
        if (b.data.length === 0) throw appError('DRIFT_EMPTY_DATA', { field: 'data' });
        limitRows('data', b.data);
        const id = randomUUID();
        await ctx.db.insert(driftReferences).values({ id, modelName: b.model_name ?? '', data: b.data, predictions: b.predictions ?? null, rowCount: b.data.length, createdAt: ctx.clock.now() });
        const cols = new Set<string>();
        for (const r of b.data.slice(0, 1000)) for (const k of Object.keys(r)) cols.add(k);
        return reply.status(201).send({
          status: 'success',
          message: 'Reference data stored',
          reference_id: id,
          model_name: b.model_name ?? null,
          reference_size: b.data.length,
          predictions_size: b.predictions?.length ?? 0,
          columns: [...cols],
          timestamp: ctx.clock.now().toISOString(),
        });
      },
    );

    app.get('/drift/history', { schema: { querystring: Type.Object({ days: Days(30), model_name: Type.Optional(Name) }) } }, async (req) => {
      const { days, model_name } = req.query as { days: number; model_name?: string };
      const since = new Date(ctx.clock.now().getTime() - days * 86_400_000);
      const where = [gte(driftResults.createdAt, since)];
      if (model_name) where.push(eq(driftResults.modelName, model_name));
      const rows = await ctx.db.select().from(driftResults).where(and(...where)).orderBy(desc(driftResults.createdAt)).limit(5000);
      return {
        history: rows.map((r) => ({
          id: r.id,
          timestamp: r.createdAt.toISOString(),
          kind: r.kind,
          model_name: r.modelName,
          drift_detected: r.driftDetected,
          drift_score: r.driftScore,
          drifted_features: ((r.result as { drifted_features?: string[] }).drifted_features ?? []) as string[],
        })),
        total: rows.length,
        period_days: days,
      };
    });

    app.get('/drift/summary', { schema: { querystring: Type.Object({ days: Days(30) }) } }, async (req) => {
      const { days } = req.query as { days: number };
      const since = new Date(ctx.clock.now().getTime() - days * 86_400_000);
      const rows = await ctx.db.select().from(driftResults).where(gte(driftResults.createdAt, since));
      const detected = rows.filter((r) => r.driftDetected);
      const featureCounts = new Map<string, number>();
      for (const r of detected) for (const f of ((r.result as { drifted_features?: string[] }).drifted_features ?? [])) featureCounts.set(f, (featureCounts.get(f) ?? 0) + 1);
      const byKind: Record<string, { checks: number; drift_detected: number }> = {};
      for (const r of rows) {
        byKind[r.kind] ??= { checks: 0, drift_detected: 0 };
        byKind[r.kind].checks++;
        if (r.driftDetected) byKind[r.kind].drift_detected++;
      }
      const alerts = await ctx.db.select().from(driftAlerts).where(gte(driftAlerts.createdAt, since));
      return {
        total_checks: rows.length,
        drift_detected_count: detected.length,
        drift_rate: rows.length ? detected.length / rows.length : 0,
        average_drift_score: rows.length ? rows.reduce((a, r) => a + r.driftScore, 0) / rows.length : 0,
        max_drift_score: rows.reduce((a, r) => Math.max(a, r.driftScore), 0),
        most_drifted_features: [...featureCounts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([feature, count]) => ({ feature, count })),
        by_kind: byKind,
        alerts_count: alerts.length,
        last_check: rows.reduce<Date | null>((a, r) => (!a || r.createdAt > a ? r.createdAt : a), null)?.toISOString() ?? null,
        period_days: days,
        timestamp: ctx.clock.now().toISOString(),
      };
    });

    app.get('/drift/config', async () => driftConfig(ctx));
    app.post('/drift/config', { schema: { body: Type.Record(Type.String(), Type.Unknown()) } }, async (req) => {
      const next = mergeDriftConfig(await driftConfig(ctx), req.body as Record<string, unknown>);
      await saveSetting(ctx, 'drift_config', next);
      return { status: 'success', message: 'Drift configuration updated', config: next };
    });

    app.get('/drift/alerts', { schema: { querystring: Type.Object({ days: Days(7) }) } }, async (req) => {
      const { days } = req.query as { days: number };
      const since = new Date(ctx.clock.now().getTime() - days * 86_400_000);
      const rows = await ctx.db.select().from(driftAlerts).where(gte(driftAlerts.createdAt, since)).orderBy(desc(driftAlerts.createdAt)).limit(1000);
      return {
        alerts: rows.map((a) => ({ id: a.id, type: a.type, message: a.message, severity: a.severity, model_name: a.modelName, timestamp: a.createdAt.toISOString(), details: a.details })),
        total: rows.length,
        period_days: days,
      };
    });

    app.post('/drift/test-drift', async () => {
      // Self-test on deterministic synthetic data with a known shift (prompt_length, confidence,
      // category moved; stable_feature not). Not stored in history.
      const { reference, current } = syntheticSamples(2000);
      const cfg = await driftConfig(ctx);
      const res = await detectDataDriftAsync(reference, current, undefined, cfg, ctx.clock.now());
      const expected = ['prompt_length', 'confidence', 'category'];
      const ok = expected.every((f) => res.drifted_features.includes(f)) && !res.drifted_features.includes('stable_feature');
      return {
        status: ok ? 'success' : 'failed',
        message: ok ? 'Drift detection found exactly the shifted synthetic features' : 'Drift detection did not match the known synthetic shift',
        synthetic: true,
        expected_drifted_features: expected,
        test_results: res,
        tests_available: driftTests.ids,
        timestamp: ctx.clock.now().toISOString(),
      };
    });

    app.post(
      '/drift/model-performance-drift',
      { schema: { body: Type.Object({ old_model_predictions: Rows, new_model_predictions: Rows, ground_truth: Type.Optional(Type.Array(Type.String())), model_name: Type.Optional(Name) }) } },
      async (req) => {
        const b = req.body as { old_model_predictions: unknown[]; new_model_predictions: unknown[]; ground_truth?: string[]; model_name?: string };
        limitRows('old_model_predictions', b.old_model_predictions);
        limitRows('new_model_predictions', b.new_model_predictions);
        const res = compareModelPerformance(b, await driftConfig(ctx), ctx.clock.now());
        const score = Math.max(0, -(res.accuracy_change ?? 0), -(res.f1_change ?? 0), res.prediction_drift.psi_value ?? 0);
        await recordDrift(ctx, { kind: 'model_performance', model_name: b.model_name ?? null, drift_detected: res.drift_detected || res.performance_degraded, drift_score: score, result: res });
        return res;
      },
    );

    app.post(
      '/drift/check-and-retrain',
      {
        schema: {
          body: Type.Object({
            model_name: Name,
            current_data: Rows,
            reference_data: Type.Optional(Rows),
            training_data_path: Type.String({ minLength: 1 }),
            feature_columns: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
          }),
        },
      },
      async (req) => {
        const b = req.body as { model_name: string; current_data: Record<string, unknown>[]; reference_data?: Record<string, unknown>[]; training_data_path: string; feature_columns?: string[] };
        limitRows('current_data', b.current_data);
        limitRows('reference_data', b.reference_data);
        await requireModel(ctx, b.model_name);
        const ref = await referenceRows(ctx, b.reference_data, b.model_name);
        const res = await detectDataDriftAsync(ref, b.current_data, b.feature_columns, await driftConfig(ctx), ctx.clock.now());
        await recordDrift(ctx, { kind: 'data', model_name: b.model_name, drift_detected: res.drift_detected, drift_score: res.overall_drift_score, result: { ...res, statistical_tests: undefined }, severity: worstSeverity(res) });
        const rc = await retrainConfig(ctx);
        const needed = res.drift_detected && res.overall_drift_score > rc.data_drift_threshold;
        const event = needed
          ? await triggerRetrain(ctx, {
              model_name: b.model_name,
              trigger: 'data_drift',
              drift_score: res.overall_drift_score,
              threshold: rc.data_drift_threshold,
              reason: `data drift in ${res.drifted_features.join(', ')}`,
              training_data_path: b.training_data_path,
              manual: false,
              rethrowClientErrors: true,
            })
          : null;
        return {
          model_name: b.model_name,
          drift_detected: res.drift_detected,
          drift_score: res.overall_drift_score,
          threshold: rc.data_drift_threshold,
          retrain_needed: needed,
          retrain_triggered: event !== null && (event.status === 'pending' || event.status === 'running'),
          retrain_event: event,
          drift_result: res,
          timestamp: ctx.clock.now().toISOString(),
        };
      },
    );

    const PromotionBody = Type.Object({
      model_name: Name,
      version: Type.String({ minLength: 1, maxLength: 100 }),
      force: Type.Boolean({ default: false }),
      test_data: Type.Optional(Rows),
    });
    app.post('/drift/evaluate-model', { schema: { body: PromotionBody } }, async (req) => {
      const ev = await evaluatePromotion(ctx, req.body as { model_name: string; version: string; force: boolean; test_data?: Record<string, unknown>[] });
      getState(ctx).metrics.promotions.inc({ result: ev.passed ? 'evaluation_passed' : 'evaluation_failed' });
      return ev;
    });
    app.post('/drift/promote-model', { schema: { body: PromotionBody }, config: { role: 'admin' } }, async (req) => {
      const r = await promoteModel(ctx, req.body as { model_name: string; version: string; force: boolean; test_data?: Record<string, unknown>[] });
      getState(ctx).metrics.promotions.inc({ result: r.promoted ? (r.forced && !r.passed ? 'forced' : 'promoted') : 'rejected' });
      return r;
    });
    app.get('/drift/promotion-history', { schema: { querystring: Type.Object({ model_name: Type.Optional(Name), limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }) } }, async (req) => {
      const { model_name, limit } = req.query as { model_name?: string; limit: number };
      const rows = await ctx.db
        .select()
        .from(promotions)
        .where(model_name ? eq(promotions.modelName, model_name) : undefined)
        .orderBy(desc(promotions.createdAt))
        .limit(limit);
      return {
        history: rows.map((r) => ({
          id: r.id,
          model_name: r.modelName,
          version: r.version,
          action: r.action,
          passed: r.passed,
          promoted: r.promoted,
          forced: r.forced,
          timestamp: r.createdAt.toISOString(),
          evaluation: r.evaluation,
        })),
        total: rows.length,
        model_name: model_name ?? null,
      };
    });
    app.get('/drift/promotion-criteria', async () => loadSetting(ctx, 'promotion_criteria', DEFAULT_PROMOTION_CRITERIA));
    app.put('/drift/promotion-criteria', { schema: { body: Type.Record(Type.String(), Type.Unknown()) }, config: { role: 'admin' } }, async (req) => {
      const next = mergePromotionCriteria(await loadSetting(ctx, 'promotion_criteria', DEFAULT_PROMOTION_CRITERIA), req.body as Record<string, unknown>);
      await saveSetting(ctx, 'promotion_criteria', next);
      return { status: 'success', message: 'Promotion criteria updated', criteria: next };
    });

    app.post('/drift/test-email', async () => {
      const d = await sendEmail(ctx, '[mlsec] Test email from the analytics service', `This is a test message sent at ${ctx.clock.now().toISOString()}.`);
      return { status: 'success', message: `Test email sent to ${d.target}`, recipients: ctx.config.alertEmailTo, message_id: d.message_id ?? null, timestamp: ctx.clock.now().toISOString() };
    });

    app.get('/drift/recent-results', { schema: { querystring: Type.Object({ model_name: Type.Optional(Name), hours: Hours }) } }, async (req) => {
      const { model_name, hours } = req.query as { model_name?: string; hours: number };
      const rows = await recentResults(ctx, hours, model_name);
      return {
        results: rows.map((r) => ({ id: r.id, kind: r.kind, model_name: r.modelName, drift_detected: r.driftDetected, drift_score: r.driftScore, timestamp: r.createdAt.toISOString(), result: r.result })),
        total: rows.length,
        hours,
        model_name: model_name ?? null,
      };
    });

    app.get('/drift/health', async () => {
      const cfg = await driftConfig(ctx);
      const ref = await latestReference(ctx, '');
      const recent = await recentResults(ctx, 24);
      const selfTest = ks2samp([1, 2, 3], [4, 5, 6]);
      const ok = Math.abs(selfTest.pvalue - 0.1) < 1e-9;
      return {
        status: ok ? 'healthy' : 'unhealthy',
        service: 'drift-detection',
        drift_tests: driftTests.ids,
        statistics_self_test: ok,
        reference_data_loaded: ref !== null,
        reference_size: ref?.rowCount ?? 0,
        checks_last_24h: recent.length,
        last_check: recent[0]?.createdAt.toISOString() ?? null,
        config: cfg,
        timestamp: ctx.clock.now().toISOString(),
      };
    });

    app.post(
      '/drift/comprehensive-metrics',
      {
        schema: {
          body: Type.Object({
            y_true: Type.Array(Type.String(), { minItems: 1 }),
            y_pred: Type.Array(Type.String(), { minItems: 1 }),
            y_prob: Type.Optional(Type.Array(Type.Union([Type.Number(), Type.Array(Type.Number())]))),
            model_name: Name,
          }),
        },
      },
      async (req) => comprehensiveMetrics(req.body as { y_true: string[]; y_pred: string[]; y_prob?: unknown; model_name: string }, ctx.clock.now()),
    );

    app.get(
      '/drift/data/production-inference',
      { schema: { querystring: Type.Object({ hours: Hours, model_name: Type.Optional(Name), limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 10_000 }) }) } },
      async (req) => {
        const { hours, model_name, limit } = req.query as { hours: number; model_name?: string; limit: number };
        const until = ctx.clock.now();
        const since = new Date(until.getTime() - hours * 3_600_000);
        const rows = await readPredictionLog(ctx, { since, model_name, limit });
        return {
          data: rows.map((r) => r.raw),
          count: rows.length,
          hours,
          model_name: model_name ?? null,
          time_range: { start: since.toISOString(), end: until.toISOString() },
          timestamp: until.toISOString(),
        };
      },
    );

    app.post('/drift/drift/production-data', { schema: { querystring: Type.Object({ model_name: Name, hours: Hours }) } }, async (req) => {
      const { model_name, hours } = req.query as { model_name: string; hours: number };
      return productionDrift(ctx, model_name, hours);
    });

    // ---------------- auto-retrain ----------------
    app.get('/auto-retrain/config', async () => retrainConfig(ctx));
    app.put('/auto-retrain/config', { schema: { body: Type.Record(Type.String(), Type.Unknown()) } }, async (req) => {
      const next = mergeRetrainConfig(await retrainConfig(ctx), req.body as Record<string, unknown>);
      await saveSetting(ctx, 'retrain_config', next);
      return { status: 'success', message: 'Auto-retrain configuration updated', config: next };
    });

    app.post(
      '/auto-retrain/trigger/:model_name',
      {
        schema: {
          params: Type.Object({ model_name: Name }),
          body: Type.Optional(Type.Object({ model_name: Type.Optional(Name), reason: Type.Optional(Type.String({ maxLength: 1000 })), priority: Type.Optional(Type.String()) })),
        },
      },
      async (req, reply) => {
        const { model_name } = req.params as { model_name: string };
        const b = (req.body ?? {}) as { model_name?: string; reason?: string; priority?: string };
        if (b.model_name && b.model_name !== model_name) {
          throw appError('ANALYTICS_BAD_VALUE', { field: 'model_name', detail: `body says '${b.model_name}' but the path says '${model_name}'` });
        }
        if (b.priority !== undefined) mergeRetrainConfig(await retrainConfig(ctx), { retrain_priority: b.priority });
        await requireModel(ctx, model_name);
        const ev = await triggerRetrain(ctx, { model_name, trigger: 'manual', drift_score: 0, threshold: 0, reason: b.reason ?? 'manual trigger', priority: b.priority, manual: true, rethrowClientErrors: true });
        if (ev.status === 'failed') throw appError('ANALYTICS_DEPENDENCY_FAILED', { service: 'training queue', detail: ev.error_message ?? 'enqueue failed' });
        return reply.status(202).send({ status: 'success', message: `Retraining queued for ${model_name}`, event: ev, event_id: ev.event_id, retrain_job_id: ev.retrain_job_id ?? null });
      },
    );

    app.get('/auto-retrain/status', { schema: { querystring: Type.Object({ model_name: Type.Optional(Name) }) } }, async (req) =>
      retrainStatus(ctx, (req.query as { model_name?: string }).model_name),
    );
    app.get('/auto-retrain/status/:model_name', { schema: { params: Type.Object({ model_name: Name }) } }, async (req) => {
      const { model_name } = req.params as { model_name: string };
      await requireModel(ctx, model_name);
      const s = await retrainStatus(ctx, model_name);
      return { model_name, ...s, last_retrain_time: s.last_retrain_times[model_name] ?? null, daily_count: s.daily_counts[model_name] ?? 0 };
    });

    app.post('/auto-retrain/check-drift/:model_name', { schema: { params: Type.Object({ model_name: Name }), querystring: Type.Object({ hours: Hours }) } }, async (req) => {
      const { model_name } = req.params as { model_name: string };
      await requireModel(ctx, model_name);
      return checkDriftAndMaybeRetrain(ctx, model_name, (req.query as { hours: number }).hours);
    });

    app.get(
      '/auto-retrain/events',
      {
        schema: {
          querystring: Type.Object({
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
            status: Type.Optional(Type.Union(['pending', 'running', 'completed', 'failed', 'cancelled', 'skipped'].map((s) => Type.Literal(s)))),
            model_name: Type.Optional(Name),
          }),
        },
      },
      async (req) => {
        const q = req.query as { limit: number; status?: string; model_name?: string };
        const events = await listEvents(ctx, q);
        return { events: events.map(eventView), total: events.length, limit: q.limit, status: q.status ?? null };
      },
    );
    app.delete('/auto-retrain/events/:event_id', { schema: { params: Type.Object({ event_id: Type.String({ minLength: 1 }) }) } }, async (req) => {
      const ev = await cancelEvent(ctx, (req.params as { event_id: string }).event_id);
      return { status: 'success', message: `Retrain event ${ev.event_id} cancelled`, event: ev };
    });

    app.post('/auto-retrain/start-monitoring', async () => startMonitoring(ctx));
    app.post('/auto-retrain/stop-monitoring', async () => {
      stopMonitoring(ctx);
      return { status: 'stopped' };
    });

    app.get('/auto-retrain/health', async () => {
      const st = getState(ctx).monitoring;
      const deps = await integrationStatus();
      const cfg = await retrainConfig(ctx);
      return {
        status: deps.training_queue ? 'healthy' : 'degraded',
        service: 'auto-retrain',
        monitoring_active: st.timer !== null,
        monitoring_started_at: st.startedAt?.toISOString() ?? null,
        last_check: st.lastRun?.toISOString() ?? null,
        last_error: st.lastError,
        checks_run: st.runs,
        target_models: cfg.target_models,
        dependencies: deps,
        timestamp: ctx.clock.now().toISOString(),
      };
    });
  },

  async health(ctx) {
    // drift_detector: the statistics give scipy's answer on a known vector (ks_2samp([1,2,3],
    // [4,5,6]) has p = 0.1 exactly); auto_retrain: the training queue is reachable from here.
    let drift = false;
    try {
      drift = Math.abs(ks2samp([1, 2, 3], [4, 5, 6]).pvalue - 0.1) < 1e-9 && driftTests.ids.length > 0;
    } catch {
      drift = false;
    }
    const deps = await integrationStatus();
    return {
      dependencies: { drift_detector: drift, auto_retrain: deps.training_queue, prediction_log: deps.prediction_log },
      critical: ['database', 'drift_detector'],
      email_configured: emailConfigured(ctx),
      webhook_configured: Boolean(ctx.config.alertWebhookUrl),
      monitoring_active: getState(ctx).monitoring.timer !== null,
    };
  },

  async stop(ctx) {
    stopMonitoring(ctx);
  },
};
