import { bigserial, boolean, index, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every prediction served (model API, serving, batch, CLI with a context): what analytics reads
 * as production inference data. The raw text is stored only when MLSEC_LOG_RAW_TEXT is on.
 */
export const predictionLog = pgTable(
  'detection_predictions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    textHash: text('text_hash').notNull(),
    text: text('text'),
    textChars: real('text_chars').notNull(),
    label: text('label').notNull(),
    isAttack: boolean('is_attack').notNull(),
    attackScore: real('attack_score').notNull(),
    threshold: real('threshold').notNull(),
    context: text('context').notNull(),
    probabilities: jsonb('probabilities').notNull(),
    /** { <model name>: { attack_score, label, version } } */
    modelScores: jsonb('model_scores').notNull(),
    modelVersions: jsonb('model_versions').notNull(),
    ruleIds: jsonb('rule_ids').notNull(),
    latencyMs: real('latency_ms').notNull(),
    source: text('source').notNull(),
  },
  (t) => [index('detection_predictions_created_idx').on(t.createdAt)],
);

/** Attacks added to the embedding detector's similarity library (red team finds, manual adds). */
export const knownAttacks = pgTable('detection_known_attacks', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  textHash: text('text_hash').notNull().unique(),
  text: text('text').notNull(),
  label: text('label').notNull(),
  source: text('source').notNull(),
});
