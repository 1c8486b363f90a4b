import { defineErrors } from '../platform/error-def.js';

/** This domain's entries in the error catalogue (`src/platform/errors.ts` merges them). */
export const errors = defineErrors({
  DETECTION_EMPTY_TEXT: {
    status: 400,
    message: (p: { field: string }) =>
      `'${p.field}' must be a non-empty string. Send the text to scan as a JSON string.`,
  },
  DETECTION_TEXT_TOO_LONG: {
    status: 413,
    message: (p: { chars: number; limit: number }) =>
      `Text has ${p.chars} characters; the limit is ${p.limit}. Split it, or raise MLSEC_MAX_TEXT_CHARS.`,
  },
  DETECTION_UNKNOWN_MODEL: {
    status: 404,
    message: (p: { name: string; known: string[] }) =>
      `Unknown model '${p.name}'. Known: ${p.known.join(', ')}.`,
  },
  DETECTION_MODEL_FAILED: {
    status: 503,
    message: (p: { name: string; error: string }) =>
      `Model '${p.name}' failed to load: ${p.error}. Fix its files and POST /models/${p.name}/load, or use other models.`,
  },
  DETECTION_NO_MODELS: {
    status: 503,
    message: (p: { failed: string[] }) =>
      `No detection model is available (failed: ${p.failed.join(', ') || 'none loaded'}). See GET /models.`,
  },
  DETECTION_BATCH_TOO_LARGE: {
    status: 413,
    message: (p: { items: number; limit: number }) =>
      `Batch has ${p.items} texts; the limit is ${p.limit}. Send smaller batches.`,
  },
  DETECTION_BAD_INFER_REQUEST: {
    status: 400,
    message: (p: { reason: string }) =>
      `Invalid inference request: ${p.reason}. Send inputs [{ name: "text", datatype: "BYTES", shape: [n], data: [...] }].`,
  },
});
