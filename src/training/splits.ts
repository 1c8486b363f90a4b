/**
 * Train/validation splits (pure). All return row indices into the input array and are
 * deterministic for a seed.
 *  - random: a plain shuffled split;
 *  - stratified: the same fraction from every label, so rare classes reach validation;
 *  - leave-source-out: whole groups (source files) go to validation. This is the honest,
 *    out-of-distribution estimate: rows of one file share style, and a random split lets a
 *    model score well by recognising the style instead of the intent.
 */
import type { DatasetRecord } from '../ml/dataset-io.js';
import { mulberry32, shuffleInPlace } from '../ml/logistic.js';

export interface Split {
  train: number[];
  val: number[];
}

export type SplitSpec =
  | { kind: 'random'; valFraction: number; seed: number }
  | { kind: 'stratified'; valFraction: number; seed: number }
  | { kind: 'leave-source-out'; holdout: string[]; by?: 'file' | 'source' };

export const SPLIT_KINDS = ['random', 'stratified', 'leave-source-out'] as const;

function checkFraction(f: number): void {
  if (!(f > 0 && f < 1)) throw new Error(`valFraction must be between 0 and 1 (exclusive), got ${f}`);
}

export function randomSplit(n: number, valFraction: number, seed: number): Split {
  checkFraction(valFraction);
  const idx = Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(idx, mulberry32(seed));
  const nVal = Math.round(n * valFraction);
  return { val: idx.slice(0, nVal).sort((a, b) => a - b), train: idx.slice(nVal).sort((a, b) => a - b) };
}

export function stratifiedSplit(labels: readonly string[], valFraction: number, seed: number): Split {
  checkFraction(valFraction);
  const rand = mulberry32(seed);
  const groups = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const g = groups.get(l);
    if (g) g.push(i);
    else groups.set(l, [i]);
  });
  const train: number[] = [];
  const val: number[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    shuffleInPlace(g, rand);
    // At least one validation row per class when the class has two or more rows.
    const nVal = g.length >= 2 ? Math.max(1, Math.round(g.length * valFraction)) : 0;
    val.push(...g.slice(0, nVal));
    train.push(...g.slice(nVal));
  }
  return { train: train.sort((a, b) => a - b), val: val.sort((a, b) => a - b) };
}

/** Rows whose group is in `holdout` validate; the rest train. Throws on an unknown group. */
export function leaveSourceOutSplit(groups: readonly string[], holdout: readonly string[]): Split {
  const known = new Set(groups);
  const unknown = holdout.filter((h) => !known.has(h));
  if (unknown.length) throw new Error(`unknown source(s) to hold out: ${unknown.join(', ')}. Known: ${[...known].sort().join(', ')}`);
  const h = new Set(holdout);
  const train: number[] = [];
  const val: number[] = [];
  groups.forEach((g, i) => (h.has(g) ? val : train).push(i));
  return { train, val };
}

export function groupOf(r: DatasetRecord, by: 'file' | 'source' = 'file'): string {
  return by === 'file' ? (r.file ?? r.source) : r.source;
}

/** Apply a split spec to records. Throws an Error naming the problem for unusable specs. */
export function splitRecords(records: readonly DatasetRecord[], spec: SplitSpec): Split {
  switch (spec.kind) {
    case 'random':
      return randomSplit(records.length, spec.valFraction, spec.seed);
    case 'stratified':
      return stratifiedSplit(
        records.map((r) => r.label),
        spec.valFraction,
        spec.seed,
      );
    case 'leave-source-out':
      return leaveSourceOutSplit(
        records.map((r) => groupOf(r, spec.by)),
        spec.holdout,
      );
  }
}
