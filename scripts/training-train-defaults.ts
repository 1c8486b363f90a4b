/**
 * Reproduce the shipped default models under `models/`.
 *
 *   node --import tsx scripts/training-train-defaults.ts [--data-dir ../shared/data] [--out models]
 *        [--models linear,embedding] [--no-folds] [--gen-attacks 8000] [--gen-benign 8000]
 *        [--cache-dir .cache/encoder] [--seed 42]
 *
 * Training data: ONLY the permissively licensed files of the shared data (see its README),
 * plus attacks and benign look-alikes from our own red-team generators.
 *
 * Validation, honestly:
 *  1. leave-source-out folds: whole public files are held out (an attack file paired with a
 *     benign file so every fold has both classes); the model of each fold never saw a row of
 *     its held-out files. Per-file figures are reported.
 *  2. external out-of-distribution set: the GPL / non-commercial files (promptmap,
 *     easyjailbreak, instructionwild), which may evaluate but never train a shipped model.
 *  3. generator hold-out: attacks/benign from a different seed (in-distribution for the
 *     generators, so it flatters; reported separately and labelled as such).
 * The final model trains on everything permissive + generated (a stratified 10% kept for
 * early stopping and calibration).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { datasetHash, datasetStats, type DatasetRecord } from '../src/ml/dataset-io.js';
import { loadModelArtifact, type ModelArtifact, type Probabilities } from '../src/ml/linear-model.js';
import { getSentenceEncoder } from '../src/ml/encoder.js';
import { generatedRecords } from './generated-records.js';
import {
  EVALUATION_ONLY_FILES,
  PERMISSIVE_FILES,
  embeddingSample,
  readDataFile,
} from '../src/training/data-files.js';
import { evaluatePredictions, type EvalReport } from '../src/training/evaluate.js';
import { fileCounts } from '../src/training/trainers/common.js';
import { trainerRegistry } from '../src/training/trainers/index.js';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '../shared/data' },
    out: { type: 'string', default: 'models' },
    models: { type: 'string', default: 'linear,embedding' },
    'no-folds': { type: 'boolean', default: false },
    'gen-attacks': { type: 'string', default: '8000' },
    'gen-benign': { type: 'string', default: '8000' },
    'cache-dir': { type: 'string', default: '.cache/encoder' },
    // Hand-written probe (evaluation only; see test/fixtures/detection-probe.README.md).
    'probe-dir': { type: 'string', default: 'test/fixtures' },
    seed: { type: 'string', default: '42' },
    // Trainer parameter overrides as JSON, e.g. '{"char_ngrams":[3,4]}' (featurizer experiments).
    params: { type: 'string', default: '{}' },
    // Sentence encoding is the slow part (~20-150 ms per text on 2 cores), so the embedding
    // head trains on a capped sample: benign rows per public file, and fewer generated rows.
    'embed-max-benign-per-file': { type: 'string', default: '1500' },
    'embed-gen': { type: 'string', default: '3000' },
    // What detection reports for the shipped models: bump it whenever their weights change, so
    // people can tell them apart (the registry itself tells shipped files apart by sha256).
    version: { type: 'string', default: '1.2.0' },
  },
});

const seed = Number(args.seed);
const overrides = JSON.parse(args.params!) as Record<string, unknown>;
const dataDir = resolve(args['data-dir']!);
const cacheDir = resolve(args['cache-dir']!);
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);

/** Leave-source-out folds: each pairs attack file(s) with benign file(s). */
const FOLDS: string[][] = [
  ['cyberseceval_prompt_injection.jsonl', 'gsm8k_benign.jsonl'],
  ['jailbreakbench_artifacts.jsonl', 'gpteacher_benign.jsonl'],
  ['bipia_documents.jsonl', 'self_instruct_benign.jsonl'],
  ['pallms_payloads.jsonl', 'giskard_hijacking.jsonl', 'awesome_chatgpt_prompts_benign.jsonl'],
];

