import type { DatasetRecord } from '../src/ml/dataset-io.js';
import type { Label } from '../src/ml/labels.js';
import { generateAttacks, generateBenign } from '../src/redteam/index.js';
import { generatedToRecords } from '../src/training/data-files.js';

/**
 * Red-team generator output as training records: `nAttacks` attacks (seed) and `nBenign` benign
 * look-alikes (seed + 1). The one recipe the shipped-model script and the ensemble fit share.
 */
export function generatedRecords(seed: number, nAttacks: number, nBenign: number): DatasetRecord[] {
  const attacks = generateAttacks({ count: nAttacks, seed }).map((a) => ({
    text: a.text,
    category: a.category as Label,
    technique: a.technique,
  }));
  const benign = generateBenign({ count: nBenign, seed: seed + 1 }).map((b) => ({
    text: b.text,
    kind: b.kind,
  }));
  return generatedToRecords(attacks, benign, seed);
}
