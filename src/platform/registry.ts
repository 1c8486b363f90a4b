/**
 * A registry of pluggable units (detectors, strategies, drift tests, recognizers, channels...).
 * Each unit is one file exporting one object with a unique `id`; a domain lists them in a plain
 * `index.ts` array and builds its registry from it. Building fails at start-up on an empty or
 * duplicate id, so a typo can never silently shadow another unit.
 */
export interface Unit {
  readonly id: string;
  readonly title?: string;
}

export interface Registry<U extends Unit> {
  readonly kind: string;
  readonly ids: readonly string[];
  readonly all: readonly U[];
  has(id: string): boolean;
  /** Returns the unit or undefined; use `require` where an unknown id is a client error. */
  get(id: string): U | undefined;
}

export function createRegistry<U extends Unit>(kind: string, units: readonly U[]): Registry<U> {
  const byId = new Map<string, U>();
  for (const unit of units) {
    if (typeof unit.id !== 'string' || unit.id.trim() === '') {
      throw new Error(`${kind} registry: a unit has an empty id (${unit.title ?? 'untitled'})`);
    }
    if (byId.has(unit.id)) throw new Error(`${kind} registry: duplicate id '${unit.id}'`);
    byId.set(unit.id, unit);
  }
  const ids = Object.freeze([...byId.keys()]);
  return {
    kind,
    ids,
    all: Object.freeze([...byId.values()]),
    has: (id) => byId.has(id),
    get: (id) => byId.get(id),
  };
}
