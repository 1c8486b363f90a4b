/**
 * Measures one turn of the continuous-learning loop, end to end on real data, with the
 * project's own hashed n-gram logistic model (src/ml):
 *
 *   1. "production" model: permissive shared data (80% of each file) + generated attacks and
 *      benign look-alikes (seed 1);
 *   2. campaign (seed 2, every strategy) against it -> missed attacks; benign look-alikes
 *      (seed 2) it wrongly flags -> new training rows;
 *   3. retrain on the old data + those rows;
 *   4. compare both models on a FRESH campaign (seed 3) and on benign validation data never
 *      trained on (20% holdout of the shared benign files + generated benign seed 4), plus the
 *      evaluation-only files (GPL / non-commercial: used here to measure, never to train).
 *
 * Run: npx tsx scripts/redteam-loop.ts [--count 2000] [--miss-weight 1] [--fp-weight 3]
 */
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { hashFeatures, DEFAULT_HASHING, type SparseVector } from '../src/ml/text-features.js';
import { trainSoftmax, predictLogits, DEFAULT_LOGISTIC } from '../src/ml/logistic.js';
import { rocAuc } from '../src/ml/metrics.js';
import { generateAttacks, generateBenign, hashSeed, strategyRegistry } from '../src/redteam/index.js';

const DATA = resolve('..', 'shared', 'data');
const TRAIN_FILES = ['cyberseceval_prompt_injection', 'bipia_documents', 'pallms_payloads', 'giskard_hijacking', 'jailbreakbench_artifacts', 'gpteacher_benign', 'awesome_chatgpt_prompts_benign', 'self_instruct_benign', 'gsm8k_benign'];
const EVAL_ONLY = ['promptmap_rules', 'easyjailbreak_templates', 'instructionwild_benign'];
const count = Number(process.argv[process.argv.indexOf('--count') + 1]) || 2000;
const num = (name: string, d: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : d);
const missWeight = num('miss-weight', 1);
const fpWeight = num('fp-weight', 3);

