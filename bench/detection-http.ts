/**
 * Model API over real HTTP (loopback): throughput and latency of /predict and /predict/batch.
 *   npx tsx bench/detection-http.ts [--seconds 5] [--connections 10] [--log-level info] [--only <substring of scenario names>]
 *     [--server-prof DIR]   (write a V8 CPU profile of the server process into DIR, one per
 *                            scenario, covering only the measured window: start-up and warm-up excluded)
 *
 * The server runs in a child process (the model-api service on an ephemeral port, in-memory
 * database, logs at LOG_LEVEL, default `info` like production, written to /dev/null) and this
 * process generates the load with autocannon, so the load generator does not steal the server's
 * event loop. Every request carries a distinct text (no result-cache hits). Besides req/s and
 * latency it prints the server's CPU time per request, which stays meaningful on a busy machine.
 * Scenarios: the machine's ceiling (bare Fastify answering a real prediction's JSON, same
 * process), the platform's shell (the model API's server without detection: auth, schema, hooks,
 * metrics), the fixed cost of the HTTP path (3 words, rules only), the fast path at 50 and 500
 * words and the default ensemble at 50 words under --connections, the fast path's latency while
 * two other connections send 500-word texts to the default ensemble, /health's latency while one
 * 100,000-character text goes through the default ensemble, /predict/batch of 32 (fast
 * path and default ensemble), then latency with one connection (nothing queued) for 50 / 500 /
 * 5,000 words, fast path and ensemble.
 */
