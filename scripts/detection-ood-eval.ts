/**
 * Honest out-of-distribution evaluation of the linear detector: leave one source file (group)
 * out, retrain on everything else, score the held-out file.
 *
 *   node --import tsx scripts/detection-ood-eval.ts [--folds all|none|<file,...>] [--shipped]
 *        [--gen-attacks 8000] [--gen-benign 8000] [--seed 42] [--show 10] [--json out.json]
 *
 * Why: random-row splits leak a file's style into training, so a model that learned "GSM8K
 * looks benign" scores well and fails on real traffic. Here a fold's model never saw a row of
 * its held-out file(s). Training uses the same trainer, defaults and generated data as
 * `scripts/training-train-defaults.ts` (permissive files + red-team generators).
 *
 * Reference sets that NO model here ever trains on:
 *  - benign: `instructionwild_benign` (real user prompts, non-commercial, evaluation only) and
 *    the hand-written probe's benign rows (`test/fixtures/detection-probe-*.jsonl`);
 *  - attacks: `promptmap_rules`, `easyjailbreak_templates` (GPL, evaluation only) and the
 *    probe's attack rows.
 * Attack-only files are ranked against the reference benign pool (AUC, recall at 1% / 3% FPR);
 * benign-only files report FPR at the decision threshold and AUC against the reference attacks.
 * Figures are for the raw text (no de-obfuscation views) at the ensemble's user threshold.
 *
 * `--shipped` scores `models/linear-default` as shipped (no retraining) on the reference sets
 * and prints its worst false positives and misses on the probe.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import type { DatasetRecord } from '../src/ml/dataset-io.js';
import type { Label } from '../src/ml/labels.js';
import { loadModelArtifact, type ModelArtifact } from '../src/ml/linear-model.js';
import { recallAtFpr, rocAuc } from '../src/ml/metrics.js';
import { DEFAULT_ENSEMBLE } from '../src/detection/ensemble.js';
import { generateAttacks, generateBenign } from '../src/redteam/index.js';
import {
  EVALUATION_ONLY_FILES,
  PERMISSIVE_FILES,
  generatedToRecords,
  readDataFile,
} from '../src/training/data-files.js';
import { trainerRegistry } from '../src/training/trainers/index.js';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '../shared/data' },
    'probe-dir': { type: 'string', default: 'test/fixtures' },
    folds: { type: 'string', default: 'all' },
    shipped: { type: 'boolean', default: false },
    model: { type: 'string', default: 'models/linear-default/model.json' },
    'gen-attacks': { type: 'string', default: '8000' },
    'gen-benign': { type: 'string', default: '8000' },
    seed: { type: 'string', default: '42' },
    show: { type: 'string', default: '10' },
    json: { type: 'string' },
  },
});

const dataDir = resolve(args['data-dir']!);
const seed = Number(args.seed);
const THRESHOLD = DEFAULT_ENSEMBLE.thresholds.user;
const log = (...a: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...a);

/** Tiny files are grouped with a sibling so a fold has enough rows to say anything. */
const GROUPS: string[][] = [
  ['cyberseceval_prompt_injection.jsonl'],
  ['bipia_documents.jsonl'],
  ['jailbreakbench_artifacts.jsonl'],
  ['pallms_payloads.jsonl', 'giskard_hijacking.jsonl'],
  ['gpteacher_benign.jsonl'],
  ['awesome_chatgpt_prompts_benign.jsonl'],
  ['self_instruct_benign.jsonl'],
  ['gsm8k_benign.jsonl'],
];

function load(dir: string, files: readonly string[]): DatasetRecord[] {
  return files.flatMap((f) => {
    const r = readDataFile(join(dir, f));
    if (r.issues.length)
      throw new Error(`${f}: ${r.issues.length} bad rows (row ${r.issues[0].row}: ${r.issues[0].problem})`);
    return r.records;
  });
}

const probeFiles = readdirSync(resolve(args['probe-dir']!))
  .filter((f) => /^detection-probe.*\.jsonl$/.test(f))
  .sort();

