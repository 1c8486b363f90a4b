import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/** Resolve `models/<name>/model.json` (or an absolute folder / file path). */
export function modelPath(modelsDir: string, model: string): string {
  const base = isAbsolute(model) ? model : join(modelsDir, model);
  return base.endsWith('.json') ? base : join(base, 'model.json');
}

/** Read and parse a model artifact; the error says which file is missing or malformed. */
export async function readArtifact<T>(file: string): Promise<{ artifact: T; bytes: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(
      `model file ${file} not found: train it (npm run training defaults) or set MLSEC_MODELS_DIR`,
    );
  }
  try {
    return { artifact: JSON.parse(text) as T, bytes: (await stat(file)).size };
  } catch (e) {
    throw new Error(`model file ${file} is not valid JSON: ${(e as Error).message}`);
  }
}
