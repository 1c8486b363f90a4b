/**
 * Fit the detection ensemble (stacked logistic combiner + threshold) on OUT-OF-FOLD detector
 * scores, never on the evaluation sets.
 *
 *   nice -n 19 node --import tsx scripts/detection-fit-ensemble.ts [--stage oof|fit|eval|all]
 *        [--data-dir ../shared/data] [--cache-dir .cache/encoder] [--work .cache/ensemble-fit]
 *        [--oof-max-per-file 400] [--seed 42] [--eval <files>] [--write]
 *
 * 1. oof: for each leave-source-out fold of scripts/training-train-defaults.ts (same data, same
 *    trainers, same defaults, same generator seed), train linear and embedding WITHOUT the
 *    fold's files, write them to a temporary models folder, load them through the real
 *    detectors (de-obfuscation views, chunking, known-attack similarity, exactly as served) and
 *    score the held-out files (at most --oof-max-per-file rows per file and label). Every
 *    permissive file is held out by exactly one fold, so each public row gets a score from a
 *    model that never saw its file. A generator hold-out (seed + 1000, scored by each fold's
 *    models, in-distribution for the generators) is added at a quarter of the weight.
 *    Scores go to <work>/oof.json (minutes; the other stages reuse it).
 * 2. fit: class-balanced, file-balanced L2 logistic regression on clipped logits of the three
 *    detectors' P(attack) (+ an indicator for a strong rule finding); threshold = the score at
 *    which the OOF benign rows reach --target-fpr. Prints leave-one-fold-out figures of the
 *    combiner itself. With --write, the result is written to src/detection/ensemble-fitted.ts
 *    (with provenance), which ensemble.ts reads.
 * 3. eval: scores --eval files with the SHIPPED detectors (cached per text in
 *    <work>/eval-scores.json) and prints per-file figures of the previous default ensemble
 *    and of the fitted one. The eval files are never used by stages 1-2.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import type { DatasetRecord } from '../src/ml/dataset-io.js';
import type { Label } from '../src/ml/labels.js';
import { recallAtFpr, rocAuc } from '../src/ml/metrics.js';
import { getSentenceEncoder } from '../src/ml/encoder.js';
import { buildViews } from '../src/detection/normalizers/index.js';
import { rules, rulesResult } from '../src/detection/detectors/rules.js';
import { linear } from '../src/detection/detectors/linear.js';
import { embedding } from '../src/detection/detectors/embedding.js';
import type { LoadedDetector } from '../src/detection/detectors/types.js';
import type { DetectorResult } from '../src/detection/types.js';
import {
  combine,
  DEFAULT_ENSEMBLE,
  LEGACY_ENSEMBLE,
  type EnsembleConfig,
} from '../src/detection/ensemble.js';
import { generatedRecords } from './generated-records.js';
import { PERMISSIVE_FILES, embeddingSample, readDataFile } from '../src/training/data-files.js';
import { trainerRegistry } from '../src/training/trainers/index.js';

const { values: args } = parseArgs({
  options: {
    stage: { type: 'string', default: 'all' },
    'data-dir': { type: 'string', default: '../shared/data' },
    'cache-dir': { type: 'string', default: '.cache/encoder' },
    work: { type: 'string', default: '.cache/ensemble-fit' },
    'oof-max-per-file': { type: 'string', default: '400' },
    'embed-max-benign-per-file': { type: 'string', default: '1500' },
    'embed-gen': { type: 'string', default: '3000' },
    'gen-attacks': { type: 'string', default: '8000' },
    'gen-benign': { type: 'string', default: '8000' },
    seed: { type: 'string', default: '42' },
    'target-fpr': { type: 'string', default: '0.03' },
    l2: { type: 'string', default: '1' },
    // Weight of a generator hold-out row relative to a public out-of-fold row.
    'gen-weight': { type: 'string', default: '0.25' },
    eval: { type: 'string', default: '' },
    write: { type: 'boolean', default: false },
  },
});

const seed = Number(args.seed);
const dataDir = resolve(args['data-dir']!);
const cacheDir = resolve(args['cache-dir']!);
const work = resolve(args.work!);
mkdirSync(work, { recursive: true });
const log = (...a: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...a);
const DETECTORS = ['rules', 'linear', 'embedding'] as const;

/** Same folds as scripts/training-train-defaults.ts. */
const FOLDS: string[][] = [
  ['cyberseceval_prompt_injection.jsonl', 'gsm8k_benign.jsonl'],
  ['jailbreakbench_artifacts.jsonl', 'gpteacher_benign.jsonl'],
  ['bipia_documents.jsonl', 'self_instruct_benign.jsonl'],
  ['pallms_payloads.jsonl', 'giskard_hijacking.jsonl', 'awesome_chatgpt_prompts_benign.jsonl'],
];

