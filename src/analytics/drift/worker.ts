/**
 * Worker-thread entry: runs `analyzeNumeric` over columns sent by `run.ts`, so a drift check on
 * millions of values does not block the HTTP event loop. Input buffers are transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeNumeric, analyzeCategorical, type CategoricalColumn, type NumericColumn } from './data-drift.js';
import type { DriftTestConfig } from './types.js';

interface Job {
  numeric: NumericColumn[];
  categorical: CategoricalColumn[];
  cfg: DriftTestConfig;
}

parentPort!.on('message', (job: Job) => {
  try {
    const features = [...job.numeric.map((c) => analyzeNumeric(c, job.cfg)), ...job.categorical.map((c) => analyzeCategorical(c, job.cfg))];
    parentPort!.postMessage({ ok: true, features });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
