import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Platform tables: users, API keys, background jobs. */

export const users = pgTable(
  'platform_users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(), // admin | analyst | viewer
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('platform_users_email_idx').on(t.email)],
);

export const apiKeys = pgTable(
  'platform_api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    role: text('role').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('platform_api_keys_hash_idx').on(t.keyHash)],
);

export const jobs = pgTable(
  'platform_jobs',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    status: text('status').notNull(), // pending | running | completed | failed | cancelled
    data: jsonb('data').notNull(),
    progress: real('progress').notNull().default(0),
    info: jsonb('info'),
    result: jsonb('result'),
    error: text('error'),
    logs: jsonb('logs').$type<string[]>().notNull().default([]),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(1),
    priority: integer('priority').notNull().default(0),
    backend: text('backend').notNull(), // memory | bullmq
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('platform_jobs_name_status_idx').on(t.name, t.status),
    index('platform_jobs_created_idx').on(t.createdAt),
  ],
);
