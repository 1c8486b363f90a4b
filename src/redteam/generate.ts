import { appError } from '../platform/errors.js';
import { benignSample, BENIGN_KINDS, categoryRegistry } from './generators/index.js';
import { hashSeed, mulberry32, pick, type Rng } from './rng.js';
import { strategyRegistry } from './strategies/index.js';
import { stylize } from './generators/style.js';
import type { Attack, AttackCategory, BenignSample } from './types.js';

export const MAX_GENERATE = 100_000;

export interface GenerateAttacksOptions {
  /** Attack categories to draw from (default: all), round-robin so each gets an equal share. */
  readonly categories?: readonly string[];
  readonly count: number;
  readonly seed: number;
  /**
   * Strategy ids. Each attack gets exactly one of them, cycled so every (category, strategy)
   * pair gets an equal share; `none` leaves the attack plain. Omitted: no strategy.
   */
  readonly strategies?: readonly string[];
  /** Per-strategy configuration overrides, keyed by strategy id. */
  readonly strategyConfig?: Readonly<Record<string, Record<string, unknown>>>;
}

function checkCount(count: unknown): asserts count is number {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_GENERATE) {
    throw appError('REDTEAM_BAD_COUNT', { count, max: MAX_GENERATE });
  }
}

/** Throws a 404 catalogue error listing the known categories when one is unknown. */
export function resolveCategories(categories?: readonly string[]): AttackCategory[] {
  const list = categories && categories.length ? categories : categoryRegistry.ids;
  for (const c of list) if (!categoryRegistry.has(c)) throw appError('REDTEAM_UNKNOWN_CATEGORY', { category: c, known: categoryRegistry.ids });
  return [...new Set(list)] as AttackCategory[];
}

/** Throws a 404 catalogue error listing the known strategies when one is unknown. */
export function resolveStrategies(strategies?: readonly string[]): string[] {
  const list = strategies ?? [];
  for (const s of list) if (!strategyRegistry.has(s)) throw appError('REDTEAM_UNKNOWN_STRATEGY', { strategy: s, known: strategyRegistry.ids });
  return [...new Set(list)];
}

/** One base attack of `category`, fully determined by `rng`. */
export function generateOne(category: AttackCategory, rng: Rng, seed: number, id: string): Attack {
  const gen = categoryRegistry.get(category)!;
  const total = gen.techniques.reduce((s, t) => s + t.weight, 0);
  let r = rng() * total;
  let tech = gen.techniques[gen.techniques.length - 1];
  for (const t of gen.techniques) {
    r -= t.weight;
    if (r < 0) {
      tech = t;
      break;
    }
  }
  const g = tech.generate(rng);
  const text = g.lang ? g.text : stylize(g.text, rng);
  return { id, text, category, technique: tech.id, goal: g.goal, ...(g.marker && text.includes(g.marker) ? { marker: g.marker } : {}), strategies: [], seed, ...(g.lang ? { lang: g.lang } : {}) };
}

/**
 * Generates `count` attacks, reproducibly: the same options always give the same attacks, and
 * attack i does not depend on `count` (each item has its own seed derived from the run seed).
 * Throws catalogue errors (404 unknown category/strategy, 400 bad count); otherwise never fails.
 */
export function generateAttacks(opts: GenerateAttacksOptions): Attack[] {
  checkCount(opts.count);
  const cats = resolveCategories(opts.categories);
  const strats = resolveStrategies(opts.strategies);
  const out: Attack[] = [];
  for (let i = 0; i < opts.count; i++) {
    const category = cats[i % cats.length];
    const itemSeed = hashSeed(opts.seed, category, i);
    const rng = mulberry32(itemSeed);
    const id = `atk-${(opts.seed >>> 0).toString(36)}-${i}`;
    let attack = generateOne(category, rng, itemSeed, id);
    if (strats.length) {
      const sid = strats[Math.floor(i / cats.length) % strats.length];
      const strategy = strategyRegistry.get(sid)!;
      attack = strategy.transform(attack, opts.strategyConfig?.[sid] ?? {}, rng);
    }
    out.push(attack);
  }
  return out;
}

export interface GenerateBenignOptions {
  readonly count: number;
  readonly seed: number;
  /** Restrict to these kinds (default: all, weighted). */
  readonly kinds?: readonly string[];
}

/** Generates `count` benign look-alikes, reproducibly. Throws 400 on a bad count. */
export function generateBenign(opts: GenerateBenignOptions): BenignSample[] {
  checkCount(opts.count);
  const kinds = opts.kinds?.length ? opts.kinds : undefined;
  if (kinds) for (const k of kinds) if (!BENIGN_KINDS.includes(k)) throw new Error(`unknown benign kind '${k}'. Known: ${BENIGN_KINDS.join(', ')}`);
  const out: BenignSample[] = [];
  for (let i = 0; i < opts.count; i++) {
    const itemSeed = hashSeed(opts.seed, 'benign', i);
    const rng = mulberry32(itemSeed);
    const s = benignSample(rng, kinds ? pick(rng, kinds) : undefined);
    const text = s.kind === 'multilingual' ? s.text : stylize(s.text, rng);
    out.push({ id: `ben-${(opts.seed >>> 0).toString(36)}-${i}`, text, kind: s.kind, seed: itemSeed });
  }
  return out;
}
