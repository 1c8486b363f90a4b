import type { View } from './types.js';

export interface ChunkOptions {
  /** Words per chunk. */
  readonly chunkWords: number;
  /** Words shared by consecutive chunks, so an attack straddling a boundary is seen whole once. */
  readonly overlapWords: number;
}

/**
 * Split a text into overlapping word windows. Short texts come back as one chunk (the text
 * itself, unchanged). Every word of the input is in at least one chunk.
 */
export function chunkText(text: string, { chunkWords, overlapWords }: ChunkOptions): string[] {
  const size = Math.max(1, Math.floor(chunkWords));
  const overlap = Math.min(Math.max(0, Math.floor(overlapWords)), size - 1);
  // Cheap pre-check: a text with fewer whitespace runs than `size` fits in one chunk.
  let spaces = 0;
  for (let i = 0; i < text.length && spaces < size; i++) if (text.charCodeAt(i) <= 32) spaces++;
  if (spaces < size) return [text];
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= size) return [text];
  const step = size - overlap;
  const chunks: string[] = [];
  for (let start = 0; start < words.length; start += step) {
    chunks.push(words.slice(start, start + size).join(' '));
    if (start + size >= words.length) break;
  }
  return chunks;
}

export interface ChunkRef {
  /** Index of the input item. */
  readonly item: number;
  readonly view: string;
  readonly chunk: number;
  readonly text: string;
}

/** Flatten a batch of items (each a list of views) into chunks to score in one batch. */
export function flattenChunks(items: readonly (readonly View[])[], opts: ChunkOptions): ChunkRef[] {
  const out: ChunkRef[] = [];
  items.forEach((views, item) => {
    for (const v of views)
      chunkText(v.text, opts).forEach((text, chunk) => out.push({ item, view: v.view, chunk, text }));
  });
  return out;
}

/**
 * For each item, the index (into `refs`) of the chunk with the highest score: the worst chunk
 * decides, so an attack buried in a long benign document is not averaged away.
 */
export function worstPerItem(refs: readonly ChunkRef[], scores: ArrayLike<number>, nItems: number): number[] {
  const best = new Array<number>(nItems).fill(-1);
  for (let i = 0; i < refs.length; i++) {
    const it = refs[i].item;
    if (best[it] === -1 || scores[i] > scores[best[it]]) best[it] = i;
  }
  return best;
}
