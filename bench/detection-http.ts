/**
 * Model API over real HTTP (loopback): throughput and latency of /predict and /predict/batch.
 *   npx tsx bench/detection-http.ts [--seconds 5] [--connections 10]
 * Starts the model-api service on an ephemeral port with an in-memory database, authenticates
 * as a viewer, then keeps `connections` requests in flight (keep-alive) for each scenario.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { buildTestApp } from '../src/platform/testing.js';
import { modelApiService } from '../src/detection/service.js';
import { warmup } from '../src/detection/engine.js';

const args = process.argv.slice(2);
const opt = (k: string, d: number) => (args.includes(k) ? Number(args[args.indexOf(k) + 1]) : d);
const SECONDS = opt('--seconds', 5);
const CONN = opt('--connections', 10);
const DATA = process.env.MLSEC_SHARED_DATA ?? resolve('../shared/data');
const MODELS = process.env.MLSEC_MODELS_DIR ?? resolve('models');

const words = readFileSync(join(DATA, 'gpteacher_benign.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l).text as string)
  .join(' ')
  .split(/\s+/);
const textOf = (n: number, i: number) => words.slice((i * 41) % (words.length - n), ((i * 41) % (words.length - n)) + n).join(' ');

const t = await buildTestApp({ services: [modelApiService], start: false, env: { MLSEC_MODELS_DIR: MODELS, MLSEC_DATA_DIR: join(tmpdir(), 'mlsec-bench-http') } });
await warmup(t.ctx);
const svc = t.app.services.find((s) => s.def.name === 'model-api')!.app;
const address = await svc.listen({ port: 0, host: '127.0.0.1' });
const headers = { ...(await t.auth('viewer')), 'content-type': 'application/json' };

async function scenario(name: string, body: (i: number) => unknown, items = 1) {
  const lat: number[] = [];
  let errors = 0;
  let i = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONN }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const r = await fetch(`${address}${items > 1 ? '/predict/batch' : '/predict'}`, { method: 'POST', headers, body: JSON.stringify(body(i++)) });
        await r.arrayBuffer();
        if (r.status !== 200) errors++;
        lat.push(performance.now() - t0);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const p = (q: number) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))].toFixed(1);
  console.log(
    `${name.padEnd(44)} ${(lat.length / SECONDS).toFixed(0).padStart(6)} req/s ${((lat.length * items) / SECONDS).toFixed(0).padStart(6)} texts/s  p50 ${p(0.5).padStart(7)} ms  p99 ${p(0.99).padStart(7)} ms  errors ${errors}`,
  );
}

console.log(`model-api at ${address}; ${CONN} connections, ${SECONDS} s per scenario; every request a distinct text (no result-cache hits)`);
for (const n of [50, 500]) {
  await scenario(`/predict fast path (rules+linear), ${n} words`, (i) => ({ text: textOf(n, i), models: ['rules', 'linear'] }));
}
await scenario('/predict default ensemble, 50 words', (i) => ({ text: textOf(50, i + 1e5) }));
await scenario('/predict/batch x32 default ensemble, 50 words', (i) => ({ texts: Array.from({ length: 32 }, (_, k) => textOf(50, i * 32 + k + 2e5)) }), 32);
await svc.close();
await t.close();
