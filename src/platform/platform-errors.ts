import { defineErrors } from './error-def.js';

export const errors = defineErrors({
  VALIDATION_FAILED: {
    status: 400,
    message: (p: { detail: string }) => `Invalid request: ${p.detail}`,
  },
  MALFORMED_JSON: {
    status: 400,
    message: (p: { detail: string }) => `Request body is not valid JSON: ${p.detail}`,
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: (p: { type: string }) => `Unsupported Content-Type '${p.type}'. Send application/json.`,
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: (p: { limit: number; what?: string }) =>
      `${p.what ?? 'Request body'} is too large: the limit is ${p.limit} ${p.what ? '' : 'bytes'}`.trim(),
  },
  NOT_FOUND: {
    status: 404,
    message: (p: { method: string; url: string }) => `No route ${p.method} ${p.url}. See /docs for the API.`,
  },
  RESOURCE_NOT_FOUND: {
    status: 404,
    message: (p: { kind: string; id: string }) => `${p.kind} '${p.id}' not found`,
  },
  AUTH_REQUIRED: {
    status: 401,
    message: () => 'Authentication required: send Authorization: Bearer <token> (POST /api/auth/login).',
  },
  AUTH_INVALID_TOKEN: {
    status: 401,
    message: (p: { reason: string }) => `Invalid or expired token: ${p.reason}`,
  },
  AUTH_BAD_CREDENTIALS: {
    status: 401,
    message: () => 'Wrong email or password',
  },
  AUTH_FORBIDDEN: {
    status: 403,
    message: (p: { role: string; needed: string }) =>
      `Your role '${p.role}' cannot do this; it needs '${p.needed}'.`,
  },
  RATE_LIMITED: {
    status: 429,
    message: (p: { retryAfter: string }) => `Too many requests; retry after ${p.retryAfter}.`,
  },
  CONFLICT: {
    status: 409,
    message: (p: { detail: string }) => p.detail,
  },
  JOB_NOT_FOUND: {
    status: 404,
    message: (p: { id: string }) => `Job '${p.id}' not found`,
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    message: (p: { detail: string }) => `Service unavailable: ${p.detail}`,
  },
  INTERNAL: {
    status: 500,
    message: () => 'Internal error; the request id in the logs has the details.',
  },
});
