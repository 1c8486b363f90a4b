import type { RedTeamTestResult } from '../analytics/index.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, count as sqlCount, desc, eq, lte } from 'drizzle-orm';
import type { AppContext } from '../platform/context.js';
import { appError } from '../platform/errors.js';
import type { JobContext } from '../platform/queue.js';
import { generateAttacks, resolveCategories, resolveStrategies } from './generate.js';
import { campaigns, results, schedules } from './schema.js';
import { summarize, type CampaignSummary, type Outcome } from './summary.js';
import { openTarget, parseTarget, type TargetOptions } from './targets/index.js';
import { loadDetect } from './targets/detection.js';

export const CAMPAIGN_JOB = 'redteam.campaign';
export const MAX_CAMPAIGN_COUNT = 10_000;

export interface CampaignRequest {
  name?: string;
  categories?: string[];
  strategies?: string[];
  count: number;
  target: string;
  seed?: number;
  options?: TargetOptions;
}

export type CampaignRow = typeof campaigns.$inferSelect;

function platformPorts(ctx: AppContext): number[] {
  return Object.values(ctx.config.ports ?? {}).filter((p) => typeof p === 'number' && p > 0);
}

/** Public view of a campaign: secrets removed, dates as ISO strings. */
export function campaignView(row: CampaignRow) {
  const { api_key: _k, ...options } = row.targetConfig as Record<string, unknown>;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    target: row.target,
    options: { ...options, ...(_k ? { api_key: '***' } : {}) },
    categories: row.categories,
    strategies: row.strategies,
    count: row.count,
    seed: row.seed,
    progress: row.progress,
    job_id: row.jobId,
    schedule_id: row.scheduleId,
    error: row.error,
    summary: (row.summary as CampaignSummary | null) ?? null,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Validates a campaign request (404 unknown category/strategy, 400 bad target or count) and
 * queues it. Resolves with the stored campaign; the job runs in the background.
 */
export async function createCampaign(ctx: AppContext, req: CampaignRequest, createdBy?: string | null, scheduleId?: string): Promise<CampaignRow> {
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > MAX_CAMPAIGN_COUNT) throw appError('REDTEAM_BAD_COUNT', { count: req.count, max: MAX_CAMPAIGN_COUNT });
  const categories = resolveCategories(req.categories);
  const strategies = resolveStrategies(req.strategies?.length ? req.strategies : ['none']);
  const spec = parseTarget(req.target, platformPorts(ctx));
  if (spec.kind === 'model') {
    // Fail fast (409) rather than queue a campaign that cannot run in this build.
    const detect = await loadDetect(ctx, spec.model, req.options?.threshold);
    if ('error' in detect) throw appError('REDTEAM_TARGET_UNAVAILABLE', { target: req.target, reason: detect.error });
  }
  const id = `cmp_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const seed = req.seed ?? randomBytes(4).readUInt32BE() >>> 1;
  const targetConfig: Record<string, unknown> = { ...(req.options ?? {}) };
  if (spec.kind === 'external' && !targetConfig.canary) targetConfig.canary = `CANARY-${randomBytes(6).toString('hex').toUpperCase()}`;
  const [row] = await ctx.db
    .insert(campaigns)
    .values({ id, name: req.name ?? `${req.target} x${req.count}`, status: 'pending', categories, strategies, count: req.count, seed: seed | 0, target: req.target.trim(), targetConfig, createdBy: createdBy ?? null, scheduleId: scheduleId ?? null })
    .returning();
  const job = await ctx.queue.enqueue(CAMPAIGN_JOB, { campaignId: id }, { maxAttempts: 1, createdBy: createdBy ?? undefined });
  const [updated] = await ctx.db.update(campaigns).set({ jobId: job.id }).where(eq(campaigns.id, id)).returning();
  return updated ?? row;
}

export async function getCampaign(ctx: AppContext, id: string): Promise<CampaignRow> {
  const [row] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, id));
  if (!row) throw appError('REDTEAM_CAMPAIGN_NOT_FOUND', { id });
  return row;
}

export async function listCampaigns(ctx: AppContext, opts: { limit: number; offset: number; status?: string }) {
  const where = opts.status ? eq(campaigns.status, opts.status) : undefined;
  const rows = await ctx.db.select().from(campaigns).where(where).orderBy(desc(campaigns.createdAt)).limit(opts.limit).offset(opts.offset);
  const [{ n }] = await ctx.db.select({ n: sqlCount() }).from(campaigns).where(where);
  return { campaigns: rows.map(campaignView), total: Number(n), limit: opts.limit, offset: opts.offset };
}

export async function listResults(ctx: AppContext, id: string, opts: { page: number; pageSize: number; category?: string; strategy?: string; outcome?: 'missed' | 'detected' | 'error' }) {
  await getCampaign(ctx, id);
  const conds = [eq(results.campaignId, id)];
  if (opts.category) conds.push(eq(results.category, opts.category));
  if (opts.strategy) conds.push(eq(results.strategy, opts.strategy));
  if (opts.outcome === 'missed') conds.push(eq(results.success, true));
  if (opts.outcome === 'detected') conds.push(eq(results.detected, true));
  const where = and(...conds);
  const rows = await ctx.db.select().from(results).where(where).orderBy(asc(results.idx)).limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize);
  const [{ n }] = await ctx.db.select({ n: sqlCount() }).from(results).where(where);
  return {
    campaign_id: id,
    page: opts.page,
    page_size: opts.pageSize,
    total: Number(n),
    results: rows.map((r) => ({
      index: r.idx, attack_id: r.attackId, category: r.category, technique: r.technique, strategy: r.strategy, goal: r.goal, text: r.text,
      detected: r.detected, success: r.success, score: r.score, label: r.label, basis: r.basis, response: r.response, error: r.error, latency_ms: r.latencyMs,
    })),
  };
}

export async function cancelCampaign(ctx: AppContext, id: string): Promise<CampaignRow> {
  const row = await getCampaign(ctx, id);
  if (row.status === 'pending' || row.status === 'running') {
    if (row.jobId) await ctx.queue.cancel(row.jobId);
    await ctx.db.update(campaigns).set({ status: 'cancelled', finishedAt: ctx.clock.now() }).where(eq(campaigns.id, id));
  }
  return getCampaign(ctx, id);
}

/** Consecutive per-attack errors after which an external target is declared unreachable. */
const MAX_CONSECUTIVE_ERRORS = 5;

/**
 * The background job: generates the campaign's attacks, runs them against the target in
 * batches, stores per-attack results, reports progress, honours cancellation, and stores the
 * summary. An unreachable target fails the campaign with the error recorded.
 */
export async function runCampaignJob(ctx: AppContext, job: JobContext<{ campaignId: string }>): Promise<{ campaign_id: string; summary: CampaignSummary }> {
  const row = await getCampaign(ctx, job.data.campaignId);
  if (row.status === 'cancelled') return { campaign_id: row.id, summary: summarize([]) };
  await ctx.db.update(campaigns).set({ status: 'running', startedAt: ctx.clock.now(), error: null }).where(eq(campaigns.id, row.id));
  try {
    const spec = parseTarget(row.target, platformPorts(ctx));
    const target = await openTarget(ctx, spec, row.targetConfig as TargetOptions, row.id);
    const attacks = generateAttacks({ categories: row.categories, strategies: row.strategies, count: row.count, seed: row.seed });
    const outcomes: Outcome[] = [];
    let consecutiveErrors = 0;
    for (let i = 0; i < attacks.length; i += target.batchSize) {
      if (job.signal.aborted) throw new Error('cancelled');
      const batch = attacks.slice(i, i + target.batchSize);
      const verdicts = await target.evaluate(batch, job.signal);
      const rows = batch.map((a, k) => {
        const v = verdicts[k];
        const strategy = a.strategies[0] ?? 'none';
        outcomes.push({ category: a.category, strategy, technique: a.technique, detected: v.detected, success: v.success, error: v.error });
        consecutiveErrors = v.error ? consecutiveErrors + 1 : 0;
        return {
          campaignId: row.id, idx: i + k, attackId: a.id, category: a.category, technique: a.technique, strategy, goal: a.goal, text: a.text,
          detected: v.detected, success: v.success, score: v.score, label: v.label, basis: v.basis, response: v.response ?? null, error: v.error ?? null, latencyMs: v.latencyMs,
        };
      });
      await ctx.db.insert(results).values(rows);
      if (consecutiveErrors >= MAX_CONSECUTIVE_ERRORS && outcomes.every((o) => o.error)) {
        throw new Error(`target unreachable: ${verdicts.find((v) => v.error)?.error ?? 'errors'}`);
      }
      const pct = Math.round(((i + batch.length) / attacks.length) * 1000) / 10;
      await ctx.db.update(campaigns).set({ progress: pct }).where(eq(campaigns.id, row.id));
      await job.progress(pct, { done: i + batch.length, total: attacks.length });
    }
    const summary = summarize(outcomes);
    await ctx.db.update(campaigns).set({ status: 'completed', progress: 100, summary, finishedAt: ctx.clock.now() }).where(eq(campaigns.id, row.id));
    await reportToAnalytics(ctx, row, target.name, summary, attacks.length).catch((e) => ctx.log.warn({ err: e, campaign: row.id }, 'red-team results not recorded in analytics'));
    return { campaign_id: row.id, summary };
  } catch (e) {
    const cancelled = job.signal.aborted || (e as Error).message === 'cancelled';
    const outcomes = (await ctx.db.select().from(results).where(eq(results.campaignId, row.id))).map((r) => ({ category: r.category, strategy: r.strategy, technique: r.technique, detected: r.detected, success: r.success, error: r.error }));
    await ctx.db
      .update(campaigns)
      .set({ status: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : (e as Error).message, summary: summarize(outcomes), finishedAt: ctx.clock.now() })
      .where(eq(campaigns.id, row.id));
    if (cancelled) return { campaign_id: row.id, summary: summarize(outcomes) };
    throw e;
  }
}

// Analytics is resolved at run time, through its public index only, so the two domains build
// independently; when it is absent the campaign still completes and the skip is logged.
const ANALYTICS_INDEX = '../analytics/index.js';

/**
 * Sends one result per (category, strategy) to analytics in the shape of its
 * `POST /red-team/results` body, so `/red-team/summary` and `/red-team/comparison/{model}` show them.
 */
export async function reportToAnalytics(ctx: AppContext, row: CampaignRow, modelName: string, summary: CampaignSummary, _n: number): Promise<number> {
  let mod: any;
  try {
    mod = await import(ANALYTICS_INDEX);
  } catch {
    ctx.log.info({ campaign: row.id }, 'analytics not available; red-team results kept locally');
    return 0;
  }
  if (typeof mod.recordRedTeamResult !== 'function') return 0;
  const payloads = redTeamResultPayloads(row, modelName, summary, ctx.clock.now());
  const examples = await ctx.db.select({ category: results.category, strategy: results.strategy, text: results.text }).from(results).where(and(eq(results.campaignId, row.id), eq(results.success, true))).limit(2000);
  for (const p of payloads) {
    const ex = examples.find((e) => e.category === p.test_type && e.strategy === p.attack_details.method);
    if (ex) p.attack_details.payload = ex.text.slice(0, 1000);
    await mod.recordRedTeamResult(ctx, p);
  }
  return payloads.length;
}

// The record shape analytics stores (POST /red-team/results); declared once, there.
export type { RedTeamTestResult };

/** Pure: one analytics record per (category, strategy) pair of a summary. */
export function redTeamResultPayloads(row: Pick<CampaignRow, 'id'>, modelName: string, summary: CampaignSummary, now: Date): RedTeamTestResult[] {
  const out: RedTeamTestResult[] = [];
  for (const [category, byStrategy] of Object.entries(summary.by_category_strategy)) {
    for (const [strategy, t] of Object.entries(byStrategy)) {
      if (t.success_rate === null) continue;
      out.push({
        test_id: `${row.id}:${category}:${strategy}`,
        model_name: modelName,
        test_type: category,
        attack_success: t.missed > 0,
        confidence_score: t.success_rate,
        attack_details: { method: strategy, payload: '', success_rate: t.success_rate, attacks: t.attacks, missed: t.missed, campaign_id: row.id },
        timestamp: now.toISOString(),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Schedules: re-run a campaign request every interval (continuous testing).

export type ScheduleRow = typeof schedules.$inferSelect;

export function scheduleView(s: ScheduleRow) {
  return {
    id: s.id, name: s.name, request: { ...s.request, options: s.request.options ? { ...(s.request.options as object), api_key: (s.request.options as any).api_key ? '***' : undefined } : undefined },
    interval_seconds: s.intervalSeconds, enabled: s.enabled, runs: s.runs, last_run_at: s.lastRunAt?.toISOString() ?? null, next_run_at: s.nextRunAt.toISOString(),
    last_campaign_id: s.lastCampaignId, created_at: s.createdAt.toISOString(),
  };
}

/** Validates the request like a campaign (so a bad schedule fails now, not at 3 am) and stores it. */
export async function createSchedule(ctx: AppContext, req: CampaignRequest & { interval_seconds: number; name?: string }, createdBy?: string | null): Promise<ScheduleRow> {
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > MAX_CAMPAIGN_COUNT) throw appError('REDTEAM_BAD_COUNT', { count: req.count, max: MAX_CAMPAIGN_COUNT });
  resolveCategories(req.categories);
  resolveStrategies(req.strategies);
  parseTarget(req.target, platformPorts(ctx));
  const { interval_seconds, name, ...request } = req;
  const [row] = await ctx.db
    .insert(schedules)
    .values({ id: `sch_${randomUUID().replace(/-/g, '').slice(0, 16)}`, name: name ?? `every ${interval_seconds}s: ${req.target}`, request: request as Record<string, unknown>, intervalSeconds: interval_seconds, nextRunAt: new Date(ctx.clock.now().getTime() + interval_seconds * 1000), createdBy: createdBy ?? null })
    .returning();
  return row;
}

export async function deleteSchedule(ctx: AppContext, id: string): Promise<void> {
  const r = await ctx.db.delete(schedules).where(eq(schedules.id, id)).returning();
  if (!r.length) throw appError('REDTEAM_SCHEDULE_NOT_FOUND', { id });
}

/** Starts every due schedule once (seed = base seed + run number, so each run is new but replayable). */
export async function runDueSchedules(ctx: AppContext): Promise<string[]> {
  const now = ctx.clock.now();
  const due = await ctx.db.select().from(schedules).where(and(eq(schedules.enabled, true), lte(schedules.nextRunAt, now)));
  const started: string[] = [];
  for (const s of due) {
    const req = s.request as unknown as CampaignRequest;
    const seed = ((req.seed ?? 1) + s.runs + 1) >>> 1;
    try {
      const c = await createCampaign(ctx, { ...req, seed, name: `${s.name} #${s.runs + 1}` }, s.createdBy, s.id);
      started.push(c.id);
      await ctx.db.update(schedules).set({ runs: s.runs + 1, lastRunAt: now, lastCampaignId: c.id, nextRunAt: new Date(now.getTime() + s.intervalSeconds * 1000) }).where(eq(schedules.id, s.id));
    } catch (e) {
      ctx.log.warn({ err: e, schedule: s.id }, 'scheduled red-team campaign could not start');
      await ctx.db.update(schedules).set({ nextRunAt: new Date(now.getTime() + s.intervalSeconds * 1000) }).where(eq(schedules.id, s.id));
    }
  }
  return started;
}
