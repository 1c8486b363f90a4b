import { index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Training tables: datasets and their immutable versions, runs, the model registry. */

export const datasets = pgTable(
  'training_datasets',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_datasets_name_idx').on(t.name)],
);

/** Immutable: a version's records live in the artifact store, checksummed. */
export const datasetVersions = pgTable(
  'training_dataset_versions',
  {
    id: text('id').primaryKey(),
    datasetId: text('dataset_id').notNull(),
    version: integer('version').notNull(),
    parentId: text('parent_id'),
    contentHash: text('content_hash').notNull(),
    artifactKey: text('artifact_key').notNull(),
    artifactSha256: text('artifact_sha256').notNull(),
    stats: jsonb('stats').notNull(),
    source: text('source'),
    description: text('description'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_dsv_dataset_version_idx').on(t.datasetId, t.version)],
);

/** One run per training job: parameters, per-epoch metrics, final evaluation. */
export const runs = pgTable(
  'training_runs',
  {
    id: text('id').primaryKey(),
    jobId: text('job_id').notNull(),
    modelName: text('model_name').notNull(),
    trainer: text('trainer').notNull(),
    params: jsonb('params').notNull(),
    split: jsonb('split').notNull(),
    datasetVersionId: text('dataset_version_id').notNull(),
    status: text('status').notNull(),
    epochs: jsonb('epochs').notNull(),
    metrics: jsonb('metrics'),
    modelVersion: text('model_version'),
    codeVersion: text('code_version'),
    reason: text('reason'),
    trigger: text('trigger'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('training_runs_model_idx').on(t.modelName, t.createdAt), uniqueIndex('training_runs_job_idx').on(t.jobId)],
);

export const models = pgTable('training_models', {
  name: text('name').primaryKey(),
  trainer: text('trainer').notNull(),
  description: text('description'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const modelVersions = pgTable(
  'training_model_versions',
  {
    id: text('id').primaryKey(),
    modelName: text('model_name').notNull(),
    version: text('version').notNull(),
    seq: integer('seq').notNull(),
    stage: text('stage').notNull(),
    runId: text('run_id'),
    kind: text('kind').notNull(),
    artifactKey: text('artifact_key').notNull(),
    artifactSha256: text('artifact_sha256').notNull(),
    artifactBytes: integer('artifact_bytes').notNull(),
    metrics: jsonb('metrics').notNull(),
    auc: real('auc'),
    // Set when the version was registered from a shipped default (models/<name>-default): the
    // file's own metadata version and the sha256 of its bytes. The registry rewrites the stored
    // artifact (name, version), so its own sha256 cannot tell whether a shipped file is known.
    shippedVersion: text('shipped_version'),
    shippedSha256: text('shipped_sha256'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_mv_name_version_idx').on(t.modelName, t.version), uniqueIndex('training_mv_name_seq_idx').on(t.modelName, t.seq)],
);

export const modelAliases = pgTable(
  'training_model_aliases',
  {
    modelName: text('model_name').notNull(),
    alias: text('alias').notNull(),
    version: text('version').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.modelName, t.alias] })],
);

/** Who moved which version to which stage (or alias), when and why. */
export const stageTransitions = pgTable(
  'training_stage_transitions',
  {
    id: text('id').primaryKey(),
    modelName: text('model_name').notNull(),
    version: text('version').notNull(),
    kind: text('kind').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value').notNull(),
    actor: text('actor').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_transitions_model_idx').on(t.modelName, t.at)],
);
