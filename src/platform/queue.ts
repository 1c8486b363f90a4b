import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from './db/index.js';
import type { EventBus } from './events.js';
import { jobs } from './schema.js';

/**
 * Background jobs. The database row is the truth about a job (status, progress, logs,
 * result), so any process can answer `GET /jobs/{id}`. The backend only decides who runs it:
 * in-process by default, BullMQ on Redis when configured (a job queued by one process is run
 * by `mlsec worker` in another, and survives a restart of the process that queued it).
 */
export type JobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
export const TERMINAL: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export interface JobInfo {
  id: string;
  name: string;
  status: JobStatus;
  data: any;
  progress: number;
  info: Record<string, unknown> | null;
  result: unknown;
  error: string | null;
  logs: string[];
  attempts: number;
  max_attempts: number;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

export interface JobContext<D = any> {
  id: string;
  name: string;
  data: D;
  attempt: number;
  /** Aborted when the job is cancelled; long work must check it and stop. */
  signal: AbortSignal;
  /** Record progress (0-100) and any details (epoch, metrics so far...). */
  progress(percent: number, info?: Record<string, unknown>): Promise<void>;
  log(line: string): Promise<void>;
}

export type JobHandler<D = any, R = unknown> = (job: JobContext<D>) => Promise<R>;

export interface EnqueueOptions {
  maxAttempts?: number;
  priority?: number;
  createdBy?: string;
}

export interface JobQueue {
  readonly backend: 'memory' | 'bullmq';
  /** Declare how to run jobs called `name` in this process. */
  register<D = any, R = unknown>(name: string, handler: JobHandler<D, R>): void;
  enqueue(name: string, data: unknown, opts?: EnqueueOptions): Promise<JobInfo>;
  get(id: string): Promise<JobInfo | undefined>;
  list(filter?: {
    name?: string;
    status?: JobStatus;
    limit?: number;
    offset?: number;
  }): Promise<{ jobs: JobInfo[]; total: number }>;
  /** Cancel a pending or running job. Returns the job (unchanged if already finished), undefined if unknown. */
  cancel(id: string): Promise<JobInfo | undefined>;
  /** Wait until the job is finished (tests, CLI). Rejects after timeoutMs. */
  waitFor(id: string, timeoutMs?: number): Promise<JobInfo>;
  /** Start running registered handlers (API processes with the memory backend, and workers). */
  start(): Promise<void>;
  close(): Promise<void>;
}

function toInfo(r: typeof jobs.$inferSelect): JobInfo {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    name: r.name,
    status: r.status as JobStatus,
    data: r.data,
    progress: r.progress,
    info: (r.info as Record<string, unknown> | null) ?? null,
    result: r.result ?? null,
    error: r.error,
    logs: r.logs ?? [],
    attempts: r.attempts,
    max_attempts: r.maxAttempts,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    started_at: iso(r.startedAt),
    finished_at: iso(r.finishedAt),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** Database operations shared by both backends. */
function jobStore(db: Db) {
  const now = () => new Date();
  return {
    async insert(name: string, data: unknown, backend: string, opts: EnqueueOptions): Promise<JobInfo> {
      const [row] = await db
        .insert(jobs)
        .values({
          id: randomUUID(),
          name,
          status: 'pending',
          data: data as object,
          backend,
          maxAttempts: opts.maxAttempts ?? 1,
          priority: opts.priority ?? 0,
          createdBy: opts.createdBy ?? null,
        })
        .returning();
      return toInfo(row);
    },
    async get(id: string) {
      const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
      return row ? toInfo(row) : undefined;
    },
    /** pending -> running; false if the job was cancelled (or taken) meanwhile. */
    async start(id: string, attempt: number) {
      const rows = await db
        .update(jobs)
        .set({ status: 'running', attempts: attempt, startedAt: now(), updatedAt: now(), error: null })
        .where(and(eq(jobs.id, id), inArray(jobs.status, ['pending', 'running'])))
        .returning({ id: jobs.id });
      return rows.length > 0;
    },
    async progress(id: string, percent: number, info?: Record<string, unknown>) {
      await db
        .update(jobs)
        .set({ progress: Math.max(0, Math.min(100, percent)), ...(info ? { info } : {}), updatedAt: now() })
        .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
    },
    async log(id: string, line: string) {
      const entry = `${now().toISOString()} ${line}`;
      await db
        .update(jobs)
        .set({ logs: sql`${jobs.logs} || ${JSON.stringify([entry])}::jsonb`, updatedAt: now() })
        .where(eq(jobs.id, id));
    },
    async finish(
      id: string,
      status: 'completed' | 'failed' | 'pending',
      fields: { result?: unknown; error?: string },
    ) {
      const rows = await db
        .update(jobs)
        .set({
          status,
          ...(status === 'completed' ? { progress: 100, result: (fields.result ?? null) as object } : {}),
          ...(fields.error !== undefined ? { error: fields.error } : {}),
          finishedAt: status === 'pending' ? null : now(),
          updatedAt: now(),
        })
        .where(and(eq(jobs.id, id), eq(jobs.status, 'running')))
        .returning();
      return rows[0] ? toInfo(rows[0]) : undefined;
    },
    async cancel(id: string) {
      const rows = await db
        .update(jobs)
        .set({ status: 'cancelled', finishedAt: now(), updatedAt: now() })
        .where(and(eq(jobs.id, id), inArray(jobs.status, ['pending', 'running'])))
        .returning();
      return rows[0] ? toInfo(rows[0]) : undefined;
    },
    async list(filter: { name?: string; status?: JobStatus; limit?: number; offset?: number }) {
      const where = and(
        filter.name ? eq(jobs.name, filter.name) : undefined,
        filter.status ? eq(jobs.status, filter.status) : undefined,
      );
      const rows = await db
        .select()
        .from(jobs)
        .where(where)
        .orderBy(desc(jobs.createdAt))
        .limit(filter.limit ?? 50)
        .offset(filter.offset ?? 0);
      const [{ n }] = await db.select({ n: count() }).from(jobs).where(where);
      return { jobs: rows.map(toInfo), total: Number(n) };
    },
    async unfinished(backend: string) {
      const rows = await db
        .select()
        .from(jobs)
        .where(and(eq(jobs.backend, backend), inArray(jobs.status, ['pending', 'running'])))
        .orderBy(desc(jobs.priority), jobs.createdAt);
      return rows.map(toInfo);
    },
  };
}

type Store = ReturnType<typeof jobStore>;

/** Run one attempt of a job: status bookkeeping, progress throttling, cancellation. */
async function runAttempt(
  store: Store,
  events: EventBus,
  log: Logger,
  handler: JobHandler,
  job: JobInfo,
  attempt: number,
  controller: AbortController,
): Promise<{ outcome: 'completed' | 'failed' | 'cancelled' | 'skipped'; error?: Error }> {
  if (!(await store.start(job.id, attempt))) return { outcome: 'skipped' };
  await events.emit('job.updated', { id: job.id, name: job.name, status: 'running' });
  let lastWrite = 0;
  const ctx: JobContext = {
    id: job.id,
    name: job.name,
    data: job.data,
    attempt,
    signal: controller.signal,
    async progress(percent, info) {
      const t = Date.now();
      // Progress can be reported per batch; a DB write every 200 ms is plenty for clients.
      if (t - lastWrite < 200 && percent < 100) return;
      lastWrite = t;
      await store.progress(job.id, percent, info);
    },
    log: (line) => store.log(job.id, line),
  };
  try {
    const result = await handler(ctx);
    if (controller.signal.aborted) return { outcome: 'cancelled' };
    await store.finish(job.id, 'completed', { result });
    await events.emit('job.updated', { id: job.id, name: job.name, status: 'completed' });
    return { outcome: 'completed' };
  } catch (e) {
    if (controller.signal.aborted) return { outcome: 'cancelled' };
    const err = e instanceof Error ? e : new Error(String(e));
    log.warn({ err, job: job.id, name: job.name, attempt }, 'job attempt failed');
    await store.log(job.id, `attempt ${attempt} failed: ${err.message}`).catch(() => {});
    return { outcome: 'failed', error: err };
  }
}

export function createMemoryQueue(deps: {
  db: Db;
  events: EventBus;
  log: Logger;
  concurrency?: number;
}): JobQueue {
  const store = jobStore(deps.db);
  const handlers = new Map<string, JobHandler>();
  const waiting = new Map<string, JobInfo[]>();
  const active = new Map<string, number>();
  const controllers = new Map<string, AbortController>();
  const concurrency = deps.concurrency ?? 1;
  let started = false;
  let closed = false;
  const running = new Set<Promise<void>>();

  const pump = (name: string) => {
    if (!started || closed) return;
    const handler = handlers.get(name);
    const q = waiting.get(name);
    if (!handler || !q) return;
    while ((active.get(name) ?? 0) < concurrency && q.length) {
      const job = q.shift()!;
      active.set(name, (active.get(name) ?? 0) + 1);
      const p = runJob(handler, job).finally(() => {
        active.set(name, (active.get(name) ?? 1) - 1);
        running.delete(p);
        pump(name);
      });
      running.add(p);
    }
  };

  const runJob = async (handler: JobHandler, job: JobInfo) => {
    let attempt = job.attempts;
    for (;;) {
      attempt++;
      const controller = new AbortController();
      controllers.set(job.id, controller);
      const r = await runAttempt(store, deps.events, deps.log, handler, job, attempt, controller).finally(
        () => controllers.delete(job.id),
      );
      if (r.outcome !== 'failed') return;
      if (attempt < job.max_attempts && !closed) {
        await store.finish(job.id, 'pending', { error: r.error!.message });
        continue;
      }
      await store.finish(job.id, 'failed', { error: r.error!.message });
      await deps.events.emit('job.updated', { id: job.id, name: job.name, status: 'failed' });
      return;
    }
  };

  const schedule = (job: JobInfo) => {
    const q = waiting.get(job.name) ?? [];
    q.push(job);
    waiting.set(job.name, q);
    pump(job.name);
  };

  return {
    backend: 'memory',
    register(name, handler) {
      handlers.set(name, handler as JobHandler);
      pump(name);
    },
    async enqueue(name, data, opts = {}) {
      const job = await store.insert(name, data, 'memory', opts);
      schedule(job);
      return job;
    },
    get: (id) => store.get(id),
    list: (filter = {}) => store.list(filter),
    async cancel(id) {
      const cancelled = await store.cancel(id);
      controllers.get(id)?.abort();
      for (const q of waiting.values()) {
        const i = q.findIndex((j) => j.id === id);
        if (i >= 0) q.splice(i, 1);
      }
      if (cancelled) await deps.events.emit('job.updated', { id, name: cancelled.name, status: 'cancelled' });
      return cancelled ?? (await store.get(id));
    },
    waitFor: (id, timeoutMs) => waitForJob(store, id, timeoutMs),
    async start() {
      if (started) return;
      started = true;
      // Jobs of a previous process that stopped (or was killed) are resumed or failed, never lost.
      for (const job of await store.unfinished('memory')) {
        if (job.status === 'running') {
          if (job.attempts >= job.max_attempts) {
            await store.finish(job.id, 'failed', {
              error: 'the process running this job stopped before it finished',
            });
            continue;
          }
          await store.finish(job.id, 'pending', { error: 'interrupted by a restart; retrying' });
          job.status = 'pending';
        }
        schedule(job);
      }
      for (const name of waiting.keys()) pump(name);
    },
    async close() {
      closed = true;
      for (const c of controllers.values()) c.abort();
      await Promise.allSettled([...running]);
    },
  };
}

async function waitForJob(store: Store, id: string, timeoutMs = 120_000): Promise<JobInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await store.get(id);
    if (!job) throw new Error(`job ${id} not found`);
    if (TERMINAL.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const QUEUE_NAME = 'mlsec-jobs';

/**
 * BullMQ backend. BullMQ gives delivery across processes, retries with backoff, and stalled-job
 * recovery (a crashed worker's job is picked up again after its lock expires, then failed once
 * `maxStalledCount` is exceeded; the QueueEvents listener records that failure in the DB).
 */
export async function createBullQueue(deps: {
  db: Db;
  events: EventBus;
  log: Logger;
  redis: Redis;
  concurrency?: number;
  prefix?: string;
}): Promise<JobQueue> {
  const prefix = deps.prefix ?? 'mlsec';
  const { Queue, Worker, QueueEvents } = await import('bullmq');
  const store = jobStore(deps.db);
  const connection = deps.redis.duplicate({ maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAME, { connection, prefix });
  const queueEvents = new QueueEvents(QUEUE_NAME, {
    connection: deps.redis.duplicate({ maxRetriesPerRequest: null }),
    prefix,
  });
  queueEvents.on('failed', async ({ jobId, failedReason }) => {
    const job = await store.get(jobId).catch(() => undefined);
    if (job && job.status === 'running') {
      await store.finish(jobId, 'failed', { error: failedReason || 'worker failed' }).catch(() => {});
    } else if (job && job.status === 'pending') {
      // stalled too often while pending-for-retry: make it terminal
      await store.start(jobId, job.attempts).catch(() => {});
      await store.finish(jobId, 'failed', { error: failedReason || 'worker failed' }).catch(() => {});
    }
  });
  const handlers = new Map<string, JobHandler>();
  const controllers = new Map<string, AbortController>();
  const unsubscribeCancel = deps.events.on('job.cancel', ({ id }: { id: string }) =>
    controllers.get(id)?.abort(),
  );
  let worker: { close(): Promise<void>; on(ev: 'error', fn: (err: Error) => void): unknown } | undefined;

  return {
    backend: 'bullmq',
    register(name, handler) {
      handlers.set(name, handler as JobHandler);
    },
    async enqueue(name, data, opts = {}) {
      const job = await store.insert(name, data, 'bullmq', opts);
      await queue.add(
        name,
        { id: job.id },
        {
          jobId: job.id,
          attempts: opts.maxAttempts ?? 1,
          backoff: { type: 'exponential', delay: 1000 },
          priority: opts.priority ? Math.max(1, 1000 - opts.priority) : undefined,
          removeOnComplete: 1000,
          removeOnFail: 5000,
        },
      );
      return job;
    },
    get: (id) => store.get(id),
    list: (filter = {}) => store.list(filter),
    async cancel(id) {
      const cancelled = await store.cancel(id);
      if (cancelled) {
        const bull = await queue.getJob(id);
        await bull?.remove().catch(() => {}); // fails if a worker holds it; that worker is told below
        await deps.events.emit('job.cancel', { id });
        await deps.events.emit('job.updated', { id, name: cancelled.name, status: 'cancelled' });
      }
      return cancelled ?? (await store.get(id));
    },
    waitFor: (id, timeoutMs) => waitForJob(store, id, timeoutMs),
    async start() {
      if (worker || handlers.size === 0) return;
      const w = new Worker(
        QUEUE_NAME,
        async (bull: import('bullmq').Job<{ id: string }>) => {
          const handler = handlers.get(bull.name);
          if (!handler) throw new Error(`no handler for job '${bull.name}' in this worker`);
          const job = await store.get(bull.data.id);
          if (!job || TERMINAL.includes(job.status)) return; // cancelled while queued
          const controller = new AbortController();
          controllers.set(job.id, controller);
          try {
            const r = await runAttempt(
              store,
              deps.events,
              deps.log,
              handler,
              job,
              bull.attemptsMade + 1,
              controller,
            );
            if (r.outcome === 'failed') {
              const last = bull.attemptsMade + 1 >= (bull.opts.attempts ?? 1);
              await store.finish(job.id, last ? 'failed' : 'pending', { error: r.error!.message });
              if (last)
                await deps.events.emit('job.updated', { id: job.id, name: job.name, status: 'failed' });
              throw r.error;
            }
          } finally {
            controllers.delete(job.id);
          }
        },
        {
          connection: deps.redis.duplicate({ maxRetriesPerRequest: null }),
          prefix,
          concurrency: deps.concurrency ?? 1,
          lockDuration: 30_000,
          stalledInterval: 15_000,
          maxStalledCount: 1,
        },
      );
      w.on('error', (err) => deps.log.error({ err }, 'bullmq worker error'));
      worker = w;
    },
    async close() {
      unsubscribeCancel();
      for (const c of controllers.values()) c.abort();
      await worker?.close();
      await queue.close();
      await queueEvents.close();
      connection.disconnect();
    },
  };
}
