/**
 * Benign check for known-attack seeds (src/detection/detectors/known-attacks.ts): for each seed,
 * how many texts of the permissive training files sit at or above the embedding detector's
 * similarity floor, benign vs attack. A text counts when any of its 120-word chunks (as the
 * detector scans it) reaches the floor. Evaluation files (promptmap, easyjailbreak,
 * instructionwild, giskard, pallms, the probe) are not read.
 *
 *   nice -n 19 node --import tsx scripts/detection-seed-check.ts [--seeds <file>] [--floor 0.72]
 *        [--data-dir ../shared/data] [--cache-dir .cache/encoder]
 *
 * --seeds: candidate seeds, one per line `label<TAB>text`; the shipped SEED_ATTACKS are always
 * checked too. Vectors are cached in --cache-dir (the fit script's cache).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getSentenceEncoder } from '../src/ml/encoder.js';
import { chunkText } from '../src/detection/chunking.js';
import { SEED_ATTACKS } from '../src/detection/detectors/known-attacks.js';
import { readDataFile } from '../src/training/data-files.js';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '' },
    floor: { type: 'string', default: '0.72' },
    'data-dir': { type: 'string', default: '../shared/data' },
    'cache-dir': { type: 'string', default: '.cache/encoder' },
  },
});

/** Permissive files minus pallms and giskard, which the project keeps for evaluation. */
const FILES = [
  'cyberseceval_prompt_injection.jsonl',
  'bipia_documents.jsonl',
  'jailbreakbench_artifacts.jsonl',
  'gpteacher_benign.jsonl',
  'awesome_chatgpt_prompts_benign.jsonl',
  'self_instruct_benign.jsonl',
  'gsm8k_benign.jsonl',
];

const floor = Number(args.floor);
const encoder = getSentenceEncoder({ batchSize: 32, cacheDir: resolve(args['cache-dir']!) });
const log = (...a: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...a);

interface Row {
  file: string;
  attack: boolean;
  chunks: Float32Array[];
}
const rows: Row[] = [];
const chunkTexts: string[] = [];
const owner: number[] = [];
for (const f of FILES) {
  for (const r of readDataFile(join(resolve(args['data-dir']!), f)).records) {
    const idx = rows.length;
    rows.push({ file: f.replace(/\.jsonl$/, ''), attack: r.label !== 'benign', chunks: [] });
    for (const c of chunkText(r.text, { chunkWords: 120, overlapWords: 30 })) {
      chunkTexts.push(c);
      owner.push(idx);
    }
  }
}
log(`${rows.length} texts, ${chunkTexts.length} chunks; encoding`);
const vecs = await encoder.embed(chunkTexts);
vecs.forEach((v, i) => rows[owner[i]].chunks.push(v));
log('encoded');

const seeds: { label: string; text: string; shipped: boolean }[] = SEED_ATTACKS.map((s) => ({
  ...s,
  shipped: true,
}));
if (args.seeds) {
  for (const line of readFileSync(args.seeds, 'utf8').split('\n')) {
    const t = line.indexOf('\t');
    if (t < 0 || line.startsWith('#')) continue;
    seeds.push({ label: line.slice(0, t), text: line.slice(t + 1).trim(), shipped: false });
  }
}
const seedVecs = await encoder.embed(seeds.map((s) => s.text));

const nAttack = rows.filter((r) => r.attack).length;
console.log(`floor ${floor}; ${rows.length - nAttack} benign, ${nAttack} attack texts (${FILES.join(', ')})`);
console.log('shipped\tbenign\tattack\tmaxsim_benign\tbenign by file\tattack by file\tlabel\ttext');
for (let s = 0; s < seeds.length; s++) {
  const w = seedVecs[s];
  let b = 0;
  let a = 0;
  let maxB = -1;
  const byFile = { benign: new Map<string, number>(), attack: new Map<string, number>() };
  for (const r of rows) {
    let best = -1;
    for (const v of r.chunks) {
      let d = 0;
      for (let j = 0; j < v.length; j++) d += v[j] * w[j];
      if (d > best) best = d;
    }
    if (!r.attack && best > maxB) maxB = best;
    if (best >= floor) {
      const m = r.attack ? byFile.attack : byFile.benign;
      m.set(r.file, (m.get(r.file) ?? 0) + 1);
      if (r.attack) a++;
      else b++;
    }
  }
  const fmt = (m: Map<string, number>) => [...m].map(([k, v]) => `${k.split('_')[0]}:${v}`).join(' ') || '-';
  console.log(
    [
      seeds[s].shipped ? 'yes' : 'new',
      b,
      a,
      maxB.toFixed(3),
      fmt(byFile.benign),
      fmt(byFile.attack),
      seeds[s].label,
      seeds[s].text.slice(0, 90),
    ].join('\t'),
  );
}
