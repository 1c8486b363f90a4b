import type { Strategy } from '../types.js';

/** Identity: the plain attack, the baseline every other strategy is compared with. */
export const none: Strategy = {
  id: 'none',
  title: 'No transformation',
  description: 'The attack as generated; the baseline for per-strategy detection rates.',
  defaults: {},
  transform: (attack) => ({ ...attack, strategies: [...attack.strategies] }),
};
