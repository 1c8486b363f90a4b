import fs from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { openDatabase, migrateAll, type Database, type Db } from './db/index.js';
import { createMemoryCache, createRedisCache, type Cache } from './cache.js';
import { createMemoryEventBus, createRedisEventBus, type EventBus } from './events.js';
import { createBullQueue, createMemoryQueue, type JobQueue } from './queue.js';
import { createFsArtifactStore, createS3ArtifactStore, type ArtifactStore } from './artifacts.js';

export interface Clock {
  now(): Date;
}

/**
 * Everything a service needs, passed as a plain argument (no container). Domains keep their
 * own runtime state keyed by the context (e.g. a WeakMap<AppContext, State>), so several
 * apps can live in one process (tests).
 */
export interface AppContext {
  config: Config;
  log: Logger;
  clock: Clock;
  db: Db;
  database: Database;
  cache: Cache;
  queue: JobQueue;
  events: EventBus;
  artifacts: ArtifactStore;
  /** Set when REDIS_URL is configured. */
  redis?: Redis;
  /** Prometheus registry for domain metrics (HTTP metrics are added per service). */
  metrics: Registry;
  version: string;
  startedAt: Date;
  close(): Promise<void>;
}

export const VERSION: string = JSON.parse(
  fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { app: 'mlsec' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.password', '*.password_hash'],
    },
    destination as any,
  );
}

/**
 * Open storage, cache, events, queue and artifact store per `config`, and apply migrations.
 * `memory: true` keeps the embedded database in memory (tests). Throws with the underlying
 * driver's message if a configured server (PostgreSQL, Redis, S3) cannot be reached.
 */
export async function createContext(opts: {
  config: Config;
  log?: Logger;
  memory?: boolean;
  migrate?: boolean;
}): Promise<AppContext> {
  const { config } = opts;
  const log = opts.log ?? createLogger(config);
  if (!opts.memory) fs.mkdirSync(config.dataDir, { recursive: true });
  const closers: (() => Promise<unknown> | void)[] = [];
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: opts.memory ? ':memory:' : config.dataDir,
      log,
      pgliteSharedBuffersMb: config.pgliteSharedBuffersMb,
    });
    closers.push(() => database.close());
    if (opts.migrate !== false) await migrateAll(database, log);

    let redis: Redis | undefined;
    let cache: Cache;
    let events: EventBus;
    let queue: JobQueue;
    if (config.redisUrl) {
      const { Redis } = await import('ioredis');
      redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
      await redis.connect();
      closers.push(() => redis!.disconnect());
      cache = createRedisCache(redis, { namespace: config.redisPrefix });
      events = await createRedisEventBus(redis, log, config.redisPrefix);
      queue = await createBullQueue({
        db: database.db,
        events,
        log,
        redis,
        concurrency: config.workerConcurrency,
        prefix: config.redisPrefix,
      });
    } else {
      cache = createMemoryCache();
      events = createMemoryEventBus(log);
      queue = createMemoryQueue({ db: database.db, events, log, concurrency: config.workerConcurrency });
    }
    closers.push(() => events.close());
    closers.push(() => queue.close());

    const artifacts = config.s3Endpoint
      ? await createS3ArtifactStore({
          endpoint: config.s3Endpoint,
          bucket: config.s3Bucket,
          region: config.s3Region,
          accessKeyId: config.s3AccessKey,
          secretAccessKey: config.s3SecretKey,
          forcePathStyle: config.s3ForcePathStyle,
        })
      : createFsArtifactStore(
          opts.memory
            ? fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'mlsec-artifacts-'))
            : path.join(config.dataDir, 'artifacts'),
        );

    const metrics = new Registry();
    let closed = false;
    const ctx: AppContext = {
      config,
      log,
      clock: { now: () => new Date() },
      db: database.db,
      database,
      cache,
      queue,
      events,
      artifacts,
      redis,
      metrics,
      version: VERSION,
      startedAt: new Date(),
      async close() {
        if (closed) return;
        closed = true;
        // queue first (in-flight jobs stop), then events, then connections
        for (const c of closers.reverse())
          await Promise.resolve(c()).catch((err) => log.warn({ err }, 'close failed'));
      },
    };
    return ctx;
  } catch (e) {
    for (const c of closers.reverse()) await Promise.resolve(c()).catch(() => {});
    throw e;
  }
}

let processMetrics: Registry | undefined;
/** Process-level Prometheus metrics (CPU, memory, event loop), collected once per process. */
export function processMetricsRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics, prefix: 'mlsec_' });
  }
  return processMetrics;
}