interface Scored {
  r: DatasetRecord;
  s: number;
}

const isAttack = (r: DatasetRecord) => r.label !== 'benign';
const f3 = (x: number | null | undefined) =>
  x === null || x === undefined || Number.isNaN(x) ? '  -  ' : x.toFixed(3);
const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

interface FileFigures {
  file: string;
  attacks: number;
  benign: number;
  auc: number | null;
  recall_at_1pct_fpr: number | null;
  recall_at_3pct_fpr: number | null;
  recall_at_threshold: number | null;
  fpr_at_threshold: number | null;
}

/**
 * Figures for one file. Attack rows are ranked against the file's own benign rows plus the
 * reference benign pool; benign rows against the file's attacks plus the reference attacks.
 */
function figures(file: string, rows: Scored[], refBenign: Scored[], refAttacks: Scored[]): FileFigures {
  const att = rows.filter((x) => isAttack(x.r));
  const ben = rows.filter((x) => !isAttack(x.r));
  const pos = att.length ? att : refAttacks;
  const neg = ben.length && att.length ? [...ben, ...refBenign] : ben.length ? ben : refBenign;
  const y = [...pos.map(() => 1), ...neg.map(() => 0)];
  const s = [...pos.map((x) => x.s), ...neg.map((x) => x.s)];
  const ok = pos.length > 0 && neg.length > 0;
  return {
    file,
    attacks: att.length,
    benign: ben.length,
    auc: ok ? rocAuc(y, s) : null,
    recall_at_1pct_fpr: ok && att.length ? recallAtFpr(y, s, 0.01).recall : null,
    recall_at_3pct_fpr: ok && att.length ? recallAtFpr(y, s, 0.03).recall : null,
    recall_at_threshold: att.length ? att.filter((x) => x.s >= THRESHOLD).length / att.length : null,
    fpr_at_threshold: ben.length ? ben.filter((x) => x.s >= THRESHOLD).length / ben.length : null,
  };
}

const HEADER = `${'held-out file'.padEnd(40)} ${'att'.padStart(5)} ${'ben'.padStart(5)}    auc  r@1%fpr r@3%fpr  recall@t   fpr@t`;
const line = (f: FileFigures) =>
  `${f.file.padEnd(40)} ${String(f.attacks).padStart(5)} ${String(f.benign).padStart(5)}  ${f3(f.auc)}  ${pct(f.recall_at_1pct_fpr)}  ${pct(f.recall_at_3pct_fpr)}   ${pct(f.recall_at_threshold)}  ${pct(f.fpr_at_threshold)}`;

function scorer(artifact: ModelArtifact): (rs: DatasetRecord[]) => Scored[] {
  const m = loadModelArtifact(artifact);
  if (m.kind !== 'linear') throw new Error('this harness evaluates linear models');
  return (rs) => rs.map((r) => ({ r, s: 1 - m.predictProba(r.text).benign }));
}

function referenceReport(
  title: string,
  score: (rs: DatasetRecord[]) => Scored[],
  external: DatasetRecord[],
  probe: DatasetRecord[],
) {
  const ext = score(external);
  const pr = score(probe);
  const all = [...ext, ...pr];
  const refBenign = all.filter((x) => !isAttack(x.r));
  const refAttacks = all.filter((x) => isAttack(x.r));
  console.log(`\n${title} (threshold ${THRESHOLD})`);
  console.log(HEADER);
  const out: FileFigures[] = [];
  for (const f of [...new Set(all.map((x) => x.r.file!))]) {
    const fig = figures(
      f,
      all.filter((x) => x.r.file === f),
      refBenign.filter((x) => x.r.file !== f),
      refAttacks.filter((x) => x.r.file !== f),
    );
    out.push(fig);
    console.log(line(fig));
  }
  const probeAll = figures('probe (all files)', pr, [], []);
  const refAll = figures('all reference rows', all, [], []);
  console.log(line(probeAll));
  console.log(line(refAll));
  return { per_file: out, probe: probeAll, all: refAll, scored: all };
}