import { benignWords } from './words.js';
import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const args = process.argv.slice(2);
const opt = (k: string, d: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
const SECONDS = Number(opt('--seconds', '5'));
const CONN = Number(opt('--connections', '10'));
const LOG_LEVEL = opt('--log-level', 'info');
const ONLY = opt('--only', '');
const PROF = opt('--server-prof', '');
const MODELS = process.env.MLSEC_MODELS_DIR ?? resolve('models');

type ServerMsg =
  | { address: string; reference: string; shell: string; headers: Record<string, string> }
  | { cpu: NodeJS.CpuUsage };

// ------------------------------------------------------------------ server process
if (process.env.BENCH_HTTP_ROLE === 'server') {
  const { buildTestApp } = await import('../src/platform/testing.js');
  const { modelApiService, PredictBody } = await import('../src/detection/service.js');
  const { warmup, predictBatchJson } = await import('../src/detection/engine.js');
  // The platform's shell without detection: a route served by the same createServer as the
  // model API (request id, auth and role check, body schema, metrics, x-request-id), answering
  // a real prediction's JSON. /predict minus this is detection, result cache and prediction log.
  let shellBody = '{}';
  const shellService = {
    name: 'bench-shell',
    port: 0,
    title: 'bench shell',
    description: 'platform shell without detection (benchmark only)',
    routes(app: import('../src/platform/http/service.js').ServiceApp) {
      app.post('/predict', { schema: { body: PredictBody }, config: { role: 'viewer' } }, (_req, reply) =>
        reply.type('application/json; charset=utf-8').send(shellBody),
      );
    },
  };
  const t = await buildTestApp({
    services: [modelApiService, shellService],
    start: false,
    env: {
      MLSEC_MODELS_DIR: MODELS,
      MLSEC_DATA_DIR: join(tmpdir(), 'mlsec-bench-http'),
      LOG_LEVEL,
    },
  });
  await warmup(t.ctx);
  shellBody = (await predictBatchJson(t.ctx, ['hello number 1'], { models: ['rules'], log: false })).json[0]!;
  const svc = t.app.services.find((s) => s.def.name === 'model-api')!.app;
  const address = await svc.listen({ port: 0, host: '127.0.0.1' });
  const shellApp = t.app.services.find((s) => s.def.name === 'bench-shell')!.app;
  const shell = await shellApp.listen({ port: 0, host: '127.0.0.1' });
  const headers = { ...(await t.auth('viewer')), 'content-type': 'application/json' };
  // The machine's ceiling: bare Fastify in the same process answering a POST with the same
  // prediction JSON (body parsed, no hooks, no auth, no detection, no log). What /predict costs
  // above it is ours.
  const { default: Fastify } = await import('fastify');
  const bare = Fastify({ logger: false });
  bare.post('/predict', (_req, reply) => void reply.type('application/json').send(shellBody));
  const reference = await bare.listen({ port: 0, host: '127.0.0.1' });
  // The inspector profiles only between prof-start and prof-stop, so start-up (module loading,
  // initdb, model loading) does not drown the request path in the profile.
  const { Session } = await import('node:inspector/promises');
  const inspector = new Session();
  let chain = Promise.resolve();
  process.on('message', (m: string) => void (chain = chain.then(() => onMessage(m))));
  async function onMessage(m: string) {
    if (m === 'cpu') process.send!({ cpu: process.cpuUsage() } satisfies ServerMsg);
    if (m === 'prof-start') {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
    }
    if (m.startsWith('prof-stop:')) {
      const { profile } = await inspector.post('Profiler.stop');
      inspector.disconnect();
      const { writeFileSync } = await import('node:fs');
      writeFileSync(m.slice('prof-stop:'.length), JSON.stringify(profile));
    }
    if (m === 'stop') {
      await svc.close();
      await shellApp.close();
      await bare.close();
      await t.close();
      process.exit(0);
    }
  }
  process.send!({ address, reference, shell, headers } satisfies ServerMsg);
} else {
  // ---------------------------------------------------------------- load generator
  const words = benignWords();
  // Offsets step by a prime that does not divide the range, so texts repeat only after
  // `words.length - n` requests (far more than any scenario sends).
  const textOf = (n: number, i: number) => {
    const start = (i * 7919) % (words.length - n);
    return words.slice(start, start + n).join(' ');
  };

  const server: ChildProcess = fork(fileURLToPath(import.meta.url), args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_HTTP_ROLE: 'server' },
    // Server logs go nowhere, but are still produced (serialised and written) at LOG_LEVEL.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<ServerMsg>((res, rej) => {
      const onExit = (code: number | null) => rej(new Error(`bench server exited (${code})`));
      server.once('exit', onExit);
      server.once('message', (m) => {
        server.off('exit', onExit);
        res(m as ServerMsg);
      });
    });
  const ready = (await next()) as Extract<ServerMsg, { address: string }>;
  const serverCpu = async () => {
    server.send('cpu');
    const { cpu } = (await next()) as { cpu: NodeJS.CpuUsage };
    return (cpu.user + cpu.system) / 1000;
  };

  let seq = 0;
  /** One autocannon run of POSTs to `url` (for SECONDS by default), a fresh body per request. */
  const load = (
    url: string,
    connections: number,
    body: (i: number) => unknown,
    onResponse?: (ms: number) => void,
    seconds = SECONDS,
  ) =>
    new Promise<autocannon.Result>((res, rej) => {
      const instance = autocannon(
        {
          url,
          method: 'POST',
          headers: ready.headers,
          connections,
          duration: seconds,
          requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(body(seq++)) }) }],
        },
        (err, result) => (err ? rej(err) : res(result)),
      );
      // Per-response times from the 'response' event: autocannon's own histogram has 1 ms resolution.
      if (onResponse) instance.on('response', (_client, _status, _bytes, ms) => onResponse(ms));
    });
  /** Percentile q of the latencies (sorted here), as text with one decimal. */
  const percentiles = (lat: number[]) => {
    lat.sort((a, b) => a - b);
    return (q: number) =>
      (lat.length ? lat[Math.min(lat.length - 1, Math.floor(q * lat.length))] : NaN).toFixed(1);
  };
  async function scenario(
    name: string,
    path: string,
    body: (i: number) => unknown,
    items = 1,
    connections = CONN,
    base = ready.address,
  ) {
    if (ONLY && !name.includes(ONLY)) return;
    const lat: number[] = [];
    if (PROF) server.send('prof-start');
    const cpu0 = await serverCpu();
    const r = await load(base + path, connections, body, (ms) => lat.push(ms));
    const cpuMs = (await serverCpu()) - cpu0;
    if (PROF) {
      const file = join(resolve(PROF), `${name.replace(/[^A-Za-z0-9]+/g, '-')}.cpuprofile`);
      server.send(`prof-stop:${file}`);
      console.log(`  profile: ${file}`);
    }
    const p = percentiles(lat);
    const n = r.requests.total;
    const rps = n / SECONDS;
    console.log(
      `${name.padEnd(50)} ${String(n).padStart(6)} req ${rps.toFixed(0).padStart(6)} req/s ${(rps * items).toFixed(0).padStart(6)} texts/s  p50 ${p(0.5).padStart(6)} ms  p99 ${p(0.99).padStart(6)} ms  errors ${r.errors + r.timeouts}  non-2xx ${r.non2xx}  server CPU ${(cpuMs / Math.max(1, n)).toFixed(2)} ms/req`,
    );
  }

  async function warm() {
    await load(
      ready.address + '/predict',
      CONN,
      (i) => ({ text: textOf(200, i), models: ['rules', 'linear'] }),
      undefined,
      1,
    );
  }

  // What the fast-path clients of a shared server see while other clients send long texts to
  // the default ensemble: both loads at once, the fast path's latency reported.
  async function mixed() {
    const name = 'fast path 50 words, 8 conn, beside ensemble 500 words, 2 conn';
    if (ONLY && !name.includes(ONLY)) return;
    const lat: number[] = [];
    const [fast, slow] = await Promise.all([
      load(
        ready.address + '/predict',
        8,
        (i) => ({ text: textOf(50, i), models: ['rules', 'linear'] }),
        (ms) => lat.push(ms),
      ),
      load(ready.address + '/predict', 2, (i) => ({ text: textOf(500, i) })),
    ]);
    const p = percentiles(lat);
    console.log(
      `${name.padEnd(50)} fast ${(fast.requests.total / SECONDS).toFixed(0).padStart(6)} req/s  p50 ${p(0.5).padStart(6)} ms  p99 ${p(0.99).padStart(6)} ms   ensemble ${(slow.requests.total / SECONDS).toFixed(1)} req/s  errors ${fast.errors + slow.errors + fast.timeouts + slow.timeouts}  non-2xx ${fast.non2xx + slow.non2xx}`,
    );
  }

  // How long the server leaves other requests waiting while it scores one 100,000-character
  // text with the default ensemble: /health polled every 20 ms meanwhile.
  async function healthDuringLongText() {
    const name = '/health while one 100,000-char text is scored';
    if (ONLY && !name.includes(ONLY)) return;
    const text = textOf(20_000, 1).slice(0, 100_000);
    const lat: number[] = [];
    let done = false;
    const poll = (async () => {
      while (!done) {
        const t0 = performance.now();
        await fetch(ready.address + '/health');
        lat.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const t0 = performance.now();
    const res = await fetch(ready.address + '/predict', {
      method: 'POST',
      headers: ready.headers,
      body: JSON.stringify({ text }),
    });
    const ms = performance.now() - t0;
    done = true;
    await poll;
    const p = percentiles(lat);
    console.log(
      `${name.padEnd(50)} /predict ${res.status} in ${(ms / 1000).toFixed(1)} s; /health ${lat.length} polls p50 ${p(0.5)} ms max ${p(1)} ms`,
    );
  }

  console.log(
    `model-api at ${ready.address} (server in its own process, LOG_LEVEL=${LOG_LEVEL}); autocannon, ${CONN} connections, ${SECONDS} s per scenario; every request a distinct text (no result-cache hits)`,
  );
  try {
    // JIT warm-up, not reported.
    await warm();
    await scenario(
      'reference: bare Fastify POST, no detection',
      '/predict',
      (i) => ({ text: `hello number ${i}` }),
      1,
      CONN,
      ready.reference,
    );
    await scenario(
      'platform shell: auth, schema, hooks; no detection',
      '/predict',
      (i) => ({ text: `hello number ${i}`, models: ['rules'] }),
      1,
      CONN,
      ready.shell,
    );
    // The fixed cost of the HTTP path (auth, validation, log, serialisation) with almost no
    // detection work: what no detector speed-up can remove.
    await scenario('/predict rules only, 3 words', '/predict', (i) => ({
      text: `hello number ${i}`,
      models: ['rules'],
    }));
    for (const n of [50, 500]) {
      await scenario(`/predict fast path (rules+linear), ${n} words`, '/predict', (i) => ({
        text: textOf(n, i),
        models: ['rules', 'linear'],
      }));
    }
    await scenario('/predict default ensemble, 50 words', '/predict', (i) => ({ text: textOf(50, i) }));
    await mixed();
    await healthDuringLongText();
    // Latency of one request at a time (no queueing behind other connections), by text length.
    for (const n of [50, 500, 5000]) {
      await scenario(
        `latency, 1 connection: fast path, ${n} words`,
        '/predict',
        (i) => ({ text: textOf(n, i), models: ['rules', 'linear'] }),
        1,
        1,
      );
      await scenario(
        `latency, 1 connection: default ensemble, ${n} words`,
        '/predict',
        (i) => ({ text: textOf(n, i) }),
        1,
        1,
      );
    }
    // The fast path in batches: what a client that can group texts gets per second.
    await scenario(
      '/predict/batch x32 fast path (rules+linear), 50 words',
      '/predict/batch',
      (i) => ({
        texts: Array.from({ length: 32 }, (_, k) => textOf(50, i * 32 + k)),
        models: ['rules', 'linear'],
      }),
      32,
    );
    // Two connections: a batch takes ~0.5-1 s, so ten would queue longer than the whole run.
    await scenario(
      '/predict/batch x32 default ensemble, 50 words, 2 connections',
      '/predict/batch',
      (i) => ({ texts: Array.from({ length: 32 }, (_, k) => textOf(50, i * 32 + k)) }),
      32,
      2,
    );
  } finally {
    server.send('stop');
  }
}
