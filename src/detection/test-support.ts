/**
 * Test helper: a models folder for detection tests. Uses the shipped `models/` when the trained
 * artifacts are there; otherwise trains small real linear and embedding heads on a sample of the
 * permissive training files (seconds), so tests never depend on hand-set weights.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LABELS, type Label } from '../ml/labels.js';
import { hashFeatures, DEFAULT_HASHING, type HashingConfig } from '../ml/text-features.js';
import { trainSoftmax, DEFAULT_LOGISTIC, denseToSparse } from '../ml/logistic.js';
import { encodeMatrix, ARTIFACT_FORMAT, ARTIFACT_FORMAT_VERSION } from '../ml/linear-model.js';
import { getSentenceEncoder, ENCODER_DIM, ENCODER_ID } from '../ml/encoder.js';

const SHIPPED = resolve('models');
const DATA = resolve('..', 'shared', 'data');

function sample(file: string, n: number): { text: string; label: Label }[] {
  const p = process.env.MLSEC_DATA_DIR ? join(process.env.MLSEC_DATA_DIR, file) : join(DATA, file);
  if (!existsSync(p)) return [];
  const rows = readFileSync(p, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { text: string; label: string });
  const step = Math.max(1, Math.floor(rows.length / n));
  return rows
    .filter((_, i) => i % step === 0)
    .slice(0, n)
    .map((r) => ({
      text: r.text,
      label: r.label === 'benign' ? 'benign' : r.label === 'jailbreak' ? 'jailbreak' : 'prompt_injection',
    }));
}

function artifactBase(name: string, W: Float32Array, b: Float32Array, dim: number) {
  return {
    format: ARTIFACT_FORMAT,
    format_version: ARTIFACT_FORMAT_VERSION,
    name,
    labels: [...LABELS],
    weights: encodeMatrix(W, dim, LABELS.length, 'float32'),
    bias: [...b],
    calibration: { method: 'temperature' as const, temperature: 1 },
    metadata: {
      version: '0.0.1-test',
      created_at: new Date().toISOString(),
      trainer: 'test-support',
      seed: 1,
      params: {},
      trained_on: [],
      counts: {},
      metrics: {},
    },
  };
}

let built: Promise<string> | undefined;

export function testModelsDir(): Promise<string> {
  if (
    existsSync(join(SHIPPED, 'linear-default', 'model.json')) &&
    existsSync(join(SHIPPED, 'embedding-default', 'model.json'))
  )
    return Promise.resolve(SHIPPED);
  built ??= (async () => {
    // Shared across test files and runs; built in a private folder then renamed into place.
    const final = join(tmpdir(), 'mlsec-detection-test-models-v1');
    if (existsSync(join(final, 'embedding-default', 'model.json'))) return final;
    const dir = join(tmpdir(), `mlsec-detection-models-${process.pid}-${Date.now()}`);
    const rows = [
      ...sample('gpteacher_benign.jsonl', 80),
      ...sample('gsm8k_benign.jsonl', 30),
      ...sample('self_instruct_benign.jsonl', 30),
      ...sample('cyberseceval_prompt_injection.jsonl', 60),
      ...sample('jailbreakbench_artifacts.jsonl', 40),
      ...sample('bipia_documents.jsonl', 30),
    ];
    const y = rows.map((r) => LABELS.indexOf(r.label));
    const cfg: HashingConfig = { ...DEFAULT_HASHING, dim: 1 << 14 };
    const lin = await trainSoftmax(
      { dim: cfg.dim, numClasses: LABELS.length, X: rows.map((r) => hashFeatures(r.text, cfg)), y },
      { ...DEFAULT_LOGISTIC, epochs: 8 },
    );
    mkdirSync(join(dir, 'linear-default'), { recursive: true });
    writeFileSync(
      join(dir, 'linear-default', 'model.json'),
      JSON.stringify({
        ...artifactBase('linear-test', lin.W, lin.b, cfg.dim),
        kind: 'linear',
        featurizer: { type: 'hashed-ngrams', config: cfg },
      }),
    );
    const sub = rows.filter((_, i) => i % 4 === 0);
    const vecs = await getSentenceEncoder().embed(sub.map((r) => r.text));
    const emb = await trainSoftmax(
      {
        dim: ENCODER_DIM,
        numClasses: LABELS.length,
        X: vecs.map((v) => denseToSparse(v)),
        y: sub.map((r) => LABELS.indexOf(r.label)),
      },
      { ...DEFAULT_LOGISTIC, epochs: 30, learningRate: 0.05 },
    );
    mkdirSync(join(dir, 'embedding-default'), { recursive: true });
    writeFileSync(
      join(dir, 'embedding-default', 'model.json'),
      JSON.stringify({
        ...artifactBase('embedding-test', emb.W, emb.b, ENCODER_DIM),
        kind: 'embedding',
        encoder: { id: ENCODER_ID, dim: ENCODER_DIM, l2_normalize: true },
      }),
    );
    try {
      renameSync(dir, final);
    } catch {
      // Another test file won the race: use its copy.
      rmSync(dir, { recursive: true, force: true });
    }
    return final;
  })();
  return built;
}