async function main(): Promise<void> {
  const publicRecords = load(dataDir, PERMISSIVE_FILES);
  const external = load(dataDir, EVALUATION_ONLY_FILES);
  const probe = load(resolve(args['probe-dir']!), probeFiles);
  log(
    `public ${publicRecords.length}, external (evaluation-only) ${external.length}, probe ${probe.length} from ${probeFiles.join(', ')}`,
  );
  const results: Record<string, unknown> = {};

  if (args.shipped) {
    const artifact = JSON.parse(readFileSync(resolve(args.model!), 'utf8')) as ModelArtifact;
    const rep = referenceReport(
      `shipped ${args.model} on evaluation-only files + probe`,
      scorer(artifact),
      external,
      probe,
    );
    const show = Number(args.show);
    // Rows of the blind part are never listed: only its aggregate figures may guide tuning.
    const pr = rep.scored.filter((x) => x.r.source.startsWith('mlsec/probe') && !x.r.source.startsWith('mlsec/probe-blind'));
    console.log(`\nprobe: benign rows with the highest scores`);
    for (const x of pr
      .filter((x) => !isAttack(x.r))
      .sort((a, b) => b.s - a.s)
      .slice(0, show))
      console.log(`  ${x.s.toFixed(3)}  ${x.r.text.slice(0, 110).replace(/\n/g, ' ')}`);
    console.log(`probe: attack rows with the lowest scores`);
    for (const x of pr
      .filter((x) => isAttack(x.r))
      .sort((a, b) => a.s - b.s)
      .slice(0, show))
      console.log(`  ${x.s.toFixed(3)}  [${x.r.label}] ${x.r.text.slice(0, 110).replace(/\n/g, ' ')}`);
    results.shipped = { per_file: rep.per_file, probe: rep.probe, all: rep.all };
  }

  const folds =
    args.folds === 'none'
      ? []
      : args.folds === 'all'
        ? GROUPS
        : GROUPS.filter((g) => g.some((f) => args.folds!.split(',').some((x) => f.startsWith(x))));
  if (folds.length) {
    const gen = generatedToRecords(
      generateAttacks({ count: Number(args['gen-attacks']), seed }).map((a) => ({
        text: a.text,
        category: a.category as Label,
        technique: a.technique,
      })),
      generateBenign({ count: Number(args['gen-benign']), seed: seed + 1 }).map((b) => ({
        text: b.text,
        kind: b.kind,
      })),
      seed,
    );
    const trainer = trainerRegistry.get('linear')!;
    const foldFigures: FileFigures[] = [];
    const refFigures: Record<string, FileFigures[]> = {};
    for (const group of folds) {
      const held = new Set(group);
      const t0 = Date.now();
      const train = [...publicRecords.filter((r) => !held.has(r.file!)), ...gen];
      const out = await trainer.train(
        { name: 'ood-fold', version: '0.0.0', train, val: [] },
        { ...trainer.defaults, seed },
      );
      const score = scorer(out.artifact);
      const ref = [...score(external), ...score(probe)];
      const refBenign = ref.filter((x) => !isAttack(x.r));
      const refAttacks = ref.filter((x) => isAttack(x.r));
      for (const f of group) {
        const fig = figures(f, score(publicRecords.filter((r) => r.file === f)), refBenign, refAttacks);
        foldFigures.push(fig);
        log(line(fig), `(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      }
      refFigures[group.join('+')] = [...new Set(ref.map((x) => x.r.file!))].map((f) =>
        figures(
          f,
          ref.filter((x) => x.r.file === f),
          refBenign.filter((x) => x.r.file !== f),
          refAttacks.filter((x) => x.r.file !== f),
        ),
      );
    }
    console.log(
      `\nleave-one-source-out, linear trainer defaults + ${gen.length} generated rows (threshold ${THRESHOLD}); attack files ranked against instructionwild + probe benign`,
    );
    console.log(HEADER);
    for (const f of foldFigures) console.log(line(f));
    results.leave_one_source_out = foldFigures;
    results.reference_sets_per_fold = refFigures;
  }

  if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
