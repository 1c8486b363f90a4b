import { createRegistry } from '../../platform/registry.js';
import { embedding } from './embedding.js';
import { linear } from './linear.js';
import type { Trainer } from './types.js';

/** Every trainer; add a unit = one file + one line here. */
export const trainers: Trainer<any>[] = [linear, embedding];

export const trainerRegistry = createRegistry('trainer', trainers);
export type { Trainer, TrainHooks, TrainInput, TrainOutput, TrainProgress } from './types.js';
