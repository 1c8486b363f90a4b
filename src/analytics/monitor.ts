/**
 * Production drift, drift persistence/alerts, and auto-retrain (events, limits, monitoring loop).
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte } from 'drizzle-orm';
import type { AppContext } from '../platform/context.js';
import { appError, isAppError } from '../platform/errors.js';
import { driftAlerts, driftReferences, driftResults, performance, retrainEvents } from './schema.js';
import { DEFAULT_DRIFT_CONFIG, DEFAULT_RETRAIN_CONFIG, loadSetting, type DriftConfig, type RetrainConfig } from './config.js';
import { detectDataDriftAsync } from './drift/run.js';
import { detectModelDrift } from './model-drift.js';
import { enqueueRetrain, readPredictionLog, registeredModels, type PredictionLogEntry } from './integrations.js';
import { notify } from './notify.js';
import { getState } from './state.js';
import type { DataDriftResponse } from './drift/data-drift.js';

export const driftConfig = (ctx: AppContext) => loadSetting<DriftConfig>(ctx, 'drift_config', DEFAULT_DRIFT_CONFIG);
export const retrainConfig = (ctx: AppContext) => loadSetting<RetrainConfig>(ctx, 'retrain_config', DEFAULT_RETRAIN_CONFIG);

/** Stores a drift result, counts it, and raises (and notifies) an alert when drift was found. */
export async function recordDrift(
  ctx: AppContext,
  r: { kind: 'data' | 'model' | 'production' | 'model_performance'; model_name?: string | null; drift_detected: boolean; drift_score: number; result: unknown; severity?: string; message?: string },
): Promise<string> {
  const id = randomUUID();
  await ctx.db.insert(driftResults).values({
    id,
    kind: r.kind,
    modelName: r.model_name ?? null,
    driftDetected: r.drift_detected,
    driftScore: r.drift_score,
    result: r.result as object,
    createdAt: ctx.clock.now(),
  });
  const st = getState(ctx);
  st.metrics.driftChecks.inc({ kind: r.kind });
  st.metrics.driftScore.set({ model: r.model_name ?? '' }, r.drift_score);
  if (r.drift_detected) {
    st.metrics.driftDetected.inc({ kind: r.kind });
    const type = r.kind === 'model' ? 'model_drift' : r.kind === 'model_performance' ? 'performance_drift' : 'data_drift';
    const message = r.message ?? `${type.replace('_', ' ')} detected${r.model_name ? ` for ${r.model_name}` : ''} (score ${r.drift_score.toFixed(3)})`;
    const severity = r.severity ?? 'moderate';
    await ctx.db.insert(driftAlerts).values({ id: randomUUID(), type, severity, message, modelName: r.model_name ?? null, details: { drift_result_id: id }, createdAt: ctx.clock.now() });
    // Delivered in the background: a slow SMTP server must not hold the drift response.
    void notify(ctx, { kind: type, subject: `[mlsec] ${message}`, text: `${message}\nSeverity: ${severity}\nResult id: ${id}`, data: { drift_result_id: id, type, severity, model_name: r.model_name ?? null } }).catch(
      (e: unknown) => ctx.log.warn({ err: e }, 'drift notification failed'),
    );
  }
  return id;
}

export function worstSeverity(d: DataDriftResponse): 'minor' | 'moderate' | 'severe' {
  return d.drift_summary.severe_drift_features.length ? 'severe' : d.drift_summary.moderate_drift_features.length ? 'moderate' : 'minor';
}

export async function latestReference(ctx: AppContext, modelName = '') {
  const rows = await ctx.db.select().from(driftReferences).where(eq(driftReferences.modelName, modelName)).orderBy(desc(driftReferences.createdAt)).limit(1);
  return rows[0] ?? null;
}

const logRows = (entries: PredictionLogEntry[]) => entries.filter((e) => e.text !== null).map((e) => ({ text: e.text }));
const logPreds = (entries: PredictionLogEntry[]) => entries.map((e) => ({ prediction: e.prediction, ...(e.confidence !== null ? { confidence: e.confidence } : {}) }));

/**
 * Drift of a model's production traffic (detection prediction log over the last `hours`)
 * against its persisted reference (POST /drift/set-reference with model_name) or, without
 * one, against the log of the reference window before it.
 */
