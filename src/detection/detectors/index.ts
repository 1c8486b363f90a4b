import { createRegistry } from '../../platform/registry.js';
import type { Detector } from './types.js';
import { rules } from './rules.js';
import { linear } from './linear.js';
import { embedding } from './embedding.js';
import { transformer } from './transformer.js';

export type { Detector, LoadedDetector, DetectorLoadContext, DetectOptions } from './types.js';

export const detectors: readonly Detector[] = [rules, linear, embedding, transformer];
export const detectorRegistry = createRegistry('detector', detectors);
