/**
 * Leaf module (no imports) so every domain's `errors.ts` can declare its codes without an
 * import cycle through the catalogue.
 */
export interface ErrorDef<P = any> {
  /** HTTP status the error renders as. */
  readonly status: number;
  /** Human message: say what is wrong and what to do about it. */
  readonly message: (params: P) => string;
}

export function defineErrors<T extends Record<string, ErrorDef<any>>>(defs: T): T {
  return defs;
}
