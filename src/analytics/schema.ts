import { boolean, index, integer, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';

/** Analytics tables: performance history, red-team results, drift, auto-retrain, promotion. */

export const performance = pgTable(
  'analytics_model_performance',
  {
    id: text('id').primaryKey(),
    modelName: text('model_name').notNull(),
    version: text('version').notNull(),
    accuracy: real('accuracy').notNull(),
    precision: real('precision').notNull(),
    recall: real('recall').notNull(),
    f1Score: real('f1_score').notNull(),
    inferenceTimeMs: real('inference_time_ms').notNull(),
    testDataSize: integer('test_data_size').notNull(),
    measuredAt: timestamp('measured_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('analytics_perf_model_time_idx').on(t.modelName, t.measuredAt)],
);

export const redTeamResults = pgTable(
  'analytics_red_team_results',
  {
    id: text('id').primaryKey(),
    testId: text('test_id').notNull(),
    modelName: text('model_name').notNull(),
    testType: text('test_type').notNull(),
    attackSuccess: boolean('attack_success').notNull(),
    confidenceScore: real('confidence_score').notNull(),
    attackDetails: jsonb('attack_details').notNull(),
    testedAt: timestamp('tested_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('analytics_rt_time_idx').on(t.testedAt), index('analytics_rt_model_idx').on(t.modelName)],
);

/** Persisted drift references (latest per model; '' = the default reference). */
export const driftReferences = pgTable(
  'analytics_drift_references',
  {
    id: text('id').primaryKey(),
    modelName: text('model_name').notNull().default(''),
    data: jsonb('data').notNull(),
    predictions: jsonb('predictions'),
    rowCount: integer('row_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('analytics_ref_model_idx').on(t.modelName, t.createdAt)],
);

export const driftResults = pgTable(
  'analytics_drift_results',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(), // data | model | production | model_performance
    modelName: text('model_name'),
    driftDetected: boolean('drift_detected').notNull(),
    driftScore: real('drift_score').notNull(),
    result: jsonb('result').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('analytics_drift_time_idx').on(t.createdAt)],
);

export const driftAlerts = pgTable(
  'analytics_drift_alerts',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(), // data_drift | model_drift | performance_drift
    severity: text('severity').notNull(), // minor | moderate | severe
    message: text('message').notNull(),
    modelName: text('model_name'),
    details: jsonb('details'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('analytics_alert_time_idx').on(t.createdAt)],
);

/** Small JSON settings documents: drift config, retrain config, promotion criteria. */
export const settings = pgTable('analytics_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const retrainEvents = pgTable(
  'analytics_retrain_events',
  {
    id: text('id').primaryKey(),
    modelName: text('model_name').notNull(),
    trigger: text('trigger').notNull(), // manual | data_drift | model_drift | performance_drop
    driftScore: real('drift_score').notNull(),
    threshold: real('threshold').notNull(),
    status: text('status').notNull(), // pending | running | completed | failed | cancelled | skipped
    reason: text('reason'),
    priority: text('priority'),
    jobId: text('job_id'),
    errorMessage: text('error_message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('analytics_retrain_model_idx').on(t.modelName, t.createdAt)],
);

export const promotions = pgTable(
  'analytics_promotions',
  {
    id: text('id').primaryKey(),
    modelName: text('model_name').notNull(),
    version: text('version').notNull(),
    action: text('action').notNull(), // evaluate | promote
    passed: boolean('passed').notNull(),
    promoted: boolean('promoted').notNull(),
    forced: boolean('forced').notNull(),
    evaluation: jsonb('evaluation').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('analytics_promo_model_idx').on(t.modelName, t.createdAt)],
);

export const notifications = pgTable('analytics_notifications', {
  id: text('id').primaryKey(),
  channel: text('channel').notNull(), // email | webhook
  target: text('target').notNull(),
  subject: text('subject').notNull(),
  ok: boolean('ok').notNull(),
  error: text('error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
