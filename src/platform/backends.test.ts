import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './testing.js';
import { createFsArtifactStore, ArtifactError, sha256 } from './artifacts.js';
import { createMemoryCache } from './cache.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Runs on whatever backends the environment selects: in-process + PGlite by default, BullMQ +
// Redis + PostgreSQL when TEST_REDIS_URL / TEST_DATABASE_URL are set, S3 when TEST_S3_ENDPOINT is.
let t: TestApp;
beforeAll(async () => {
  const env: Record<string, string> = {};
  if (process.env.TEST_S3_ENDPOINT) {
    env.S3_ENDPOINT = process.env.TEST_S3_ENDPOINT;
    env.S3_BUCKET = `mlsec-test-${Date.now()}`;
    env.AWS_ACCESS_KEY_ID = process.env.TEST_S3_ACCESS_KEY ?? 'S3RVER';
    env.AWS_SECRET_ACCESS_KEY = process.env.TEST_S3_SECRET_KEY ?? 'S3RVER';
  }
  t = await buildTestApp({ services: [], env, gateway: false });
});
afterAll(async () => t?.close());

describe(`job queue (${process.env.TEST_REDIS_URL ? 'bullmq' : 'memory'})`, () => {
  it('runs a job with progress and logs, and records the result', async () => {
    t.ctx.queue.register('test.square', async (job) => {
      await job.progress(50, { step: 'half' });
      await job.log('computing');
      return { value: job.data.n * job.data.n };
    });
    await t.ctx.queue.start();
    const job = await t.ctx.queue.enqueue('test.square', { n: 7 }, { createdBy: 'tester' });
    expect(job.status).toBe('pending');
    const done = await t.ctx.queue.waitFor(job.id, 30_000);
    expect(done.status).toBe('completed');
    expect(done.result).toEqual({ value: 49 });
    expect(done.progress).toBe(100);
    expect(done.logs.some((l) => l.endsWith('computing'))).toBe(true);
    expect(done.created_by).toBe('tester');
    if (t.ctx.redis) {
      // the queue lives under this install's prefix, so installs (and test apps) sharing a Redis never take each other's jobs
      expect(await t.ctx.redis.exists(`${t.ctx.config.redisPrefix}:mlsec-jobs:meta`)).toBe(1);
      expect(t.ctx.config.redisPrefix).not.toBe('mlsec');
    }
    const { jobs, total } = await t.ctx.queue.list({ name: 'test.square' });
    expect(total).toBeGreaterThanOrEqual(1);
    expect(jobs[0].id).toBe(job.id);
  });

  it('retries a failing job up to maxAttempts, then keeps the error and logs', async () => {
    let calls = 0;
    t.ctx.queue.register('test.flaky', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    await t.ctx.queue.start();
    const job = await t.ctx.queue.enqueue('test.flaky', {}, { maxAttempts: 2 });
    const done = await t.ctx.queue.waitFor(job.id, 30_000);
    expect(done.status).toBe('failed');
    expect(done.error).toBe('boom 2');
    expect(done.attempts).toBe(2);
    expect(done.logs.filter((l) => l.includes('failed')).length).toBe(2);
  });

  it('cancels a running job through its abort signal', async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    t.ctx.queue.register('test.slow', async (job) => {
      started();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, 20_000);
        job.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      });
      return 'finished';
    });
    await t.ctx.queue.start();
    const job = await t.ctx.queue.enqueue('test.slow', {});
    await running;
    const c = await t.ctx.queue.cancel(job.id);
    expect(c?.status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.ctx.queue.get(job.id))?.status).toBe('cancelled');
    expect(await t.ctx.queue.cancel('no-such-job')).toBeUndefined();
  });
});

describe('events', () => {
  it('delivers emitted events to subscribers', async () => {
    const got = new Promise((resolve) => t.ctx.events.on('test.topic', resolve));
    await t.ctx.events.emit('test.topic', { a: 1 });
    expect(await got).toEqual({ a: 1 });
  });
});