function load(files: readonly string[]): DatasetRecord[] {
  const out: DatasetRecord[] = [];
  for (const f of files) {
    const r = readDataFile(join(dataDir, f));
    if (r.issues.length)
      throw new Error(
        `${f}: ${r.issues.length} bad rows, first: row ${r.issues[0].row}: ${r.issues[0].problem}`,
      );
    out.push(...r.records);
  }
  return out;
}

async function predictAll(artifact: ModelArtifact, records: DatasetRecord[]): Promise<Probabilities[]> {
  const m = loadModelArtifact(artifact);
  if (m.kind === 'linear') return records.map((r) => m.predictProba(r.text));
  const vecs = await getSentenceEncoder({ cacheDir }).embed(records.map((r) => r.text));
  return vecs.map((v) => m.predictProbaEmbedding(v));
}

/** Deterministic cap: first N benign rows of each public file, first M generated rows per label. */
function brief(e: EvalReport) {
  const b = e.binary;
  const f = (x: number | null) => (x === null ? '  -  ' : x.toFixed(3));
  return `n=${b.n} auc=${f(b.roc_auc)} r@1%=${f(b.recall_at_1pct_fpr)} r@3%=${f(b.recall_at_3pct_fpr)} recall@0.5=${f(b.recall)} fpr@0.5=${f(b.fpr)}`;
}

