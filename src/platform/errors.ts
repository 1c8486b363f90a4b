import type { ErrorDef } from './error-def.js';
import { errors as platformErrors } from './platform-errors.js';
import { errors as detectionErrors } from '../detection/errors.js';
import { errors as trainingErrors } from '../training/errors.js';
import { errors as redteamErrors } from '../redteam/errors.js';
import { errors as analyticsErrors } from '../analytics/errors.js';

/**
 * The one error catalogue: every error the API returns has a stable code listed here (each
 * domain declares its own in `src/<domain>/errors.ts`). Rendered by the HTTP layer as
 * `{ status: "error", error, code, timestamp, details? }` with the entry's HTTP status.
 */
export const catalogue = {
  ...platformErrors,
  ...detectionErrors,
  ...trainingErrors,
  ...redteamErrors,
  ...analyticsErrors,
};

type Catalogue = typeof catalogue;
export type ErrorCode = keyof Catalogue;
type ParamsOf<C extends ErrorCode> = Catalogue[C] extends ErrorDef<infer P> ? P : never;

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  constructor(code: string, status: number, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** Build (not throw) the catalogue error `code`; `throw appError('X', {...})` at the call site. */
export function appError<C extends ErrorCode>(
  code: C,
  ...args: unknown extends ParamsOf<C> ? [] | [Record<string, unknown>] : [ParamsOf<C>]
): AppError {
  const def = catalogue[code] as ErrorDef<any>;
  const params = args[0] ?? {};
  return new AppError(code, def.status, def.message(params), Object.keys(params).length ? params : undefined);
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
