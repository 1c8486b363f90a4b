import { randomUUID } from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Counter, Histogram, Registry } from 'prom-client';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { AppContext } from '../context.js';
import { processMetricsRegistry } from '../context.js';
import { appError } from '../errors.js';
import { authenticate, roleAtLeast, type Role } from '../auth/index.js';
import { authRoutes } from '../auth/routes.js';
import { installErrorHandling } from './error-handler.js';
import type { ServiceApp, ServiceDefinition, ServiceHealth } from './service.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Requests slower than this are logged at info (all requests are logged at debug). */
const SLOW_REQUEST_MS = 1000;
const DOCS_ROUTE = /(^|\/)docs(\/|$)/;

// A JSON body keeps its types (a number where a string is due is a 400), while query strings,
// path params and headers are text on the wire and are coerced to their declared types.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajvOptions = { useDefaults: true, removeAdditional: false, allErrors: false, strict: false } as const;
const validators = {
  body: addFormats(new Ajv({ ...ajvOptions, coerceTypes: false })),
  other: addFormats(new Ajv({ ...ajvOptions, coerceTypes: 'array' })),
};

/**
 * A Fastify server with everything the platform puts around every service: JSON logs with a
 * request id, the error catalogue, auth and role checks (default deny), Prometheus HTTP
 * metrics, OpenAPI at /docs, and /api/auth/*.
 */
export async function createServer(
  ctx: AppContext,
  opts: { name: string; title: string; description: string; metrics: Registry },
): Promise<ServiceApp> {
  const app = Fastify({
    loggerInstance: ctx.log.child({ service: opts.name }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: ctx.config.bodyLimit,
    requestTimeout: ctx.config.requestTimeout * 1000,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // Fastify's two info lines per request ("incoming request", "request completed") cost a
    // synchronous write each and dominated a fast /predict. Errors (5xx: error, 4xx: info) are
    // still logged by the error handler, slow requests at info by onResponse below, every
    // request at debug.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider() as unknown as ServiceApp;

  app.decorateRequest('principal', null);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? validators.body : validators.other).compile(schema),
  );
  installErrorHandling(app as any, ctx.config.bodyLimit);

  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: ctx.config.bodyLimit, files: 4 } });
  await app.register(rateLimit, {
    global: false,
    redis: ctx.redis,
    nameSpace: `${ctx.config.redisPrefix}:ratelimit:`,
    errorResponseBuilder: (_req, context) => appError('RATE_LIMITED', { retryAfter: context.after }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: opts.title, description: opts.description, version: ctx.version },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const requests = new Counter({
    name: 'mlsec_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['service', 'method', 'route', 'status'],
    registers: [opts.metrics],
  });
  const latency = new Histogram({
    name: 'mlsec_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['service', 'method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [opts.metrics],
  });

  // PostgreSQL text cannot hold NUL: refuse it in ids and filters up front with a clear 400.
  app.addHook('preValidation', (req, _reply, done) => {
    for (const [part, values] of [
      ['params', req.params],
      ['querystring', req.query],
    ] as const) {
      for (const [k, v] of Object.entries((values ?? {}) as Record<string, unknown>)) {
        if (typeof v === 'string' && v.includes('\u0000')) {
          return done(appError('VALIDATION_FAILED', { detail: `${part}.${k} contains a NUL character` }));
        }
      }
    }
    done();
  });
  app.addHook('onRequest', async (req) => {
    const cfg = req.routeOptions.config ?? {};
    if (!req.routeOptions.url) return; // 404: answered by the not-found handler
    if (cfg.auth === 'public') return;
    const docs = DOCS_ROUTE.test(req.routeOptions.url);
    if ((cfg.observability || docs) && ctx.config.openObservability) return;
    req.principal = await authenticate(ctx, req.headers as any);
    const needed: Role = cfg.role ?? (WRITE_METHODS.has(req.method) ? 'analyst' : 'viewer');
    if (!roleAtLeast(req.principal.role, needed))
      throw appError('AUTH_FORBIDDEN', { role: req.principal.role, needed });
  });
  // Callback-style hooks: an async hook costs a promise and a microtask turn per request.
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id);
    done(null, payload);
  });
  // prom-client hashes the label object on every inc/observe; the children per
  // (method, route, status) are resolved once and reused.
  const series = new Map<
    string,
    { count: ReturnType<typeof requests.labels>; time: ReturnType<typeof latency.labels> }
  >();
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const key = `${req.method} ${status} ${route}`;
    let s = series.get(key);
    if (!s) {
      const labels = { service: opts.name, method: req.method, route, status: String(status) };
      s = { count: requests.labels(labels), time: latency.labels(labels) };
      series.set(key, s);
    }
    const ms = reply.elapsedTime;
    s.count.inc();
    s.time.observe(ms / 1000);
    if (ms >= SLOW_REQUEST_MS) req.log.info({ method: req.method, url: req.url, status, ms }, 'slow request');
    else req.log.debug({ method: req.method, url: req.url, status, ms }, 'request completed');
    done();
  });

  await app.register(authRoutes(ctx), { prefix: '/api/auth' });
  return app;
}

