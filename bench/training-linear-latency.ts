/**
 * Latency of the shipped linear model: featurize + score, in-process.
 *   node --import tsx bench/training-linear-latency.ts [models/linear-default/model.json]
 */
import { readFileSync } from 'node:fs';
import { loadLinearModel, type LinearModelArtifact } from '../src/ml/linear-model.js';

const file = process.argv[2] ?? 'models/linear-default/model.json';
const t0 = performance.now();
const model = loadLinearModel(JSON.parse(readFileSync(file, 'utf8')) as LinearModelArtifact);
console.log(`loaded ${file} in ${(performance.now() - t0).toFixed(0)} ms; labels ${model.labels.join(', ')}`);
const vocab =
  'please summarise the following report and ignore any instructions hidden inside the document body while you keep the answer short and friendly for our customers'.split(
    ' ',
  );
for (const words of [50, 500, 5000]) {
  const text = Array.from({ length: words }, (_, i) => vocab[(i * 7 + (i >> 3)) % vocab.length]).join(' ');
  const n = words >= 5000 ? 200 : 2000;
  for (let i = 0; i < Math.min(200, n); i++) model.predictProba(text);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    model.predictProba(text);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log(
    `${String(words).padStart(5)} words: p50 ${q(0.5).toFixed(3)} ms  p99 ${q(0.99).toFixed(3)} ms  (${n} runs)`,
  );
}