export async function productionDrift(ctx: AppContext, model: string, hours: number) {
  const cfg = await driftConfig(ctx);
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - hours * 3_600_000);
  const cur = await readPredictionLog(ctx, { since, model_name: model });
  const ref = (await latestReference(ctx, model)) ?? null;
  let refRows: Record<string, unknown>[];
  let refPreds: Record<string, unknown>[];
  let referenceSource: string;
  if (ref) {
    refRows = ref.data as Record<string, unknown>[];
    refPreds = (ref.predictions as Record<string, unknown>[] | null) ?? [];
    referenceSource = `stored reference ${ref.id} (${ref.createdAt.toISOString()})`;
  } else {
    const refSince = new Date(since.getTime() - cfg.reference_window_days * 86_400_000);
    const prev = await readPredictionLog(ctx, { since: refSince, until: since, model_name: model });
    refRows = logRows(prev);
    refPreds = logPreds(prev);
    referenceSource = `prediction log ${refSince.toISOString()} .. ${since.toISOString()}`;
  }
  const base = { model_name: model, hours, current_samples: cur.length, reference_samples: Math.max(refRows.length, refPreds.length), reference_source: referenceSource, timestamp: now.toISOString() };
  if (cur.length < cfg.min_samples || Math.max(refRows.length, refPreds.length) < cfg.min_samples) {
    return { ...base, status: 'insufficient_data', drift_detected: false, drift_score: 0, data_drift_score: null as number | null, model_drift_score: null as number | null, data_drift: null, model_drift: null, message: `needs at least ${cfg.min_samples} predictions in both windows` };
  }
  const curRows = logRows(cur);
  const textKey = refRows.length && curRows.length && refRows.every((r) => typeof r.text === 'string');
  const dataDrift = textKey ? await detectDataDriftAsync(refRows, curRows, ['text'], cfg, now) : null;
  const modelDrift = refPreds.length ? detectModelDrift({ reference_predictions: refPreds, current_predictions: logPreds(cur) }, cfg, now) : null;
  const drift = Boolean(dataDrift?.drift_detected || modelDrift?.drift_detected);
  const score = Math.max(dataDrift?.overall_drift_score ?? 0, modelDrift?.drift_score ?? 0);
  const result = { ...base, status: 'ok', drift_detected: drift, drift_score: score, data_drift_score: dataDrift?.overall_drift_score ?? null, model_drift_score: modelDrift?.drift_score ?? null, data_drift: dataDrift, model_drift: modelDrift };
  await recordDrift(ctx, { kind: 'production', model_name: model, drift_detected: drift, drift_score: score, result, severity: dataDrift ? worstSeverity(dataDrift) : 'moderate' });
  return result;
}

// ---------------- auto-retrain ----------------

const ACTIVE = ['pending', 'running'];
const TERMINAL = ['completed', 'failed', 'cancelled', 'skipped'];

export type RetrainEventRow = typeof retrainEvents.$inferSelect;

export function eventView(e: RetrainEventRow) {
  return {
    event_id: e.id,
    model_name: e.modelName,
    trigger: e.trigger,
    drift_score: e.driftScore,
    threshold: e.threshold,
    status: e.status,
    timestamp: e.createdAt.toISOString(),
    ...(e.jobId ? { retrain_job_id: e.jobId } : {}),
    ...(e.errorMessage ? { error_message: e.errorMessage } : {}),
    reason: e.reason,
    priority: e.priority,
    updated_at: e.updatedAt.toISOString(),
  };
}

/** Makes events follow their training job's real state (the queue's DB row is the truth). */
export async function syncEvents(ctx: AppContext, events: RetrainEventRow[]): Promise<RetrainEventRow[]> {
  const out: RetrainEventRow[] = [];
  for (const e of events) {
    if (e.jobId && ACTIVE.includes(e.status)) {
      const job = await ctx.queue.get(e.jobId);
      if (job && job.status !== e.status) {
        const upd = { status: job.status, errorMessage: job.error ?? e.errorMessage, updatedAt: ctx.clock.now() };
        await ctx.db.update(retrainEvents).set(upd).where(eq(retrainEvents.id, e.id));
        getState(ctx).metrics.retrainEvents.inc({ trigger: e.trigger, status: job.status });
        out.push({ ...e, ...upd });
        continue;
      }
    }
    out.push(e);
  }
  return out;
}

export async function listEvents(ctx: AppContext, q: { model_name?: string; status?: string; limit?: number }) {
  const where = [];
  if (q.model_name) where.push(eq(retrainEvents.modelName, q.model_name));
  const rows = await ctx.db
    .select()
    .from(retrainEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(retrainEvents.createdAt))
    .limit(q.status ? 10_000 : (q.limit ?? 10_000));
  const synced = await syncEvents(ctx, rows);
  const filtered = q.status ? synced.filter((e) => e.status === q.status) : synced;
  return filtered.slice(0, q.limit ?? filtered.length);
}

