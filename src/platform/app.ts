import { Registry } from 'prom-client';
import type { AppContext } from './context.js';
import { createServer, healthOf, mountService, prometheusText } from './http/server.js';
import type { ServiceApp, ServiceDefinition } from './http/service.js';
import { registerPlatformJobs } from './maintenance.js';

export const GATEWAY = { name: 'gateway', port: 8501 } as const;

export interface BuiltApp {
  /** One Fastify server per service, on the service's own port. */
  services: { def: ServiceDefinition; app: ServiceApp }[];
  /** The one-port gateway: every service under /api/<name>/... */
  gateway?: ServiceApp;
  /** Listen on every port; returns the bound addresses. */
  listen(host?: string): Promise<{ name: string; url: string }[]>;
  /** Stop accepting, let in-flight requests finish, stop background loops. Storage is closed by ctx.close(). */
  close(): Promise<void>;
}

/**
 * Mount `services` (each a Fastify plugin) on their own servers, plus the gateway. Does not
 * start background loops or job handlers: `startServices` does (tests usually skip it).
 */
export async function buildApp(opts: {
  ctx: AppContext;
  services: ServiceDefinition[];
  gateway?: boolean;
}): Promise<BuiltApp> {
  const { ctx, services } = opts;
  const built: BuiltApp['services'] = [];
  for (const def of services) {
    const metrics = new Registry();
    const app = await createServer(ctx, {
      name: def.name,
      title: def.title,
      description: def.description,
      metrics,
    });
    await mountService(app, ctx, def, metrics);
    await app.ready();
    built.push({ def, app });
  }
  let gateway: ServiceApp | undefined;
  if (opts.gateway !== false) {
    const metrics = new Registry();
    gateway = await createServer(ctx, {
      name: GATEWAY.name,
      title: 'mlsec gateway',
      description: 'Every service of the platform on one port, under /api/<service>/...',
      metrics,
    });
    gateway.get('/', { config: { observability: true }, schema: { hide: true } }, async () => ({
      service: GATEWAY.name,
      version: ctx.version,
      status: 'running',
      description: 'mlsec: prompt-injection and jailbreak detection, red team, training and analytics',
      timestamp: new Date().toISOString(),
      uptime_seconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
      services: services.map((s) => ({
        name: s.name,
        path: `/api/${s.name}`,
        port: ctx.config.ports[s.name] ?? s.port,
      })),
    }));
    gateway.get(
      '/health',
      { config: { observability: true }, schema: { hide: true } },
      async (_req, reply) => {
        const all = await Promise.all(services.map((s) => healthOf(ctx, s)));
        const healthy = all.every((h) => h.status === 'healthy');
        return reply.status(healthy ? 200 : 503).send({
          status: healthy ? 'healthy' : 'unhealthy',
          service: GATEWAY.name,
          timestamp: new Date().toISOString(),
          uptime_seconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
          services: Object.fromEntries(all.map((h) => [h.service, h.status])),
        });
      },
    );
    gateway.get(
      '/metrics',
      { config: { observability: true }, schema: { hide: true } },
      async (_req, reply) => {
        const { body, contentType } = await prometheusText(ctx, metrics);
        return reply.type(contentType).send(body);
      },
    );
    for (const def of services) await mountService(gateway, ctx, def, metrics, `/api/${def.name}`);
    await gateway.ready();
  }

  return {
    services: built,
    gateway,
    async listen(host = ctx.config.host) {
      const out: { name: string; url: string }[] = [];
      for (const { def, app } of built) {
        const port = ctx.config.ports[def.name] ?? def.port;
        await app.listen({ host, port });
        out.push({ name: def.name, url: `http://${host}:${port}` });
      }
      if (gateway) {
        const port = ctx.config.ports[GATEWAY.name] ?? GATEWAY.port;
        await gateway.listen({ host, port });
        out.push({ name: GATEWAY.name, url: `http://${host}:${port}` });
      }
      return out;
    },
    async close() {
      await Promise.all([...built.map((b) => b.app.close()), gateway?.close()]);
    },
  };
}

/** Register job handlers and start background loops of `services`, then the queue. */
export async function startServices(
  ctx: AppContext,
  services: ServiceDefinition[],
  opts: { workers?: boolean } = {},
) {
  if (opts.workers !== false) {
    registerPlatformJobs(ctx);
    for (const s of services) s.workers?.(ctx);
  }
  for (const s of services) await s.start?.(ctx);
  if (opts.workers !== false) await ctx.queue.start();
}

export async function stopServices(ctx: AppContext, services: ServiceDefinition[]) {
  for (const s of [...services].reverse())
    await Promise.resolve(s.stop?.(ctx)).catch((err) =>
      ctx.log.warn({ err, service: s.name }, 'stop failed'),
    );
}
