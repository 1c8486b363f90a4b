/**
 * Run a trainer in a worker thread. Cancelling (AbortSignal) terminates the worker at once:
 * the training loop is synchronous between epochs, so a cooperative flag would only be seen
 * after the current epoch.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../platform/workers.js';
import type { TrainInput, TrainOutput, TrainProgress } from './trainers/types.js';

export interface WorkerRequest {
  trainerId: string;
  input: TrainInput;
  params: Record<string, unknown>;
  cacheDir?: string;
}

export type WorkerMessage = { type: 'progress'; progress: TrainProgress } | { type: 'done'; output: TrainOutput } | { type: 'error'; message: string };

export class TrainingCancelledError extends Error {
  constructor() {
    super('training was cancelled');
    this.name = 'AbortError';
  }
}

function spawn(req: WorkerRequest): Worker {
  return startWorker(import.meta.url, './train-worker', { workerData: req });
}

/**
 * Resolves with the trainer's output; rejects with the trainer's error message, with
 * `TrainingCancelledError` when `signal` aborts, or when the worker dies unexpectedly.
 */
export function runTrainerInWorker(req: WorkerRequest, hooks: { onProgress?: (p: TrainProgress) => void; signal?: AbortSignal } = {}): Promise<TrainOutput> {
  return new Promise((resolve, reject) => {
    if (hooks.signal?.aborted) return reject(new TrainingCancelledError());
    const worker = spawn(req);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      finish(() => reject(new TrainingCancelledError()));
      void worker.terminate();
    };
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') hooks.onProgress?.(m.progress);
      else if (m.type === 'done') finish(() => resolve(m.output));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`training worker exited with code ${code} before finishing`))));
  });
}
