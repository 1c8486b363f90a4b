import type { Rng } from '../rng.js';
import type { AttackCategory } from '../types.js';

export interface Generated {
  readonly text: string;
  readonly goal: string;
  readonly marker?: string;
  readonly lang?: string;
}

/** One attack technique of a category: composes goal, framing and payload into text. */
export interface Technique {
  readonly id: string;
  readonly weight: number;
  generate(rng: Rng): Generated;
}

export interface CategoryGenerator {
  readonly id: AttackCategory;
  readonly title: string;
  readonly techniques: readonly Technique[];
}
