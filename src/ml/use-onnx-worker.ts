/**
 * Worker entry: convert USE-lite to ONNX and write it to `workerData.file`. Run in a thread so
 * the conversion's transient copies of the weights (~200 MB of heap the process would keep
 * resident) are freed with the thread.
 */
import { writeFile } from 'node:fs/promises';
import { workerData } from 'node:worker_threads';
import { useOnnxBytes } from './encoder-onnx.js';

const { dir, file } = workerData as { dir: string; file: string };
await writeFile(file, await useOnnxBytes(dir));
