/**
 * Do the generators help out of distribution? Trains the project's hashed n-gram logistic
 * model (src/ml) on (a) the permissive shared files only, (b) those + generated attacks and
 * benign look-alikes, and scores both on the evaluation-only files (never trained on) and on
 * the shared benign holdout. Run: npx tsx bench/redteam-ablation.ts [--count 4000]
 */
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { hashFeatures, DEFAULT_HASHING } from '../src/ml/text-features.js';
import { trainSoftmax, predictLogits, DEFAULT_LOGISTIC } from '../src/ml/logistic.js';
import { rocAuc, recallAtFpr } from '../src/ml/metrics.js';
import { generateAttacks, generateBenign, hashSeed, strategyRegistry } from '../src/redteam/index.js';

const DATA = resolve('..', 'shared', 'data');
const TRAIN_FILES = [
  'cyberseceval_prompt_injection',
  'bipia_documents',
  'pallms_payloads',
  'giskard_hijacking',
  'jailbreakbench_artifacts',
  'gpteacher_benign',
  'awesome_chatgpt_prompts_benign',
  'self_instruct_benign',
  'gsm8k_benign',
];
const count = Number(process.argv[process.argv.indexOf('--count') + 1]) || 4000;
const read = (f: string) =>
  readFileSync(`${DATA}/${f}.jsonl`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .map((r) => ({ text: r.text as string, y: r.label === 'benign' ? 0 : 1, id: r.id as string }));
const cfg = { ...DEFAULT_HASHING, dim: 1 << 18 };

async function fit(rows: { text: string; y: number }[]) {
  const r = await trainSoftmax(
    {
      dim: cfg.dim,
      numClasses: 2,
      X: rows.map((x) => hashFeatures(x.text, cfg)),
      y: Int32Array.from(rows.map((x) => x.y)),
    },
    { ...DEFAULT_LOGISTIC, epochs: 6, patience: 6 },
  );
  return (rows2: { text: string }[]) => {
    const z = predictLogits(
      r.W,
      r.b,
      2,
      rows2.map((x) => hashFeatures(x.text, cfg)),
    );
    return rows2.map((_, i) => 1 / (1 + Math.exp(z[2 * i] - z[2 * i + 1])));
  };
}

async function main() {
  const shared = TRAIN_FILES.flatMap(read);
  const train = shared.filter((r) => hashSeed('holdout', r.id) % 5 !== 0);
  const holdBenign = shared.filter((r) => hashSeed('holdout', r.id) % 5 === 0 && r.y === 0);
  const strategies = [...strategyRegistry.ids];
  const gen = [
    ...generateAttacks({ count, seed: 1, strategies }).map((a) => ({ text: a.text, y: 1 })),
    ...generateBenign({ count, seed: 1 }).map((b) => ({ text: b.text, y: 0 })),
  ];
  const attacksOod = [...read('easyjailbreak_templates'), ...read('promptmap_rules')];
  const benignOod = read('instructionwild_benign');
  const freshGenA = generateAttacks({ count: 2000, seed: 77, strategies });
  const freshGenB = generateBenign({ count: 2000, seed: 78 });
  for (const [name, rows] of [
    ['shared only', train],
    ['shared + generated', [...train, ...gen]],
  ] as const) {
    const m = await fit(rows as { text: string; y: number }[]);
    const sa = m(attacksOod),
      sb = m(benignOod),
      sh = m(holdBenign),
      ga = m(freshGenA),
      gb = m(freshGenB);
    const y = [...sa.map(() => 1), ...sb.map(() => 0)];
    const s = [...sa, ...sb];
    const r3 = recallAtFpr(y, s, 0.03);
    const fpr = (xs: number[]) => ((xs.filter((v) => v >= 0.5).length / xs.length) * 100).toFixed(1) + '%';
    console.log(
      `${name.padEnd(20)} OOD (easyjailbreak+promptmap vs instructionwild): AUC ${rocAuc(y, s).toFixed(3)}, recall@3%FPR ${r3.recall.toFixed(3)}, FPR@0.5 instructionwild ${fpr(sb)}, shared benign holdout ${fpr(sh)} | generated (fresh seeds) AUC ${rocAuc([...ga.map(() => 1), ...gb.map(() => 0)], [...ga, ...gb]).toFixed(3)}, look-alike FPR ${fpr(gb)}`,
    );
  }
}
main().catch((e) => (console.error(e), process.exit(1)));
