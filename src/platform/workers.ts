import { fileURLToPath } from 'node:url';
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

/**
 * Run the module `name` (as for startWorker; a name ending in `.mjs` is plain JavaScript, run
 * without tsx) in a short-lived child process and wait for it to exit 0. For one-off jobs whose
 * memory must not stay resident: V8 and WebAssembly never give a thread's heap fully back to the
 * OS, a process exit does. Rejects with the child's stderr. Pass paths in `env` absolute: the
 * child runs in the project root.
 */
export async function runModuleInChild(
  base: string,
  name: string,
  env: Record<string, string>,
  timeoutMs = 300_000,
): Promise<void> {
  const { execFile } = await import('node:child_process');
  const plain = name.endsWith('.mjs');
  const ts = !plain && base.endsWith('.ts');
  const entry = new URL(plain ? name : `${name}.${ts ? 'ts' : 'js'}`, base).href;
  const boot = ts
    ? `(await import('tsx/esm/api')).register(); await import(${JSON.stringify(entry)});`
    : `await import(${JSON.stringify(entry)});`;
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--input-type=module', '-e', boot],
      // An eval module resolves bare specifiers (tsx) from its working directory: the project
      // root, wherever the CLI was started.
      {
        env: { ...process.env, ...env },
        timeout: timeoutMs,
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
      },
      (err, _stdout, stderr) => (err ? reject(new Error(stderr.trim() || err.message)) : resolve()),
    ),
  );
}
