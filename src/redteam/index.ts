/**
 * Public API of the red-team domain. Other domains import only from here.
 */
export { generateAttacks, generateBenign, resolveCategories, resolveStrategies, MAX_GENERATE } from './generate.js';
export type { GenerateAttacksOptions, GenerateBenignOptions } from './generate.js';
export { strategies, strategyRegistry } from './strategies/index.js';
export { categoryGenerators, categoryRegistry, BENIGN_KINDS } from './generators/index.js';
export { mulberry32, hashSeed } from './rng.js';
export type { Attack, AttackCategory, BenignSample, Strategy } from './types.js';
