import { defineErrors } from '../platform/error-def.js';

/** This domain's entries in the error catalogue (`src/platform/errors.ts` merges them). */
export const errors = defineErrors({});
