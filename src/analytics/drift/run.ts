/**
 * Async shell around the pure drift core: small inputs run inline, big ones in a worker
 * thread (CPU-heavy sorting and KS/PSI off the event loop), with column extraction done one
 * column at a time, yielding between columns, so other requests keep being served.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../platform/workers.js';
import { setImmediate as yieldNow } from 'node:timers/promises';
import {
  analyzeCategorical,
  analyzeNumeric,
  prepareColumns,
  prepareColumnsAsync,
  summarize,
  type DataDriftResponse,
  type FeatureDrift,
  type PreparedColumns,
} from './data-drift.js';
import type { DriftTestConfig } from './types.js';

/** Above this many values (both samples, all features) the analysis goes to a worker thread. */
export const WORKER_THRESHOLD_VALUES = 4_000_000;

function spawnWorker(): Worker {
  return startWorker(import.meta.url, './worker');
}

/** Runs the per-feature analysis in a fresh worker thread. Rejects if the worker fails. */
export function analyzeInWorker(cols: PreparedColumns, cfg: DriftTestConfig): Promise<FeatureDrift[]> {
  return new Promise((resolve, reject) => {
    const w = spawnWorker();
    const transfer = cols.numeric.flatMap((c) => [c.ref.buffer, c.cur.buffer]) as ArrayBuffer[];
    w.once('message', (m: { ok: boolean; features?: FeatureDrift[]; error?: string }) => {
      void w.terminate();
      if (m.ok) resolve(m.features!);
      else reject(new Error(`drift worker failed: ${m.error}`));
    });
    w.once('error', (e) => reject(e));
    w.once('exit', (code) => reject(new Error(`drift worker exited with code ${code} before answering`)));
    w.postMessage({ numeric: cols.numeric, categorical: cols.categorical, cfg }, transfer);
  });
}

function countValues(cols: PreparedColumns): number {
  let n = 0;
  for (const c of cols.numeric) n += c.ref.length + c.cur.length;
  for (const c of cols.categorical) n += c.ref.length + c.cur.length;
  return n;
}

/**
 * Data drift on rows, off the event loop when big. Throws the same catalogue errors as
 * `prepareColumns` for bad input.
 */
export async function detectDataDriftAsync(
  refRows: unknown,
  curRows: unknown,
  featureColumns: readonly string[] | undefined,
  cfg: DriftTestConfig,
  now: Date,
  opts: { forceWorker?: boolean; onWorkerError?: (e: Error) => void } = {},
): Promise<DataDriftResponse> {
  const big = (Array.isArray(refRows) ? refRows.length : 0) + (Array.isArray(curRows) ? curRows.length : 0) > 100_000;
  const cols = big ? await prepareColumnsAsync(refRows, curRows, featureColumns, () => yieldNow()) : prepareColumns(refRows, curRows, featureColumns);
  await yieldNow();
  let features: FeatureDrift[];
  if (opts.forceWorker || countValues(cols) > WORKER_THRESHOLD_VALUES) {
    // Two workers (the machines we target have 2+ cores), columns dealt round-robin.
    const parts: PreparedColumns[] = [0, 1].map((k) => ({
      ...cols,
      numeric: cols.numeric.filter((_, i) => i % 2 === k),
      categorical: cols.categorical.filter((_, i) => i % 2 === k),
    }));
    try {
      const results = await Promise.all(parts.filter((p) => p.numeric.length + p.categorical.length > 0).map((p) => analyzeInWorker(p, cfg)));
      const byName = new Map(results.flat().map((f) => [f.feature, f]));
      features = [...cols.numeric, ...cols.categorical].map((c) => byName.get(c.name)!);
    } catch (e) {
      // A build without the worker file (e.g. a single-file bundle): still answer, inline.
      // Transferred buffers are detached after a successful postMessage, so re-prepare.
      opts.onWorkerError?.(e as Error);
      const again = prepareColumns(refRows, curRows, featureColumns);
      features = [...again.numeric.map((c) => analyzeNumeric(c, cfg)), ...again.categorical.map((c) => analyzeCategorical(c, cfg))];
    }
  } else {
    features = [...cols.numeric.map((c) => analyzeNumeric(c, cfg)), ...cols.categorical.map((c) => analyzeCategorical(c, cfg))];
  }
  return summarize(features, (refRows as unknown[]).length, (curRows as unknown[]).length, now);
}