/** Prometheus text: process metrics, the domains' metrics and this server's HTTP metrics. */
export async function prometheusText(ctx: AppContext, metrics: Registry) {
  const merged = Registry.merge([processMetricsRegistry(), ctx.metrics, metrics]);
  return { body: await merged.metrics(), contentType: merged.contentType };
}

/** Health of the shared dependencies, plus the service's own checks. */
export async function healthOf(ctx: AppContext, def: Pick<ServiceDefinition, 'name' | 'health'>) {
  const [database, redis, artifacts] = await Promise.all([
    ctx.database.ping(),
    ctx.redis
      ? Promise.race([
          ctx.redis.ping().then(
            () => true,
            () => false,
          ),
          new Promise<boolean>((r) => setTimeout(() => r(false), 2000)),
        ])
      : Promise.resolve(false),
    ctx.artifacts.ping().catch(() => false),
  ]);
  let own: ServiceHealth = {};
  let ownError: string | undefined;
  try {
    own = (await def.health?.(ctx)) ?? {};
  } catch (e) {
    ownError = (e as Error).message;
  }
  const dependencies: Record<string, boolean> = {
    database,
    redis,
    artifact_store: artifacts,
    ...(own.dependencies ?? {}),
  };
  // Redis counts only when configured: unset means the embedded cache/queue stand in for it.
  const critical = [
    'database',
    'artifact_store',
    ...(ctx.redis ? ['redis'] : []),
    ...(own.critical ?? Object.keys(own.dependencies ?? {})),
  ];
  const healthy = !ownError && critical.every((k) => dependencies[k] !== false);
  const { dependencies: _d, critical: _c, ...extra } = own;
  return {
    status: healthy ? ('healthy' as const) : ('unhealthy' as const),
    service: def.name,
    version: ctx.version,
    timestamp: new Date().toISOString(),
    uptime_seconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
    dependencies,
    storage: {
      database: ctx.database.kind,
      cache: ctx.cache.backend,
      queue: ctx.queue.backend,
      artifacts: ctx.artifacts.backend,
    },
    ...extra,
    ...(ownError ? { error: ownError } : {}),
  };
}

/** Mount a service's routes plus its `/`, `/health` and Prometheus endpoint under `prefix`. */
export async function mountService(
  app: ServiceApp,
  ctx: AppContext,
  def: ServiceDefinition,
  metrics: Registry,
  prefix = '',
) {
  await app.register(
    async (scope) => {
      const s = scope as unknown as ServiceApp;
      s.get('/', { config: { observability: true }, schema: { hide: true } }, async () => ({
        service: def.name,
        version: ctx.version,
        status: 'running',
        description: def.description,
        timestamp: new Date().toISOString(),
        uptime_seconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
        docs: `${prefix}/docs`,
      }));
      s.get('/health', { config: { observability: true }, schema: { hide: true } }, async (_req, reply) => {
        const h = await healthOf(ctx, def);
        return reply.status(h.status === 'healthy' ? 200 : 503).send(h);
      });
      s.get(
        def.prometheusPath ?? '/metrics',
        { config: { observability: true }, schema: { hide: true } },
        async (_req, reply) => {
          const { body, contentType } = await prometheusText(ctx, metrics);
          return reply.type(contentType).send(body);
        },
      );
      if (prefix) {
        // On the gateway: this service's slice of the gateway's OpenAPI document.
        s.get('/docs/json', { config: { observability: true }, schema: { hide: true } }, async () => {
          const doc = (app as any).swagger() as { paths: Record<string, unknown> };
          const paths = Object.fromEntries(
            Object.entries(doc.paths).filter(([p]) => p === prefix || p.startsWith(`${prefix}/`)),
          );
          return { ...doc, info: { ...(doc as any).info, title: def.title }, paths };
        });
      }
      await def.routes(s, ctx);
    },
    { prefix },
  );
}
