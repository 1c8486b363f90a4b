import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the shared training data lives (benchmarks draw realistic benign text from it). */
export const DATA_DIR = process.env.MLSEC_SHARED_DATA ?? resolve('../shared/data');

/** Every word of the benign GPTeacher prompts, in file order: material for n-word inputs. */
export function benignWords(): string[] {
  return readFileSync(join(DATA_DIR, 'gpteacher_benign.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { text: string }).text)
    .join(' ')
    .split(/\s+/);
}