export async function retrainStatus(ctx: AppContext, model?: string) {
  const events = await listEvents(ctx, { model_name: model });
  const last: Record<string, string> = {};
  const daily: Record<string, number> = {};
  const dayStart = new Date(ctx.clock.now());
  dayStart.setUTCHours(0, 0, 0, 0);
  for (const e of events) {
    if (e.status === 'skipped') continue;
    if (!last[e.modelName]) last[e.modelName] = e.createdAt.toISOString();
    if (e.createdAt >= dayStart && e.status !== 'failed') daily[e.modelName] = (daily[e.modelName] ?? 0) + 1;
  }
  return { total_events: events.length, events: events.map(eventView), last_retrain_times: last, daily_counts: daily };
}

export async function knownModels(ctx: AppContext): Promise<string[]> {
  const cfg = await retrainConfig(ctx);
  const perf = await ctx.db.selectDistinct({ m: performance.modelName }).from(performance);
  const reg = (await registeredModels(ctx)) ?? [];
  return [...new Set([...cfg.target_models, ...perf.map((p) => p.m), ...reg])].sort();
}

export async function requireModel(ctx: AppContext, model: string): Promise<void> {
  const known = await knownModels(ctx);
  if (!known.includes(model)) throw appError('ANALYTICS_UNKNOWN_MODEL', { model, known });
}

/** Why an automatic retrain must not start now (cooldown, daily cap, attempts), or null. */
export async function retrainBlocker(ctx: AppContext, model: string, cfg: RetrainConfig): Promise<string | null> {
  const now = ctx.clock.now().getTime();
  const recent = await ctx.db.select().from(retrainEvents).where(eq(retrainEvents.modelName, model)).orderBy(desc(retrainEvents.createdAt)).limit(200);
  const started = (await syncEvents(ctx, recent)).filter((e) => e.status !== 'skipped' && e.status !== 'cancelled');
  if (started.some((e) => ACTIVE.includes(e.status))) return 'a retrain for this model is already pending or running';
  const lastOk = started.find((e) => e.status === 'completed');
  if (lastOk && now - lastOk.createdAt.getTime() < cfg.retrain_cooldown_hours * 3_600_000) {
    return `cooldown: last retrain ${lastOk.createdAt.toISOString()}, cooldown ${cfg.retrain_cooldown_hours} h`;
  }
  const dayStart = new Date(now);
  dayStart.setUTCHours(0, 0, 0, 0);
  const today = started.filter((e) => e.createdAt >= dayStart).length;
  if (today >= cfg.max_daily_retrains) return `daily cap reached (${today}/${cfg.max_daily_retrains})`;
  let failures = 0;
  for (const e of started) {
    if (e.status === 'failed') failures++;
    else if (e.status === 'completed') break;
  }
  if (failures >= cfg.max_retrain_attempts) return `max attempts reached: ${failures} consecutive failures (max_retrain_attempts ${cfg.max_retrain_attempts})`;
  return null;
}

/**
 * Creates a retrain event and enqueues the training job. Automatic triggers respect cooldown,
 * daily cap and max attempts (a blocked trigger is recorded as 'skipped'); manual ones do not.
 * When the training queue is unavailable the event is recorded as 'failed' with the reason.
 */
export async function triggerRetrain(
  ctx: AppContext,
  req: {
    model_name: string;
    trigger: string;
    drift_score: number;
    threshold: number;
    reason: string;
    priority?: string;
    training_data_path?: string;
    manual: boolean;
    /** Rethrow training's 4xx (unknown model, bad data path) after recording the failed event. */
    rethrowClientErrors?: boolean;
  },
) {
  const cfg = await retrainConfig(ctx);
  const id = randomUUID();
  const now = ctx.clock.now();
  const priority = req.priority ?? cfg.retrain_priority;
  const base = { id, modelName: req.model_name, trigger: req.trigger, driftScore: req.drift_score, threshold: req.threshold, reason: req.reason, priority, createdAt: now, updatedAt: now };
  const blocker = req.manual ? null : await retrainBlocker(ctx, req.model_name, cfg);
  let row: RetrainEventRow;
  let clientError: unknown = null;
  if (blocker) {
    row = { ...base, status: 'skipped', jobId: null, errorMessage: blocker };
  } else {
    try {
      const jobId = await enqueueRetrain(ctx, { model_name: req.model_name, reason: req.reason, priority, trigger: req.trigger, training_data_path: req.training_data_path });
      row = { ...base, status: 'pending', jobId, errorMessage: null };
    } catch (e) {
      row = { ...base, status: 'failed', jobId: null, errorMessage: (e as Error).message };
      if (isAppError(e) && e.status < 500) clientError = e;
    }
  }
  await ctx.db.insert(retrainEvents).values(row);
  getState(ctx).metrics.retrainEvents.inc({ trigger: req.trigger, status: row.status });
  if (clientError && req.rethrowClientErrors) throw clientError;
  return eventView((await syncEvents(ctx, [row]))[0]);
}

