import type { Label } from '../ml/labels.js';
import type { Rng } from './rng.js';

export type AttackCategory = Exclude<Label, 'benign'>;

/** One generated attack. `text` is what a detector (or a target LLM) receives. */
export interface Attack {
  readonly id: string;
  readonly text: string;
  readonly category: AttackCategory;
  /** Generator technique, e.g. `instruction_override`, `persona`, `sqli`. */
  readonly technique: string;
  /** What the attacker wants, in words (for reports and success checks on external targets). */
  readonly goal: string;
  /** A string whose appearance in a target's reply shows the attack worked, when one exists. */
  readonly marker?: string;
  /** Strategy ids applied, in order. */
  readonly strategies: readonly string[];
  readonly seed: number;
  /** Language of the base text (ISO 639-1) when not English. */
  readonly lang?: string;
}

/** A benign look-alike (hard negative). */
export interface BenignSample {
  readonly id: string;
  readonly text: string;
  readonly kind: string;
  readonly seed: number;
  readonly lang?: string;
}

/** A strategy unit: one file under `strategies/`, listed in `strategies/index.ts`. */
export interface Strategy<C = Record<string, unknown>> {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly defaults: C;
  /** Pure: returns a new attack with `text` transformed and the id appended to `strategies`. */
  transform(attack: Attack, cfg: Partial<C>, rng: Rng): Attack;
}
