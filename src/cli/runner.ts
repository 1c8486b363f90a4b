import { loadConfig, ConfigError, type Config } from '../platform/config.js';
import { createContext, createLogger, type AppContext } from '../platform/context.js';
import type { ServiceDefinition } from '../platform/http/service.js';
import { startServices, stopServices } from '../platform/app.js';
import { AppError } from '../platform/errors.js';
import { ALL_SERVICES, defaultPorts } from '../services.js';

export type CliRunner = <T>(
  fn: (ctx: AppContext) => Promise<T>,
  opts?: { services?: ServiceDefinition[] },
) => Promise<T>;

export function readConfig(): Config {
  return loadConfig(process.env, defaultPorts());
}

/** Print a one-line, human error and set the exit code (no stack traces for expected failures). */
export function reportCliError(e: unknown): void {
  if (e instanceof ConfigError) console.error(e.message);
  else if (e instanceof AppError) console.error(`error: ${e.message}`);
  else console.error(`error: ${(e as Error)?.message ?? String(e)}`);
  if (process.env.MLSEC_DEBUG) console.error(e);
  process.exitCode = process.exitCode || 1;
}

/** Run a CLI action inside a context (migrations applied; given services' workers running). */
export const runWithContext: CliRunner = async (fn, opts = {}) => {
  const config = readConfig();
  // CLI commands print their own output; keep the JSON logs quiet unless asked for.
  const log = createLogger({ logLevel: process.env.LOG_LEVEL ? config.logLevel : 'warn' }, process.stderr);
  const ctx = await createContext({ config, log });
  const services = opts.services ?? [];
  try {
    await startServices(ctx, services, { workers: !config.redisUrl || services.length > 0 });
    return await fn(ctx);
  } finally {
    await stopServices(ctx, services);
    await ctx.close();
  }
};

export { ALL_SERVICES };