/** What the combiner needs from one detector's result. */
interface DetScore {
  s: number;
  strong: boolean;
}
interface Row {
  file: string;
  label: Label;
  fold: number;
  weight: number;
  text?: string;
  det: Record<string, DetScore>;
}

function load(files: readonly string[]): DatasetRecord[] {
  return files.flatMap((f) => readDataFile(join(dataDir, f)).records);
}

/** Deterministic subsample: every k-th row so the cap spreads over the whole file. */
function capPerFileLabel(rs: DatasetRecord[], max: number): DatasetRecord[] {
  const groups = new Map<string, DatasetRecord[]>();
  for (const r of rs) {
    const k = `${r.file}|${r.label === 'benign' ? 'b' : 'a'}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].flatMap((g) => {
    if (g.length <= max) return g;
    const step = g.length / max;
    return Array.from({ length: max }, (_, i) => g[Math.floor(i * step)]);
  });
}

async function scoreWith(
  dets: Record<string, LoadedDetector>,
  texts: string[],
): Promise<Record<string, DetScore>[]> {
  const out: Record<string, DetScore>[] = texts.map(() => ({}));
  for (let s = 0; s < texts.length; s += 64) {
    const views = texts.slice(s, s + 64).map((t) => buildViews(t));
    for (const id of DETECTORS) {
      const res = await dets[id].detect(views);
      res.forEach(
        (r, k) =>
          (out[s + k][id] = { s: r.attackScore, strong: r.findings.some((f) => f.severity === 'strong') }),
      );
    }
    if ((s / 64) % 5 === 0) log(`    scored ${Math.min(s + 64, texts.length)}/${texts.length}`);
  }
  return out;
}

async function stageOof(): Promise<void> {
  const pub = load(PERMISSIVE_FILES);
  const gen = generatedRecords(seed, Number(args['gen-attacks']), Number(args['gen-benign']));
  const genTexts = new Set(gen.map((g) => g.text));
  const genHold = capPerFileLabel(
    generatedRecords(seed + 1000, 2000, 2000).filter((r) => !genTexts.has(r.text)),
    Math.ceil(Number(args['oof-max-per-file']) / 4),
  );
  const allLinear = [...pub, ...gen];
  const allEmbed = embeddingSample(
    pub,
    gen,
    Number(args['embed-max-benign-per-file']),
    Number(args['embed-gen']),
  );
  // Warm the process-wide vector cache from disk (the detectors' encoder shares it).
  await getSentenceEncoder({ cacheDir }).embed(['warm-up']);
  const rows: Row[] = [];
  for (let k = 0; k < FOLDS.length; k++) {
    const h = new Set(FOLDS[k]);
    const dir = join(work, `fold-${k}`);
    for (const id of ['linear', 'embedding'] as const) {
      const file = join(dir, `${id}-default`, 'model.json');
      if (existsSync(file)) continue;
      const trainer = trainerRegistry.get(id)!;
      const train = (id === 'embedding' ? allEmbed : allLinear).filter((r) => !h.has(r.file ?? ''));
      log(`fold ${k}: training ${id} on ${train.length} rows (held out: ${FOLDS[k].join(', ')})`);
      const out = await trainer.train(
        { name: `${id}-fold${k}`, version: '0.0.0', train, val: [] },
        { ...trainer.defaults, seed },
        { cacheDir },
      );
      mkdirSync(join(dir, `${id}-default`), { recursive: true });
      writeFileSync(file, JSON.stringify(out.artifact));
    }
    const dets: Record<string, LoadedDetector> = {
      rules: await rules.load({ modelsDir: dir }),
      linear: await linear.load({ modelsDir: dir }),
      embedding: await embedding.load({ modelsDir: dir }),
    };
    const held = capPerFileLabel(
      pub.filter((r) => h.has(r.file ?? '')),
      Number(args['oof-max-per-file']),
    );
    const genPart = genHold.filter((_, i) => i % FOLDS.length === k);
    const todo = [...held, ...genPart];
    log(`fold ${k}: scoring ${held.length} held-out public rows + ${genPart.length} generator hold-out rows`);
    const sc = await scoreWith(
      dets,
      todo.map((r) => r.text),
    );
    todo.forEach((r, i) =>
      rows.push({
        file: r.file!,
        label: r.label,
        fold: k,
        weight: r.file!.startsWith('redteam:') ? 0.25 : 1,
        text: r.text,
        det: sc[i],
      }),
    );
  }
  writeFileSync(
    join(work, 'oof.json'),
    JSON.stringify({ created: new Date().toISOString(), folds: FOLDS, rows }),
  );
  log(`wrote ${rows.length} out-of-fold rows to ${join(work, 'oof.json')}`);
}

// ---------- fitting ----------

const CLIP = 8;
const EPS = 1e-6;
const clipLogit = (p: number) => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.max(-CLIP, Math.min(CLIP, Math.log(q / (1 - q))));
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function features(r: Row): number[] {
  return DETECTORS.map((d) => clipLogit(r.det[d]?.s ?? 0));
}

/** Weighted L2 logistic regression by Newton steps (4 parameters: tiny). */
function logistic(X: number[][], y: number[], w: number[], l2: number): number[] {
  const p = X[0].length + 1;
  let beta = new Array(p).fill(0);
  for (let it = 0; it < 50; it++) {
    const g = new Array(p).fill(0);
    const H = Array.from({ length: p }, () => new Array(p).fill(0));
    X.forEach((x, i) => {
      const xi = [1, ...x];
      const mu = sigmoid(xi.reduce((s, v, j) => s + v * beta[j], 0));
      for (let a = 0; a < p; a++) {
        g[a] += w[i] * (mu - y[i]) * xi[a];
        for (let b = 0; b < p; b++) H[a][b] += w[i] * mu * (1 - mu) * xi[a] * xi[b];
      }
    });
    for (let a = 1; a < p; a++) {
      g[a] += l2 * beta[a];
      H[a][a] += l2;
    }
    const step = solve(H, g);
    beta = beta.map((b, j) => b - step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return beta;
}

function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => row[n] / row[i]);
}

/** Class- and file-balanced weights: each file counts equally within its class, classes equally. */
function balancedWeights(rows: Row[]): number[] {
  const byFile = new Map<string, number>();
  for (const r of rows)
    byFile.set(
      `${r.label === 'benign'}|${r.file}`,
      (byFile.get(`${r.label === 'benign'}|${r.file}`) ?? 0) + 1,
    );
  const raw = rows.map((r) => r.weight / byFile.get(`${r.label === 'benign'}|${r.file}`)!);
  const tot = (b: boolean) => rows.reduce((s, r, i) => s + ((r.label === 'benign') === b ? raw[i] : 0), 0);
  const tb = tot(true);
  const ta = tot(false);
  const n = rows.length;
  return rows.map((r, i) => (raw[i] / (r.label === 'benign' ? tb : ta)) * (n / 2));
}

function toResults(r: Row): DetectorResult[] {
  return DETECTORS.filter((d) => r.det[d]).map((d) => ({
    detector: d,
    version: 'x',
    attackScore: r.det[d].s,
    probabilities: {
      benign: 1 - r.det[d].s,
      prompt_injection: r.det[d].s,
      jailbreak: 0,
      system_extraction: 0,
      code_injection: 0,
    } as Record<Label, number>,
    findings: r.det[d].strong
      ? [
          {
            detector: d,
            ruleId: 'x',
            label: 'prompt_injection',
            severity: 'strong',
            explanation: '',
            view: 'raw',
            span: [0, 0],
            match: '',
          },
        ]
      : [],
  })) as unknown as DetectorResult[];
}

function configFrom(beta: number[], threshold: number, documentThreshold = threshold): EnsembleConfig {
  return {
    ...DEFAULT_ENSEMBLE,
    method: 'stacked',
    stacker: {
      bias: beta[0],
      coef: Object.fromEntries(DETECTORS.map((d, j) => [d, beta[j + 1]])),
      clip: CLIP,
    },
    thresholds: { user: threshold, document: documentThreshold },
  };
}

const f3 = (x: number | null) => (x === null || Number.isNaN(x) ? '  -  ' : x.toFixed(3));
const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

/** Per-file figures: attack-only files ranked against all benign rows, as `mlsec eval` does. */
function report(title: string, rows: Row[], cfg: EnsembleConfig): void {
  const sc = rows.map((r) => combine(toResults(r), cfg));
  const ben = rows.map((r, i) => ({ r, d: sc[i] })).filter((x) => x.r.label === 'benign');
  console.log(`\n${title}`);
  console.log(`${'file'.padEnd(40)} ${'n'.padStart(5)}    auc  r@1%fpr r@3%fpr  recall@t  fpr@t`);
  const line = (name: string, sel: { r: Row; d: ReturnType<typeof combine> }[]) => {
    const att = sel.filter((x) => x.r.label !== 'benign');
    const bn = sel.filter((x) => x.r.label === 'benign');
    const neg = att.length && !bn.length ? ben : bn;
    const pos = att;
    const y = [...pos.map(() => 1), ...neg.map(() => 0)];
    const s = [...pos.map((x) => x.d.attack_score), ...neg.map((x) => x.d.attack_score)];
    const ok = pos.length && neg.length;
    console.log(
      `${name.padEnd(40)} ${String(sel.length).padStart(5)}  ${f3(ok ? rocAuc(y, s) : null)}  ${pct(ok ? recallAtFpr(y, s, 0.01).recall : null)}  ${pct(ok ? recallAtFpr(y, s, 0.03).recall : null)}   ${pct(att.length ? att.filter((x) => x.d.is_attack).length / att.length : null)} ${pct(bn.length ? bn.filter((x) => x.d.is_attack).length / bn.length : null)}`,
    );
  };
  const all = rows.map((r, i) => ({ r, d: sc[i] }));
  line('OVERALL', all);
  for (const f of [...new Set(rows.map((r) => r.file))].sort())
    line(
      f,
      all.filter((x) => x.r.file === f),
    );
}

/** Leave-one-fold-out figures of the combiner (row.det.cv = its score, row.weight = its decision). */
function cvReport(rows: Row[]): void {
  console.log("\nout-of-fold rows, combiner fitted WITHOUT the row's fold (honest for the combiner too)");
  const ben = rows.filter((r) => r.label === 'benign');
  for (const f of ['OVERALL', ...[...new Set(rows.map((r) => r.file))].sort()]) {
    const sel = f === 'OVERALL' ? rows : rows.filter((r) => r.file === f);
    const att = sel.filter((r) => r.label !== 'benign');
    const bn = sel.filter((r) => r.label === 'benign');
    const neg = att.length && !bn.length ? ben : bn;
    const y = [...att.map(() => 1), ...neg.map(() => 0)];
    const s = [...att.map((r) => r.det.cv.s), ...neg.map((r) => r.det.cv.s)];
    const ok = att.length && neg.length;
    console.log(
      `${f.padEnd(40)} ${String(sel.length).padStart(5)}  ${f3(ok ? rocAuc(y, s) : null)}  ${pct(ok ? recallAtFpr(y, s, 0.01).recall : null)}  ${pct(ok ? recallAtFpr(y, s, 0.03).recall : null)}   ${pct(att.length ? att.filter((r) => r.weight > 0).length / att.length : null)} ${pct(bn.length ? bn.filter((r) => r.weight > 0).length / bn.length : null)}`,
    );
  }
}

/** Macro miss rate over public attack files + macro FPR over public benign files (equal costs). */
function objective(decided: { r: Row; attack: boolean }[]): { miss: number; fpr: number; objective: number } {
  const pub = decided.filter((x) => !x.r.file.startsWith('redteam:'));
  const rate = (sel: typeof pub, want: boolean) => {
    const files = [...new Set(sel.map((x) => x.r.file))];
    return (
      files.reduce((s, f) => {
        const m = sel.filter((x) => x.r.file === f);
        return s + m.filter((x) => x.attack === want).length / m.length;
      }, 0) / Math.max(1, files.length)
    );
  };
  const miss = rate(
    pub.filter((x) => x.r.label !== 'benign'),
    false,
  );
  const fpr = rate(
    pub.filter((x) => x.r.label === 'benign'),
    true,
  );
  return { miss, fpr, objective: miss + fpr };
}

/** Weighted mean at the served thresholds: weights (linear = 1) by grid search on the objective. */
function fitWeightedMean(rows: Row[]): EnsembleConfig {
  const grid = [0.25, 0.5, 1, 1.5, 2, 3];
  let best: { cfg: EnsembleConfig; o: number } | undefined;
  for (const wr of grid)
    for (const we of grid) {
      const cfg: EnsembleConfig = {
        ...LEGACY_ENSEMBLE,
        weights: { ...LEGACY_ENSEMBLE.weights, rules: wr, linear: 1, embedding: we },
      };
      const o = objective(rows.map((r) => ({ r, attack: combine(toResults(r), cfg).is_attack }))).objective;
      if (!best || o < best.o - 1e-12) best = { cfg, o };
    }
  return best!.cfg;
}

function thresholdAtFpr(scores: number[], target: number): number {
  const s = [...scores].sort((a, b) => b - a);
  const k = Math.floor(target * s.length);
  return Math.min(0.95, Math.max(0.05, (s[k] ?? 0) + 1e-4));
}

function fit(rows: Row[]): { beta: number[]; threshold: number; documentThreshold: number } {
  const X = rows.map(features);
  const y = rows.map((r) => (r.label === 'benign' ? 0 : 1));
  const beta = logistic(X, y, balancedWeights(rows), Number(args.l2));
  return { beta, ...oofThresholds(rows, configFrom(beta, 0.5)) };
}

/**
 * Thresholds of a combiner: the combined score at which the OUT-OF-FOLD public benign rows reach
 * the target FPR (file-balanced: every benign file counts equally).
 */
function oofThresholds(rows: Row[], cfg0: EnsembleConfig): { threshold: number; documentThreshold: number } {
  const files = [
    ...new Set(rows.filter((r) => r.label === 'benign' && !r.file.startsWith('redteam:')).map((r) => r.file)),
  ];
  const per = files.map((f) =>
    rows
      .filter((r) => r.file === f && r.label === 'benign')
      .map((r) => combine(toResults(r), cfg0).attack_score),
  );
  // Equal weight per file: take the per-file threshold quantiles and use their mean.
  const threshold = per.reduce((s, sc) => s + thresholdAtFpr(sc, Number(args['target-fpr'])), 0) / per.length;
  // Retrieved documents are scanned more strictly (as before): twice the target FPR.
  const documentThreshold = Math.min(
    threshold,
    per.reduce((s, sc) => s + thresholdAtFpr(sc, 2 * Number(args['target-fpr'])), 0) / per.length,
  );
  return { threshold, documentThreshold };
}

function stageFit(): { chosen: string; cfg: EnsembleConfig; stacked: EnsembleConfig } {
  const { rows, created: oofCreated } = JSON.parse(readFileSync(join(work, 'oof.json'), 'utf8')) as {
    rows: Row[];
    created?: string;
  };
  // Rules are not trained: re-score them with the current rule table (cheap), so a rule change
  // does not need the slow model stage again.
  for (const r of rows) {
    r.weight = r.file.startsWith('redteam:') ? Number(args['gen-weight']) : 1;
    if (r.text === undefined) continue;
    const res = rulesResult(buildViews(r.text));
    r.det.rules = { s: res.attackScore, strong: res.findings.some((f) => f.severity === 'strong') };
  }
  log(`${rows.length} out-of-fold rows`);
  report(
    'out-of-fold rows, previous default ensemble (weighted_mean, hand-set weights)',
    rows,
    LEGACY_ENSEMBLE,
  );
  // Candidate combiners, each a recipe "rows -> config". The recipe is chosen by leave-one-fold-out
  // cross-validation of the recipe itself (fit on three folds' rows, decide the fourth's), on the
  // product's criterion: misses count as much as false positives (macro over public files).
  const recipes: Record<string, (rs: Row[]) => EnsembleConfig> = {
    legacy: () => LEGACY_ENSEMBLE,
    'stacked@oof-fpr': (rs) => {
      const f = fit(rs);
      return configFrom(f.beta, f.threshold, f.documentThreshold);
    },
    'stacked@0.5': (rs) => configFrom(fit(rs).beta, 0.5, 0.45),
    // Control: the hand-set weighted mean with its threshold set by the same out-of-fold rule as
    // stacked@oof-fpr, so the table shows whether the stacker or only its threshold helps.
    'legacy@oof-fpr': (rs) => {
      const t = oofThresholds(rs, LEGACY_ENSEMBLE);
      return { ...LEGACY_ENSEMBLE, thresholds: { user: t.threshold, document: t.documentThreshold } };
    },
    'weighted_mean@0.5': (rs) => fitWeightedMean(rs),
  };
  const cvTable: Record<string, { miss: number; fpr: number; objective: number }> = {};
  // The same objective within each held-out fold (its own attack and benign files): is a recipe's
  // lead spread over the folds or carried by one?
  const perFold: Record<string, number[]> = {};
  for (const [name, recipe] of Object.entries(recipes)) {
    const decided: { r: Row; attack: boolean; s: number }[] = [];
    for (let k = 0; k < FOLDS.length; k++) {
      const cfgK = recipe(rows.filter((r) => r.fold !== k));
      for (const r of rows.filter((x) => x.fold === k)) {
        const d = combine(toResults(r), cfgK);
        decided.push({ r, attack: d.is_attack, s: d.attack_score });
      }
    }
    cvTable[name] = objective(decided);
    perFold[name] = FOLDS.map((_, k) => objective(decided.filter((x) => x.r.fold === k)).objective);
    if (name === 'stacked@oof-fpr')
      cvReport(
        decided.map((x) => ({ ...x.r, det: { cv: { s: x.s, strong: false } }, weight: x.attack ? 1 : 0 })),
      );
  }
  console.log(
    `\nrecipe (leave-one-fold-out)      macro miss  macro FPR  objective (miss + FPR)   per held-out fold ${FOLDS.map((_, k) => k).join('/')}`,
  );
  for (const [name, v] of Object.entries(cvTable))
    console.log(
      `${name.padEnd(32)} ${pct(v.miss)}     ${pct(v.fpr)}     ${pct(v.objective)}                ${perFold[name].map((o) => (o * 100).toFixed(1)).join(' / ')}`,
    );
  const chosen = Object.entries(cvTable).sort((a, b) => a[1].objective - b[1].objective)[0][0];
  log(`chosen recipe: ${chosen}`);
  const { beta, threshold, documentThreshold } = fit(rows);
  const stackedCfg = configFrom(beta, threshold, documentThreshold);
  log(
    `stacked fitted on all folds: bias ${beta[0].toFixed(3)} coef ${DETECTORS.map((d, j) => `${d}=${beta[j + 1].toFixed(3)}`).join(' ')} threshold ${threshold.toFixed(3)} (document ${documentThreshold.toFixed(3)})`,
  );
  const cfg = recipes[chosen](rows);
  if (cfg.method === 'weighted_mean') log(`weighted_mean weights ${JSON.stringify(cfg.weights)}`);
  report(
    'out-of-fold rows, stacked combiner fitted on all of them (in-sample for the combiner)',
    rows,
    stackedCfg,
  );
  report(
    `out-of-fold rows, chosen recipe ${chosen} fitted on all of them (in-sample for the combiner)`,
    rows,
    cfg,
  );
  if (args.write) {
    const file = resolve('src/detection/ensemble-fitted.ts');
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.file] = (counts[r.file] ?? 0) + 1;
    let rev: string | undefined;
    try {
      rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      rev = undefined;
    }
    writeFileSync(
      file,
      '// Generated by scripts/detection-fit-ensemble.ts --write: do not edit by hand (re-run the script).\n' +
        'export const FITTED_ENSEMBLE = ' +
        JSON.stringify(
          {
            method: cfg.method,
            weights: cfg.weights,
            // The out-of-fold stacked combiner is written even when it is not the chosen default:
            // it is what `ensemble: "stacked"` uses.
            stacker: stackedCfg.stacker,
            thresholds: cfg.thresholds,
            stacked_threshold_at_oof_fpr: stackedCfg.thresholds,
            leave_one_fold_out: cvTable,
            chosen_recipe: chosen,
            provenance: {
              script: 'scripts/detection-fit-ensemble.ts',
              command:
                `node --import tsx scripts/detection-fit-ensemble.ts ${process.argv.slice(2).join(' ')}`.trim(),
              code_version: rev,
              created: new Date().toISOString(),
              // The model scores come from the oof stage, which may be older than code_version
              // (stage fit re-scores only the rules).
              oof_scores_created: oofCreated,
              features: `clipped logit (±${CLIP}) of each detector's P(attack), scored through the real detectors (views, chunking)`,
              fit_data: `out-of-fold scores: leave-source-out folds of scripts/training-train-defaults.ts over the permissive shared files (each row scored by linear/embedding models that never saw its file), plus a generator hold-out (seed + 1000) at weight ${args['gen-weight']}; class- and file-balanced L2 logistic regression`,
              threshold_rule: `mean over permissive benign files of the score at ${args['target-fpr']} out-of-fold FPR`,
              rows_per_file: counts,
              never_used:
                'promptmap, easyjailbreak, instructionwild (evaluation only) and test/fixtures/detection-probe* were not read',
            },
          },
          null,
          2,
        ) +
        ' as const;\n',
    );
    log(`wrote ${file}`);
  }
  return { chosen, cfg, stacked: stackedCfg };
}

