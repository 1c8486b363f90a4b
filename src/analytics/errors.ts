import { defineErrors } from '../platform/error-def.js';

/** This domain's entries in the error catalogue (`src/platform/errors.ts` merges them). */
export const errors = defineErrors({
  DRIFT_EMPTY_DATA: {
    status: 400,
    message: (p: { field: string }) => `'${p.field}' is empty: send at least one row (an array of objects).`,
  },
  DRIFT_NO_REFERENCE: {
    status: 400,
    message: () => 'No reference data: send reference_data, or store one first with POST /drift/set-reference.',
  },
  DRIFT_BAD_ROW: {
    status: 400,
    message: (p: { field: string; index: number }) => `${p.field}[${p.index}] is not an object: each row must be a JSON object of column -> value.`,
  },
  DRIFT_UNKNOWN_FEATURE: {
    status: 400,
    message: (p: { feature: string; known: string[] }) =>
      `Unknown feature column '${p.feature}'. Known: ${p.known.slice(0, 40).join(', ') || '(none)'}${p.known.length > 40 ? ', ...' : ''}`,
  },
  DRIFT_MISSING_FEATURE: {
    status: 400,
    message: (p: { feature: string; field: string }) => `Feature column '${p.feature}' has no values in ${p.field}: the two samples must share their columns.`,
  },
  DRIFT_NON_NUMERIC: {
    status: 400,
    message: (p: { feature: string; field: string; index: number; value: string }) =>
      `Column '${p.feature}' is numeric but ${p.field}[${p.index}] has ${p.value}: send numbers (or null for missing) in numeric columns.`,
  },
  DRIFT_NO_FEATURES: {
    status: 400,
    message: () => 'No usable feature columns: rows need numeric, categorical or text columns (or name them in feature_columns).',
  },
  DRIFT_TOO_MANY_ROWS: {
    status: 413,
    message: (p: { field: string; rows: number; limit: number }) =>
      `${p.field} has ${p.rows} rows: the limit is ${p.limit} rows per sample. Sample the data down or raise ANALYTICS_DRIFT_MAX_ROWS.`,
  },
  ANALYTICS_LENGTH_MISMATCH: {
    status: 400,
    message: (p: { a: string; b: string; na: number; nb: number }) => `'${p.a}' has ${p.na} items but '${p.b}' has ${p.nb}: they must be the same length.`,
  },
  ANALYTICS_BAD_VALUE: {
    status: 400,
    message: (p: { field: string; detail: string }) => `Invalid '${p.field}': ${p.detail}`,
  },
  ANALYTICS_UNKNOWN_MODEL: {
    status: 404,
    message: (p: { model: string; known: string[] }) => `Unknown model '${p.model}'. Known: ${p.known.join(', ') || '(none registered)'}`,
  },
  ANALYTICS_UNKNOWN_EVENT: {
    status: 404,
    message: (p: { id: string }) => `Retrain event '${p.id}' not found. List events with GET /auto-retrain/events.`,
  },
  ANALYTICS_EVENT_FINISHED: {
    status: 409,
    message: (p: { id: string; status: string }) => `Retrain event '${p.id}' is already ${p.status} and cannot be cancelled.`,
  },
  ANALYTICS_EMAIL_NOT_CONFIGURED: {
    status: 409,
    message: () => 'Email is not configured: set SMTP_HOST (and SMTP_PORT, SMTP_USER, SMTP_PASSWORD, ALERT_EMAIL_FROM, ALERT_EMAIL_TO).',
  },
  ANALYTICS_EMAIL_FAILED: {
    status: 502,
    message: (p: { detail: string }) => `Sending the email failed: ${p.detail}. Check the SMTP settings.`,
  },
  ANALYTICS_DEPENDENCY_FAILED: {
    status: 502,
    message: (p: { service: string; detail: string }) => `${p.service} call failed: ${p.detail}`,
  },
});
