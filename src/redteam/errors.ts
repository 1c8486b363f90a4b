import { defineErrors } from '../platform/error-def.js';

/** This domain's entries in the error catalogue (`src/platform/errors.ts` merges them). */
export const errors = defineErrors({
  REDTEAM_UNKNOWN_CATEGORY: {
    status: 404,
    message: (p: { category: string; known: readonly string[] }) => `Unknown attack category '${p.category}'. Known: ${p.known.join(', ')}.`,
  },
  REDTEAM_UNKNOWN_STRATEGY: {
    status: 404,
    message: (p: { strategy: string; known: readonly string[] }) => `Unknown strategy '${p.strategy}'. Known: ${p.known.join(', ')}.`,
  },
  REDTEAM_BAD_COUNT: {
    status: 400,
    message: (p: { count: unknown; max: number }) => `count must be an integer between 1 and ${p.max} (got ${String(p.count)}).`,
  },
  REDTEAM_BAD_STRATEGY_CONFIG: {
    status: 400,
    message: (p: { strategy: string; reason: string }) => `Invalid configuration for strategy '${p.strategy}': ${p.reason}.`,
  },
  REDTEAM_BAD_TARGET: {
    status: 400,
    message: (p: { target: string; reason: string }) => `Invalid target '${p.target}': ${p.reason}. Use 'model:<name>', 'ensemble', or an http(s) URL of an OpenAI-compatible chat completions endpoint.`,
  },
  REDTEAM_TARGET_UNAVAILABLE: {
    status: 409,
    message: (p: { target: string; reason: string }) => `Target '${p.target}' is not available: ${p.reason}.`,
  },
  REDTEAM_CAMPAIGN_NOT_FOUND: {
    status: 404,
    message: (p: { id: string }) => `No campaign with id '${p.id}'. List campaigns with GET /campaigns.`,
  },
  REDTEAM_SCHEDULE_NOT_FOUND: {
    status: 404,
    message: (p: { id: string }) => `No schedule with id '${p.id}'. List schedules with GET /schedules.`,
  },
});
