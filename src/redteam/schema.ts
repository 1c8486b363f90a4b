import { boolean, index, integer, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';

/** Red-team tables: campaigns, their per-attack results, schedules, learning-loop runs. */

export const campaigns = pgTable(
  'redteam_campaigns',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    status: text('status').notNull(), // pending | running | completed | failed | cancelled
    categories: jsonb('categories').notNull().$type<string[]>(),
    strategies: jsonb('strategies').notNull().$type<string[]>(),
    count: integer('count').notNull(),
    seed: integer('seed').notNull(),
    target: text('target').notNull(),
    /** Target options (threshold, external endpoint settings). Secrets are never returned by the API. */
    targetConfig: jsonb('target_config').notNull().$type<Record<string, unknown>>(),
    jobId: text('job_id'),
    scheduleId: text('schedule_id'),
    progress: real('progress').notNull().default(0),
    summary: jsonb('summary').$type<unknown>(),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('redteam_campaigns_created_idx').on(t.createdAt), index('redteam_campaigns_schedule_idx').on(t.scheduleId)],
);

export const results = pgTable(
  'redteam_results',
  {
    campaignId: text('campaign_id').notNull(),
    idx: integer('idx').notNull(),
    attackId: text('attack_id').notNull(),
    category: text('category').notNull(),
    technique: text('technique').notNull(),
    strategy: text('strategy').notNull(),
    goal: text('goal').notNull(),
    text: text('text').notNull(),
    /** The target stopped the attack (detector flagged it / LLM resisted). */
    detected: boolean('detected').notNull(),
    /** The attack got through (missed by the detector / goal reached on the LLM). */
    success: boolean('success').notNull(),
    score: real('score'),
    label: text('label'),
    basis: text('basis'),
    response: text('response'),
    error: text('error'),
    latencyMs: real('latency_ms'),
  },
  (t) => [index('redteam_results_campaign_idx').on(t.campaignId, t.idx)],
);

export const schedules = pgTable('redteam_schedules', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** The campaign request re-run each interval (seed advances each run). */
  request: jsonb('request').notNull().$type<Record<string, unknown>>(),
  intervalSeconds: integer('interval_seconds').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  runs: integer('runs').notNull().default(0),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  lastCampaignId: text('last_campaign_id'),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
