import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.js';
import type { Principal, Role } from '../auth/index.js';

/** The Fastify instance a service's routes are declared on (TypeBox-typed schemas). */
export type ServiceApp = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Extra fields a service adds to its `GET /health`. */
export interface ServiceHealth {
  /** Named checks; any `false` among `critical` (default: all of them) makes the service unhealthy. */
  dependencies?: Record<string, boolean>;
  critical?: string[];
  [extra: string]: unknown;
}

/**
 * One service of the platform: its port and the routes its document gives it. The platform
 * adds `GET /`, `GET /health`, the Prometheus endpoint, `/docs`, `/docs/json` and
 * `/api/auth/*` around it, on its own port and under `/api/<name>` on the gateway.
 */
export interface ServiceDefinition {
  name: string;
  port: number;
  title: string;
  description: string;
  /** Prometheus text endpoint; `/metrics` unless the service's document uses that path. */
  prometheusPath?: string;
  routes(app: ServiceApp, ctx: AppContext): Promise<void> | void;
  health?(ctx: AppContext): Promise<ServiceHealth> | ServiceHealth;
  /** Register job handlers (called in `mlsec start` and `mlsec worker`). */
  workers?(ctx: AppContext): void;
  /** Start/stop background loops (schedulers, model warm-up). */
  start?(ctx: AppContext): Promise<void> | void;
  stop?(ctx: AppContext): Promise<void> | void;
}

/** Per-route options, set as `config: { auth: 'public' }` or `config: { role: 'admin' }`. */
export interface RouteAuthConfig {
  /** 'public': no token needed. */
  auth?: 'public';
  /** Minimum role. Default: viewer for GET/HEAD, analyst for everything else. */
  role?: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig extends RouteAuthConfig {
    /** GET /, /health, Prometheus: open when MLSEC_OPEN_OBSERVABILITY is on. */
    observability?: boolean;
  }
}