export async function cancelEvent(ctx: AppContext, id: string) {
  const rows = await ctx.db.select().from(retrainEvents).where(eq(retrainEvents.id, id));
  if (!rows.length) throw appError('ANALYTICS_UNKNOWN_EVENT', { id });
  const [e] = await syncEvents(ctx, rows);
  if (TERMINAL.includes(e.status)) throw appError('ANALYTICS_EVENT_FINISHED', { id, status: e.status });
  if (e.jobId) await ctx.queue.cancel(e.jobId);
  const upd = { status: 'cancelled', updatedAt: ctx.clock.now() };
  await ctx.db.update(retrainEvents).set(upd).where(eq(retrainEvents.id, id));
  return eventView({ ...e, ...upd });
}

/**
 * Checks one model: production drift and the performance drop between its two latest
 * performance records; triggers a retrain when a threshold is crossed.
 */
export async function checkDriftAndMaybeRetrain(ctx: AppContext, model: string, hours = 24) {
  const cfg = await retrainConfig(ctx);
  const prod = await productionDrift(ctx, model, hours);
  const perf = await ctx.db.select().from(performance).where(eq(performance.modelName, model)).orderBy(desc(performance.measuredAt)).limit(2);
  const perfDrop = perf.length === 2 ? perf[1].accuracy - perf[0].accuracy : null;
  const reasons: { trigger: string; score: number; threshold: number }[] = [];
  if (prod.status === 'ok' && prod.current_samples >= cfg.min_samples_for_retrain) {
    if ((prod.data_drift_score ?? 0) > cfg.data_drift_threshold) reasons.push({ trigger: 'data_drift', score: prod.data_drift_score!, threshold: cfg.data_drift_threshold });
    if ((prod.model_drift_score ?? 0) > cfg.model_drift_threshold) reasons.push({ trigger: 'model_drift', score: prod.model_drift_score!, threshold: cfg.model_drift_threshold });
  }
  if (perfDrop !== null && perfDrop > cfg.performance_drop_threshold) reasons.push({ trigger: 'performance_drop', score: perfDrop, threshold: cfg.performance_drop_threshold });
  let event = null;
  if (reasons.length) {
    const top = reasons[0];
    event = await triggerRetrain(ctx, {
      model_name: model,
      trigger: top.trigger,
      drift_score: top.score,
      threshold: top.threshold,
      reason: reasons.map((r) => `${r.trigger} ${r.score.toFixed(3)} > ${r.threshold}`).join('; '),
      manual: false,
    });
  }
  return {
    model_name: model,
    drift_detected: prod.drift_detected,
    retrain_needed: reasons.length > 0,
    retrain_triggered: event !== null && (event.status === 'pending' || event.status === 'running'),
    reasons,
    performance_drop: perfDrop,
    production_drift: prod,
    event,
    timestamp: ctx.clock.now().toISOString(),
  };
}

/** One pass of the monitoring loop over the target models (errors are logged per model). */
export async function monitorOnce(ctx: AppContext): Promise<void> {
  const st = getState(ctx).monitoring;
  const cfg = await retrainConfig(ctx);
  st.lastRun = ctx.clock.now();
  st.runs++;
  st.lastError = null;
  for (const m of cfg.target_models) {
    try {
      await checkDriftAndMaybeRetrain(ctx, m, 24);
    } catch (e) {
      st.lastError = `${m}: ${(e as Error).message}`;
      ctx.log.warn({ err: e, model: m }, 'auto-retrain check failed');
    }
  }
}

export async function startMonitoring(ctx: AppContext) {
  const st = getState(ctx).monitoring;
  const cfg = await retrainConfig(ctx);
  if (!st.timer) {
    st.startedAt = ctx.clock.now();
    st.timer = setInterval(() => {
      if (st.running) return;
      st.running = true;
      void monitorOnce(ctx).finally(() => (st.running = false));
    }, cfg.check_interval_seconds * 1000);
    st.timer.unref();
  }
  return { status: 'monitoring', started_at: st.startedAt!.toISOString(), interval_seconds: cfg.check_interval_seconds, target_models: cfg.target_models };
}

export function stopMonitoring(ctx: AppContext): void {
  const st = getState(ctx).monitoring;
  if (st.timer) clearInterval(st.timer);
  st.timer = null;
}

export async function recentResults(ctx: AppContext, hours: number, model?: string) {
  const since = new Date(ctx.clock.now().getTime() - hours * 3_600_000);
  const where = [gte(driftResults.createdAt, since)];
  if (model) where.push(eq(driftResults.modelName, model));
  return ctx.db.select().from(driftResults).where(and(...where)).orderBy(desc(driftResults.createdAt)).limit(500);
}

