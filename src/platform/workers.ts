import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Start a worker thread running the module `name` (without extension, e.g. './train-worker')
 * next to the caller `base` (its `import.meta.url`). From compiled JavaScript the `.js` file
 * runs directly; from TypeScript sources (tsx, vitest) the worker first registers tsx's loader,
 * because execArgv's `--import tsx` is not honoured inside vitest's pool.
 */
export function startWorker(base: string, name: string, options: WorkerOptions = {}): Worker {
  if (!base.endsWith('.ts')) return new Worker(new URL(`${name}.js`, base), options);
  const entry = new URL(`${name}.ts`, base).href;
  // A bare specifier: an eval worker resolves it from the working directory (the project root
  // in dev and tests, the only places TypeScript sources run).
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
