/**
 * Child-process entry (see convertInChild in encoder-onnx.ts): convert USE-lite to ONNX and write
 * it to MLSEC_USE_ONNX_FILE. A process of its own, so the conversion's transient copies of the
 * weights (~200 MB of heap) are returned to the OS when it exits.
 */
import { writeFile } from 'node:fs/promises';
import { useOnnxBytes } from './encoder-onnx.js';

const dir = process.env.MLSEC_USE_MODEL_DIR;
const file = process.env.MLSEC_USE_ONNX_FILE;
if (!dir || !file) throw new Error('MLSEC_USE_MODEL_DIR and MLSEC_USE_ONNX_FILE must be set');
await writeFile(file, await useOnnxBytes(dir));