describe('cache', () => {
  it('stores JSON values with TTL and counts hits and misses', async () => {
    const c = t.ctx.cache;
    await c.set('test:k', { x: [1, 2] }, 60_000);
    expect(await c.get('test:k')).toEqual({ x: [1, 2] });
    expect(await c.get('test:missing')).toBeUndefined();
    await c.set('test:short', 1, 50);
    await new Promise((r) => setTimeout(r, 120));
    expect(await c.get('test:short')).toBeUndefined();
    expect(await c.clear('test:')).toBeGreaterThanOrEqual(1);
    expect(await c.get('test:k')).toBeUndefined();
    const s = c.stats();
    expect(s.hits).toBeGreaterThanOrEqual(1);
    expect(s.misses).toBeGreaterThanOrEqual(2);
  });
  it('evicts the least recently used entry past its size', async () => {
    const c = createMemoryCache({ maxEntries: 2 });
    await c.set('a', 1);
    await c.set('b', 2);
    await c.get('a');
    await c.set('c', 3);
    expect(await c.get('b')).toBeUndefined();
    expect(await c.get('a')).toBe(1);
  });
  it('stays under its byte budget however many entries fit the count', async () => {
    const c = createMemoryCache({ maxEntries: 1000, maxBytes: 10_000 });
    for (let i = 0; i < 100; i++) await c.set(`k${i}`, 'x'.repeat(998)); // 1,000 bytes as JSON
    expect(c.stats().entries).toBe(10);
    expect(await c.get('k99')).toBe('x'.repeat(998));
    expect(await c.get('k0')).toBeUndefined();
  });
});

describe(`artifact store (${process.env.TEST_S3_ENDPOINT ? 's3' : 'fs'})`, () => {
  it('stores, verifies and lists artifacts', async () => {
    const a = t.ctx.artifacts;
    const stored = await a.put('models/demo/1.0.0/model.json', '{"w":[1,2,3]}');
    expect(stored.sha256).toBe(sha256('{"w":[1,2,3]}'));
    expect((await a.get(stored.key, stored.sha256)).toString()).toBe('{"w":[1,2,3]}');
    await expect(a.get(stored.key, 'f'.repeat(64))).rejects.toMatchObject({ kind: 'checksum' });
    await expect(a.get('models/none')).rejects.toBeInstanceOf(ArtifactError);
    expect(await a.list('models/demo/')).toEqual(['models/demo/1.0.0/model.json']);
    expect(await a.exists(stored.key)).toBe(true);
    await a.delete(stored.key);
    expect(await a.exists(stored.key)).toBe(false);
    await expect(a.put('../escape', 'x')).rejects.toMatchObject({ kind: 'invalid-key' });
    expect(await a.ping()).toBe(true);
  });
  it('detects a file corrupted on disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'art-'));
    const store = createFsArtifactStore(dir);
    const s = await store.put('x/y.bin', Buffer.from([1, 2, 3]));
    fs.writeFileSync(path.join(dir, 'x/y.bin'), Buffer.from([1, 2, 4]));
    await expect(store.get('x/y.bin', s.sha256)).rejects.toMatchObject({ kind: 'checksum' });
  });
});

describe('database', () => {
  it.skipIf(!!process.env.TEST_DATABASE_URL)(
    'starts embedded PGlite with the configured shared_buffers (memory budget)',
    async () => {
      const { openDatabase } = await import('./db/index.js');
      const db = await openDatabase({ dataDir: ':memory:', pgliteSharedBuffersMb: 24 });
      try {
        const { sql } = await import('drizzle-orm');
        const rows = (await db.db.execute(sql`show shared_buffers`)) as unknown as {
          rows: { shared_buffers: string }[];
        };
        expect(rows.rows[0].shared_buffers).toBe('24MB');
        // PGlite's own start parameters are kept (fsync off is one of them).
        const fsync = (await db.db.execute(sql`show fsync`)) as unknown as { rows: { fsync: string }[] };
        expect(fsync.rows[0].fsync).toBe('off');
      } finally {
        await db.close();
      }
    },
  );
});
