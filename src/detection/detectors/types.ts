import type { Label } from '../../ml/labels.js';
import type { DetectorResult, View } from '../types.js';

/** Where a detector finds its artifacts and how it may behave while loading. */
export interface DetectorLoadContext {
  /** Folder holding the shipped model folders (`models/<name>/`). */
  readonly modelsDir: string;
  /** Model folder name or absolute path (detectors have a default). */
  readonly model?: string;
  /** Transformer only: may the tokenizer/model be fetched from a hub when not local. Default false. */
  readonly allowRemote?: boolean;
  /** Extra known attack texts for nearest-neighbour similarity (embedding). */
  readonly knownAttacks?: readonly string[];
}

export interface DetectOptions {
  /** Long-input chunking: words per chunk and overlap (detectors pick defaults for their model). */
  readonly chunkWords?: number;
  readonly overlapWords?: number;
}

/** A detector ready to score: returned by `load`, one per model version. */
export interface LoadedDetector {
  readonly id: string;
  readonly version: string;
  /** Approximate bytes held (weights, vocab, embeddings). */
  readonly memoryBytes: number;
  readonly info: Readonly<Record<string, unknown>>;
  /** Score a batch: each item is the views of one input text. Same order out. */
  detect(items: readonly (readonly View[])[], opts?: DetectOptions): Promise<DetectorResult[]>;
  dispose?(): Promise<void> | void;
}

export interface Detector {
  readonly id: string;
  readonly title: string;
  readonly kind: 'rules' | 'statistical' | 'neural';
  /** Name of the model folder under `models/` used when none is given (none for rules). */
  readonly defaultModel?: string;
  /** Resolves with a loaded detector; rejects (with a message saying what is missing) when artifacts cannot be read. */
  load(ctx: DetectorLoadContext): Promise<LoadedDetector>;
}

/** Per-label probabilities from a chunk-level model. */
export type LabelProbs = Record<Label, number>;
