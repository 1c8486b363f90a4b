/** Worker thread entry for parallel encoding (see `parallel` in encoder.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { ENCODER_DIM, getSentenceEncoder, type EncoderBackend } from './encoder.js';

const { texts, batchSize, backend } = workerData as {
  texts: string[];
  batchSize: number;
  backend: EncoderBackend;
};
const encoder = getSentenceEncoder({
  batchSize,
  backend,
  onProgress: (done) => parentPort!.postMessage({ type: 'progress', done }),
});
encoder.embed(texts).then(
  (vecs) => {
    const flat = new Float32Array(vecs.length * ENCODER_DIM);
    vecs.forEach((v, i) => flat.set(v, i * ENCODER_DIM));
    parentPort!.postMessage({ type: 'done', flat }, [flat.buffer]);
  },
  (e: unknown) => parentPort!.postMessage({ type: 'error', message: (e as Error)?.message ?? String(e) }),
);