async function stageEval(fitted: {
  chosen: string;
  cfg: EnsembleConfig;
  stacked: EnsembleConfig;
}): Promise<void> {
  const files = args.eval!.split(',').filter(Boolean);
  if (!files.length) return;
  const cacheFile = join(work, 'eval-scores.json');
  const cache: Record<string, Record<string, DetScore>> = existsSync(cacheFile)
    ? JSON.parse(readFileSync(cacheFile, 'utf8'))
    : {};
  const key = (t: string) => `${t.length}:${t}`;
  const recs = files.flatMap((f) =>
    readDataFile(resolve(f)).records.map((r) => ({ ...r, file: basename(f) })),
  );
  const todo = [...new Set(recs.map((r) => r.text).filter((t) => !cache[key(t)]))];
  if (todo.length) {
    log(`scoring ${todo.length} texts with the shipped detectors`);
    const dir = resolve('models');
    const dets = {
      rules: await rules.load({ modelsDir: dir }),
      linear: await linear.load({ modelsDir: dir }),
      embedding: await embedding.load({ modelsDir: dir }),
    };
    const sc = await scoreWith(dets, todo);
    todo.forEach((t, i) => (cache[key(t)] = sc[i]));
    writeFileSync(cacheFile, JSON.stringify(cache));
  }
  const rows: Row[] = recs.map((r) => {
    const res = rulesResult(buildViews(r.text)); // current rule table (not cached)
    return {
      file: r.file,
      label: r.label,
      fold: -1,
      weight: 1,
      det: {
        ...cache[key(r.text)],
        rules: { s: res.attackScore, strong: res.findings.some((f) => f.severity === 'strong') },
      },
    };
  });
  report(
    `${files.map((f) => basename(f)).join(' + ')}: previous default ensemble (weighted_mean)`,
    rows,
    LEGACY_ENSEMBLE,
  );
  report(`${files.map((f) => basename(f)).join(' + ')}: fitted stacked ensemble`, rows, fitted.stacked);
  if (fitted.chosen !== 'stacked@oof-fpr' && fitted.chosen !== 'legacy')
    report(`${files.map((f) => basename(f)).join(' + ')}: chosen recipe ${fitted.chosen}`, rows, fitted.cfg);
  for (const d of DETECTORS)
    report(
      `${d} alone (threshold 0.5)`,
      rows.map((r) => ({ ...r, det: { [d]: r.det[d] } })),
      {
        ...DEFAULT_ENSEMBLE,
        method: 'max',
        strongRulesDecide: false,
        thresholds: { user: 0.5, document: 0.5 },
      },
    );
}

async function main(): Promise<void> {
  const st = args.stage!;
  if (st === 'oof' || st === 'all') await stageOof();
  if (st === 'oof') return;
  const fitted = stageFit();
  if (st === 'eval' || st === 'all') await stageEval(fitted);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
