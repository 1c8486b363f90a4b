/**
 * Worker thread that owns the sentence encoder's ONNX session (see `thread: 'worker'` in
 * encoder-onnx.ts). A graph run is synchronous on the thread that calls it: here it blocks this
 * thread, not the request threads. The caller tokenizes; this thread only runs the graph.
 * Plain JavaScript on purpose, like pglite-worker.mjs: a TypeScript worker would load tsx's
 * loader into the thread (~12 MB more resident memory).
 * In: workerData { source (model file path or ONNX bytes), sessionOptions }; messages
 * { id, ids: BigInt64Array, mask: Float32Array, batch, seq }.
 * Out: { ready: true } or { ready: false, error } once; then { id, flat: Float32Array } or
 * { id, error } per message, in order. { close: true } releases the session after the queued
 * runs and ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';

const ort = await import('onnxruntime-node');
const { source, sessionOptions } = workerData;
const message = (e) => (e && e.message) || String(e);

let session;
try {
  session = await ort.InferenceSession.create(source, sessionOptions);
} catch (e) {
  parentPort.postMessage({ ready: false, error: message(e) });
}
if (session) {
  // One run at a time: concurrent runs would each hold their peak activations.
  let chain = Promise.resolve();
  parentPort.on('message', (m) => {
    if (m.close) {
      // After the runs already queued: release the session, then end the thread.
      chain = chain.then(async () => {
        await session.release();
        parentPort.close();
      });
      return;
    }
    chain = chain.then(async () => {
      try {
        const res = await session.run({
          ids: new ort.Tensor('int64', m.ids, [m.batch, m.seq]),
          mask: new ort.Tensor('float32', m.mask, [m.batch, m.seq]),
        });
        const flat = Float32Array.from(res.embeddings.data);
        parentPort.postMessage({ id: m.id, flat }, [flat.buffer]);
      } catch (e) {
        parentPort.postMessage({ id: m.id, error: message(e) });
      }
    });
  });
  parentPort.postMessage({ ready: true });
}
