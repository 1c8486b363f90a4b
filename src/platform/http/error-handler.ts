import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, appError } from '../errors.js';

/** The common error body of platform-overview.md, plus details and the request id. */
export function errorBody(err: AppError, requestId?: string) {
  return {
    status: 'error' as const,
    error: err.message,
    code: err.code,
    timestamp: new Date().toISOString(),
    ...(err.details !== undefined ? { details: err.details } : {}),
    ...(requestId ? { request_id: requestId } : {}),
  };
}

/**
 * PostgreSQL "data exception" errors (SQLSTATE class 22: a NUL character in text, a number
 * out of range, text that is not valid for its type) are caused by the values a client sent,
 * so they are 400s. Drizzle wraps driver errors; the SQLSTATE is on the cause.
 */
function postgresDataError(err: unknown): { code: string; message: string } | undefined {
  for (
    let e = err as { code?: unknown; message?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code))
      return { code: e.code, message: e.message ?? '' };
  }
  return undefined;
}

/** Map anything thrown in a route to a catalogue error: client mistakes are 4xx, never 5xx. */
export function toAppError(err: unknown, bodyLimit: number): AppError {
  if (err instanceof AppError) return err;
  const pgData = postgresDataError(err);
  if (pgData)
    return appError('VALIDATION_FAILED', {
      detail: `a value cannot be stored or compared (${pgData.message})`,
    });
  const e = err as FastifyError & {
    validation?: { instancePath?: string; message?: string; params?: any }[];
    validationContext?: string;
  };
  if (e.validation) {
    const where = e.validationContext ?? 'body';
    const first = e.validation[0];
    const missing = first?.params?.missingProperty;
    const field = missing
      ? `${where}${first.instancePath ? first.instancePath.replace(/\//g, '.') : ''}.${missing}`
      : `${where}${first?.instancePath ? first.instancePath.replace(/\//g, '.') : ''}`;
    const detail = missing ? `${field} is required` : `${field} ${first?.message ?? 'is invalid'}`;
    const allowed = first?.params?.allowedValues;
    return appError('VALIDATION_FAILED', {
      detail: allowed ? `${detail} (allowed: ${allowed.join(', ')})` : detail,
      field,
      errors: e.validation.map((v) => ({ path: v.instancePath, message: v.message, params: v.params })),
    } as any);
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return appError('MALFORMED_JSON', { detail: e.message });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return appError('PAYLOAD_TOO_LARGE', { limit: bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return appError('UNSUPPORTED_MEDIA_TYPE', {
        type: String((e as any).message?.split("'")[1] ?? 'unknown'),
      });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return appError('VALIDATION_FAILED', { detail: 'Content-Length does not match the body' });
  }
  if (err instanceof SyntaxError || e.statusCode === 400) {
    return appError('VALIDATION_FAILED', { detail: e.message });
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(e.code ?? 'BAD_REQUEST', e.statusCode, e.message);
  }
  return appError('INTERNAL');
}

export function installErrorHandling(app: FastifyInstance, bodyLimit: number) {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const appErr = toAppError(err, bodyLimit);
    if (appErr.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: appErr.code, status: appErr.status }, appErr.message);
    return reply.status(appErr.status).send(errorBody(appErr, req.id));
  });
  app.setNotFoundHandler((req, reply) => {
    const e = appError('NOT_FOUND', { method: req.method, url: req.url.split('?')[0] });
    return reply.status(404).send(errorBody(e, req.id));
  });
}
