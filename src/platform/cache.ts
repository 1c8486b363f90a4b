import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';

/**
 * Key/value cache with TTL. In-process LRU by default; Redis (shared by every process) when
 * REDIS_URL is set. Values must be JSON-serialisable. Misses return undefined; a Redis outage
 * degrades to misses (logged by the caller's health check), never to request errors.
 */
export interface Cache {
  readonly backend: 'memory' | 'redis';
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Delete every key starting with prefix. */
  clear(prefix: string): Promise<number>;
  stats(): CacheStats;
}

export interface CacheStats {
  backend: 'memory' | 'redis';
  hits: number;
  misses: number;
  hit_rate: number;
  entries: number | null;
}

function counters() {
  let hits = 0;
  let misses = 0;
  return {
    hit: () => void hits++,
    miss: () => void misses++,
    read: () => ({ hits, misses, hit_rate: hits + misses ? hits / (hits + misses) : 0 }),
  };
}

export function createMemoryCache(
  opts: { maxEntries?: number; maxBytes?: number; defaultTtlMs?: number } = {},
): Cache {
  // Bounded by bytes as well as entries: values differ a lot in size (a prediction for a long
  // text carries its spans), and 50,000 large ones would take hundreds of MB. Size = the JSON
  // length, what the Redis backend would store. Callers that cache a lot (detection's result
  // cache) store strings they serialised anyway: their size is free.
  const lru = new LRUCache<string, { v: unknown }>({
    max: opts.maxEntries ?? 50_000,
    maxSize: opts.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (e) =>
      Math.max(1, typeof e.v === 'string' ? e.v.length : (JSON.stringify(e.v)?.length ?? 1)),
    ttl: opts.defaultTtlMs ?? 3_600_000,
  });
  const c = counters();
  return {
    backend: 'memory',
    async get<T>(key: string) {
      const e = lru.get(key);
      if (e === undefined) c.miss();
      else c.hit();
      return e?.v as T | undefined;
    },
    async set(key, value, ttlMs) {
      lru.set(key, { v: value }, ttlMs ? { ttl: ttlMs } : undefined);
    },
    async del(key) {
      lru.delete(key);
    },
    async clear(prefix) {
      let n = 0;
      for (const k of [...lru.keys()]) if (k.startsWith(prefix) && lru.delete(k)) n++;
      return n;
    },
    stats: () => ({ backend: 'memory', ...c.read(), entries: lru.size }),
  };
}

export function createRedisCache(
  redis: Redis,
  opts: { namespace?: string; defaultTtlMs?: number } = {},
): Cache {
  const ns = `${opts.namespace ?? 'mlsec'}:cache:`;
  const defaultTtl = opts.defaultTtlMs ?? 3_600_000;
  const c = counters();
  return {
    backend: 'redis',
    async get<T>(key: string) {
      try {
        const raw = await redis.get(ns + key);
        if (raw === null) {
          c.miss();
          return undefined;
        }
        c.hit();
        return JSON.parse(raw) as T;
      } catch {
        c.miss();
        return undefined;
      }
    },
    async set(key, value, ttlMs) {
      await redis.set(ns + key, JSON.stringify(value), 'PX', ttlMs ?? defaultTtl).catch(() => {});
    },
    async del(key) {
      await redis.del(ns + key).catch(() => {});
    },
    async clear(prefix) {
      let n = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${ns}${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) n += await redis.del(...keys);
      } while (cursor !== '0');
      return n;
    },
    stats: () => ({ backend: 'redis', ...c.read(), entries: null }),
  };
}