interface Row { text: string; y: number; w?: number }
function readFile(name: string): { text: string; y: number; id: string }[] {
  return readFileSync(`${DATA}/${name}.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => {
    const r = JSON.parse(l);
    return { text: r.text, y: r.label === 'benign' ? 0 : 1, id: r.id };
  });
}
const inHoldout = (id: string) => hashSeed('holdout', id) % 5 === 0;

const cfg = { ...DEFAULT_HASHING, dim: 1 << 18 };
const feats = (rows: { text: string }[]): SparseVector[] => rows.map((r) => hashFeatures(r.text, cfg));

async function train(rows: Row[]) {
  const X = feats(rows);
  const y = Int32Array.from(rows.map((r) => r.y));
  const sampleWeight = Float32Array.from(rows.map((r) => r.w ?? 1));
  const r = await trainSoftmax({ dim: cfg.dim, numClasses: 2, X, y, sampleWeight }, { ...DEFAULT_LOGISTIC, epochs: 6, patience: 6 });
  return (texts: { text: string }[]) => {
    const z = predictLogits(r.W, r.b, 2, feats(texts));
    return texts.map((_, i) => 1 / (1 + Math.exp(z[i * 2] - z[i * 2 + 1])));
  };
}

const rate = (xs: number[], thr: number) => xs.filter((s) => s >= thr).length / Math.max(1, xs.length);
const pct = (x: number) => (x * 100).toFixed(1) + '%';

async function main() {
  const t0 = Date.now();
  const shared = TRAIN_FILES.flatMap((f) => readFile(f).map((r) => ({ ...r, file: f })));
  const baseTrain: Row[] = shared.filter((r) => !inHoldout(r.id));
  const sharedBenignHoldout = shared.filter((r) => inHoldout(r.id) && r.y === 0);
  const strategies = [...strategyRegistry.ids];
  const genTrainA = generateAttacks({ count, seed: 1, strategies });
  const genTrainB = generateBenign({ count, seed: 1 });
  const prodRows: Row[] = [...baseTrain, ...genTrainA.map((a) => ({ text: a.text, y: 1 })), ...genTrainB.map((b) => ({ text: b.text, y: 0 }))];
  console.log(`production training rows: ${prodRows.length} (${baseTrain.length} shared + ${genTrainA.length + genTrainB.length} generated)`);
  const prod = await train(prodRows);

  // Campaign with another seed: what does production miss?
  const campaign = generateAttacks({ count, seed: 2, strategies });
  const lookalikes = generateBenign({ count, seed: 2 });
  const cScores = prod(campaign);
  const bScores = prod(lookalikes);
  const missed = campaign.filter((_, i) => cScores[i] < 0.5);
  const flagged = lookalikes.filter((_, i) => bScores[i] >= 0.5);
  console.log(`campaign seed 2: ${campaign.length} attacks, detected ${pct(1 - missed.length / campaign.length)}; ${missed.length} missed -> dataset; ${flagged.length}/${lookalikes.length} benign look-alikes flagged -> dataset`);

  // New dataset version = old rows + missed attacks + wrongly flagged benign. False positives get
  // the larger weight: adding only attacks pushes the boundary toward benign text.
  console.log(`weights: missed attacks ${missWeight}, false positives ${fpWeight}`);
  const candidate = await train([...prodRows, ...missed.map((a) => ({ text: a.text, y: 1, w: missWeight })), ...flagged.map((b) => ({ text: b.text, y: 0, w: fpWeight }))]);

  // Fresh evaluation material, never trained on.
  const fresh = generateAttacks({ count, seed: 3, strategies });
  const freshBenign = generateBenign({ count, seed: 4 });
  const evalOnly = EVAL_ONLY.flatMap((f) => readFile(f).map((r) => ({ ...r, file: f })));
  const table: string[] = [];
  const line = (name: string, a: number, b: number) => table.push(`${name.padEnd(52)} ${pct(a).padStart(8)} ${pct(b).padStart(8)}`);
  table.push(`${'metric (threshold 0.5)'.padEnd(52)} ${'before'.padStart(8)} ${'after'.padStart(8)}`);
  const [pf, cf] = [prod(fresh), candidate(fresh)];
  line(`detection rate, fresh campaign seed 3 (n=${fresh.length})`, rate(pf, 0.5), rate(cf, 0.5));
  for (const cat of ['prompt_injection', 'jailbreak', 'system_extraction', 'code_injection']) {
    const idx = fresh.map((a, i) => (a.category === cat ? i : -1)).filter((i) => i >= 0);
    line(`  ${cat}`, rate(idx.map((i) => pf[i]), 0.5), rate(idx.map((i) => cf[i]), 0.5));
  }
  const [ph, ch] = [prod(sharedBenignHoldout), candidate(sharedBenignHoldout)];
  line(`FPR, shared benign holdout (n=${sharedBenignHoldout.length})`, rate(ph, 0.5), rate(ch, 0.5));
  const [pg, cg] = [prod(freshBenign), candidate(freshBenign)];
  line(`FPR, generated benign look-alikes seed 4 (n=${freshBenign.length})`, rate(pg, 0.5), rate(cg, 0.5));
  for (const f of EVAL_ONLY) {
    const rows = evalOnly.filter((r) => r.file === f);
    const [p, c] = [prod(rows), candidate(rows)];
    line(`${rows[0].y ? 'recall' : 'FPR'}, ${f} (eval-only, n=${rows.length})`, rate(p, 0.5), rate(c, 0.5));
  }
  // Same false-positive budget: the candidate's threshold is set so that its FPR on the shared
  // benign holdout does not exceed production's at 0.5; then compare detection.
  const prodFp = ph.filter((x) => x >= 0.5).length;
  const sortedCh = [...ch].sort((a, b) => b - a);
  const thr = Math.max(0.5, prodFp < sortedCh.length ? sortedCh[prodFp] + 1e-9 : 0.5);
  table.push('', `candidate threshold at production's holdout FPR: ${thr.toFixed(4)}`);
  line(`detection rate, fresh campaign seed 3 (prod 0.5 / cand ${thr.toFixed(3)})`, rate(pf, 0.5), rate(cf, thr));
  line('FPR, shared benign holdout (same budget)', rate(ph, 0.5), rate(ch, thr));
  line('FPR, generated benign look-alikes seed 4', rate(pg, 0.5), rate(cg, thr));
  line('FPR, instructionwild_benign (eval-only)', rate(prod(evalOnly.filter((r) => r.file === 'instructionwild_benign')), 0.5), rate(candidate(evalOnly.filter((r) => r.file === 'instructionwild_benign')), thr));
  const yAll = [...fresh.map(() => 1), ...sharedBenignHoldout.map(() => 0), ...freshBenign.map(() => 0)];
  line('ROC AUC, fresh campaign vs all benign validation', rocAuc(yAll, [...pf, ...ph, ...pg]), rocAuc(yAll, [...cf, ...ch, ...cg]));
  console.log('\n' + table.join('\n'));
  console.log(`\n(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
