import { createRegistry } from '../../../platform/registry.js';
import type { DriftTest } from '../types.js';
import { ks } from './ks.js';
import { psi } from './psi.js';
import { chi2 } from './chi2.js';
import { embeddingMmd } from './embedding-mmd.js';

/** Every drift test; add a unit by writing `tests/<id>.ts` and listing it here. */
export const driftTestUnits: readonly DriftTest[] = [ks, psi, chi2, embeddingMmd];

export const driftTests = createRegistry<DriftTest>('drift test', driftTestUnits);
