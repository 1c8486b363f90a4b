import { GATEWAY } from './platform/app.js';
import type { ServiceDefinition } from './platform/http/service.js';
import { modelApiService, modelCacheService, modelServingService } from './detection/index.js';
import { analyticsService } from './analytics/index.js';
import { trainingService } from './training/index.js';
import { redteamService } from './redteam/service.js';

/**
 * The composition root: every service of the platform. Each domain exports its service
 * definition(s); ports are the defaults of ARCHITECTURE.md (MLSEC_PORT_<NAME> overrides).
 */
export const ALL_SERVICES: ServiceDefinition[] = [
  modelApiService,
  analyticsService,
  trainingService,
  modelCacheService,
  redteamService,
  modelServingService,
];

export function defaultPorts(): Record<string, number> {
  return { ...Object.fromEntries(ALL_SERVICES.map((s) => [s.name, s.port])), [GATEWAY.name]: GATEWAY.port };
}

/** Resolve `--services a,b`; throws listing the known names on a typo. */
export function selectServices(names?: string): ServiceDefinition[] {
  if (!names) return ALL_SERVICES;
  const wanted = names
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((n) => !ALL_SERVICES.some((s) => s.name === n));
  if (unknown.length) {
    throw new Error(`Unknown service '${unknown[0]}'. Known: ${ALL_SERVICES.map((s) => s.name).join(', ')}`);
  }
  return ALL_SERVICES.filter((s) => wanted.includes(s.name));
}
