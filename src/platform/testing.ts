import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from './config.js';
import { createContext, createLogger, type AppContext } from './context.js';
import { buildApp, startServices, stopServices, type BuiltApp } from './app.js';
import { createUser, issueToken, type Role } from './auth/index.js';
import type { ServiceDefinition } from './http/service.js';

/**
 * A real app for route tests: embedded PGlite in memory with migrations applied, in-process
 * cache and queue. With TEST_DATABASE_URL / TEST_REDIS_URL set (CI's second pass) it runs on
 * a fresh PostgreSQL database and a private Redis prefix instead, dropped on close.
 */
export interface TestApp {
  ctx: AppContext;
  app: BuiltApp;
  /** `inject` into a service's own server (by name), or into the gateway with 'gateway'. */
  inject(service: string, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Bearer header for a user with that role (created on first use). */
  auth(role?: Role): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

export async function buildTestApp(opts: {
  services: ServiceDefinition[];
  env?: Record<string, string>;
  /** Register job handlers and start background loops (default true). */
  start?: boolean;
  gateway?: boolean;
}): Promise<TestApp> {
  const env: Record<string, string | undefined> = {
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...opts.env,
  };
  let dropDatabase: (() => Promise<void>) | undefined;
  if (process.env.TEST_DATABASE_URL && !env.DATABASE_URL) {
    const { url, drop } = await freshDatabase(process.env.TEST_DATABASE_URL);
    env.DATABASE_URL = url;
    dropDatabase = drop;
  }
  if (process.env.TEST_REDIS_URL && !env.REDIS_URL) {
    env.REDIS_URL = process.env.TEST_REDIS_URL;
    env.MLSEC_REDIS_PREFIX = `mlsec-test-${randomBytes(4).toString('hex')}`;
  }
  const ports = Object.fromEntries(opts.services.map((s) => [s.name, s.port]));
  const config: Config = loadConfig(env, ports);
  const ctx = await createContext({ config, log: createLogger(config), memory: !config.databaseUrl });
  const app = await buildApp({ ctx, services: opts.services, gateway: opts.gateway }).catch(async (e) => {
    await ctx.close();
    await dropDatabase?.();
    throw e;
  });
  if (opts.start !== false) await startServices(ctx, opts.services);
  const tokens = new Map<Role, string>();
  return {
    ctx,
    app,
    inject(service, injectOpts) {
      const target =
        service === 'gateway' ? app.gateway : app.services.find((s) => s.def.name === service)?.app;
      if (!target) throw new Error(`no service '${service}' in this test app`);
      return target.inject(injectOpts);
    },
    async auth(role = 'admin') {
      let token = tokens.get(role);
      if (!token) {
        const user = await createUser(ctx, {
          email: `${role}-${randomBytes(3).toString('hex')}@test.local`,
          password: 'test-password-1',
          role,
        });
        token = (await issueToken(ctx, user)).access_token;
        tokens.set(role, token);
      }
      return { authorization: `Bearer ${token}` };
    },
    async close() {
      await stopServices(ctx, opts.services);
      await app.close();
      await ctx.close();
      await dropDatabase?.();
    },
  };
}

async function freshDatabase(adminUrl: string) {
  const { default: pg } = await import('pg');
  const name = `mlsec_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
