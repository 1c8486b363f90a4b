import { createRegistry } from '../../platform/registry.js';
import { codeInjection } from './code-injection.js';
import { jailbreak } from './jailbreak.js';
import { promptInjection } from './prompt-injection.js';
import { systemExtraction } from './system-extraction.js';
import type { CategoryGenerator } from './types.js';

/** One generator per attack label of `src/ml/labels.ts`. Add a category: one file, one line. */
export const categoryGenerators: CategoryGenerator[] = [promptInjection, jailbreak, systemExtraction, codeInjection];

export const categoryRegistry = createRegistry('attack category', categoryGenerators);

export { benignSample, BENIGN_KINDS } from './benign.js';
export type { CategoryGenerator, Technique, Generated } from './types.js';