function gitRev(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const publicRecords = load(PERMISSIVE_FILES);
  const nA = Number(args['gen-attacks']);
  const nB = Number(args['gen-benign']);
  const gen = generatedRecords(seed, nA, nB);
  const genHoldout = generatedRecords(seed + 1000, 2000, 2000).filter(
    (r) => !new Set(gen.map((g) => g.text)).has(r.text),
  );
  const external = load(EVALUATION_ONLY_FILES);
  const probeDir = resolve(args['probe-dir']!);
  const probeFiles = existsSync(probeDir)
    ? readdirSync(probeDir)
        .filter((f) => /^detection-probe.*\.jsonl$/.test(f))
        .sort()
    : [];
  const probe = probeFiles.flatMap((f) => readDataFile(join(probeDir, f)).records);
  log(
    `public ${publicRecords.length}, generated ${gen.length}, generated hold-out ${genHoldout.length}, external OOD ${external.length}`,
  );
  const allFull = [...publicRecords, ...gen];
  const codeVersion = gitRev();

  for (const modelId of args.models!.split(',')) {
    const all =
      modelId === 'embedding'
        ? embeddingSample(
            publicRecords,
            gen,
            Number(args['embed-max-benign-per-file']),
            Number(args['embed-gen']),
          )
        : allFull;
    const hash = datasetHash(all);
    const trainer = trainerRegistry.get(modelId);
    if (!trainer) throw new Error(`unknown trainer '${modelId}'. Known: ${trainerRegistry.ids.join(', ')}`);
    const hooks = {
      cacheDir,
      onProgress: (p: { phase: string; epoch?: number; metrics?: { valLoss?: number } }) =>
        p.epoch && log(`  ${modelId} epoch ${p.epoch} val_loss=${p.metrics?.valLoss?.toFixed(4)}`),
    };
    const folds: Record<string, unknown>[] = [];
    if (!args['no-folds']) {
      for (const holdout of FOLDS) {
        const h = new Set(holdout);
        const train = all.filter((r) => !h.has(r.file ?? ''));
        const val = all.filter((r) => h.has(r.file ?? ''));
        const tf = Date.now();
        // Early stopping/calibration use a split of the training side: the held-out files stay unseen.
        const out = await trainer.train(
          { name: `${modelId}-fold`, version: '0.0.0', train, val: [] },
          { ...trainer.defaults, ...overrides, seed },
          hooks,
        );
        const probs = await predictAll(out.artifact, val);
        const ev = evaluatePredictions(val, probs, out.artifact.labels);
        log(
          `${modelId} fold [${holdout.join(' + ')}] ${brief(ev)} (${((Date.now() - tf) / 1000).toFixed(1)} s)`,
        );
        for (const [g, m] of Object.entries(ev.per_group))
          log(
            `    ${g}: n=${m.n} recall@0.5=${m.recall?.toFixed(3) ?? '-'} fpr@0.5=${m.fpr?.toFixed(3) ?? '-'}`,
          );
        folds.push({
          held_out: holdout,
          binary: ev.binary,
          per_file: ev.per_group,
          seconds: (Date.now() - tf) / 1000,
        });
      }
    }

    const tf = Date.now();
    const final = await trainer.train(
      {
        name: `${modelId}-default`,
        version: args.version!,
        train: all,
        val: [],
        trainedOn: fileCounts(all),
        datasetHash: hash,
        codeVersion,
        notes:
          'Trained by scripts/training-train-defaults.ts on the permissive shared data files plus red-team generator output.',
      },
      { ...trainer.defaults, ...overrides, seed },
      hooks,
    );
    const trainSeconds = (Date.now() - tf) / 1000;
    log(
      `${modelId} final model trained in ${trainSeconds.toFixed(1)} s; in-distribution validation ${brief(final.evaluation)}`,
    );

    const extProbs = await predictAll(final.artifact, external);
    const extEval = evaluatePredictions(external, extProbs, final.artifact.labels);
    log(`${modelId} external OOD (promptmap + easyjailbreak vs instructionwild): ${brief(extEval)}`);
    let probeEval: EvalReport | undefined;
    if (probe.length) {
      probeEval = evaluatePredictions(probe, await predictAll(final.artifact, probe), final.artifact.labels);
      log(`${modelId} hand-written probe (evaluation only, ${probe.length} rows): ${brief(probeEval)}`);
    }
    const genProbs = await predictAll(final.artifact, genHoldout);
    const genEval = evaluatePredictions(genHoldout, genProbs, final.artifact.labels);
    log(`${modelId} generator hold-out (other seed; in-distribution for the generators): ${brief(genEval)}`);

    const artifact = final.artifact;
    const oodFolds = folds.map((f) => ({ held_out: f.held_out, binary: f.binary, per_file: f.per_file }));
    artifact.metadata.metrics = {
      ...artifact.metadata.metrics,
      leave_source_out: oodFolds,
      external_ood: {
        files: [...EVALUATION_ONLY_FILES],
        binary: extEval.binary,
        per_file: extEval.per_group,
        multiclass: extEval.multiclass,
      },
      ...(probeEval
        ? {
            probe: {
              files: probeFiles,
              note: 'hand-written, never trained on',
              binary: probeEval.binary,
              per_file: probeEval.per_group,
            },
          }
        : {}),
      generator_holdout: {
        note: 'different seed, same generators: in-distribution',
        binary: genEval.binary,
        per_file: genEval.per_group,
      },
      train_seconds: trainSeconds,
    };
    const dir = join(args.out!, `${modelId}-default`);
    mkdirSync(dir, { recursive: true });
    const json = JSON.stringify(artifact);
    writeFileSync(join(dir, 'model.json'), json);
    const meta = {
      name: artifact.name,
      kind: artifact.kind,
      labels: artifact.labels,
      ...artifact.metadata,
      data: {
        public_files: datasetStats(publicRecords).by_file,
        generated: { attacks_requested: nA, benign_requested: nB, seed, records: gen.length },
      },
      artifact: { file: 'model.json', bytes: Buffer.byteLength(json) },
      command:
        `node --import tsx scripts/training-train-defaults.ts ${process.argv.slice(2).join(' ')}`.trim(),
    };
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify(meta, null, 2) + '\n');
    log(`wrote ${dir}/model.json (${(Buffer.byteLength(json) / 1e6).toFixed(2)} MB) and metadata.json`);
  }
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
