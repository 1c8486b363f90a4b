/**
 * Worker-thread entry: runs one trainer off the main event loop so the API stays responsive
 * while a model trains (training is seconds to minutes of tight numeric loops).
 * Protocol: receives `workerData` = WorkerRequest; posts `progress` messages, then exactly one
 * `done` or `error`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainerRegistry } from './trainers/index.js';
import type { WorkerMessage, WorkerRequest } from './worker-runner.js';

async function run(): Promise<void> {
  const req = workerData as WorkerRequest;
  const post = (m: WorkerMessage) => parentPort!.postMessage(m);
  try {
    const trainer = trainerRegistry.get(req.trainerId);
    if (!trainer) throw new Error(`unknown trainer '${req.trainerId}'. Known: ${trainerRegistry.ids.join(', ')}`);
    const out = await trainer.train(req.input, { ...trainer.defaults, ...req.params }, { cacheDir: req.cacheDir, onProgress: (p) => post({ type: 'progress', progress: p }) });
    post({ type: 'done', output: out });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}

void run();
