/**
 * Resident memory of the whole platform with every default detection model loaded and used.
 *   npx tsx bench/platform-memory.ts [--runs 2] [--settle 10]
 * Starts `mlsec start` (all services, embedded storage) in a child process on a fresh data dir,
 * with the environment `npm start` gives it (MALLOC_ARENA_MAX=2 unless set):
 * run 1 is a cold start (PGlite initdb), later runs reuse the data dir (the normal restart). For
 * each run it waits until `/models` shows every default model `loaded`, sends predictions of
 * 50, 500 and 5,000 words through the default ensemble (so the encoder's buffers are touched),
 * waits `--settle` seconds and reads VmRSS / VmHWM of the server process from /proc.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const args = process.argv.slice(2);
const opt = (k: string, d: number) => (args.includes(k) ? Number(args[args.indexOf(k) + 1]) : d);
const RUNS = opt('--runs', 2);
const SETTLE = opt('--settle', 10);
const OFFSET = 23000;
const API = `http://127.0.0.1:${8000 + OFFSET}`;
const DATA = process.env.MLSEC_SHARED_DATA ?? resolve('../shared/data');
const words = readFileSync(join(DATA, 'gpteacher_benign.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .slice(0, 3000)
  .map((l) => JSON.parse(l).text as string)
  .join(' ')
  .split(/\s+/);
const text = (n: number) => words.slice(0, n).join(' ');

const kb = (pid: number, field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

const dataDir = mkdtempSync(join(tmpdir(), 'mlsec-mem-'));
const password = 'bench-memory-password-1';
console.log(`data dir ${dataDir}; ${SETTLE} s settle after load + predictions`);
try {
  for (let run = 1; run <= RUNS; run++) {
    const child = spawn(process.execPath, ['bin/mlsec.js', 'start'], {
      env: {
        // As `npm start` runs it: two glibc malloc arenas instead of one per thread (the
        // encoder's and PGlite's threads otherwise keep tens of MB in arenas of their own).
        MALLOC_ARENA_MAX: '2',
        ...process.env,
        MLSEC_DATA_DIR: dataDir,
        MLSEC_PORT_OFFSET: String(OFFSET),
        MLSEC_ADMIN_EMAIL: 'bench@example.com',
        MLSEC_ADMIN_PASSWORD: password,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const t0 = performance.now();
    try {
      let token = '';
      for (;;) {
        if (performance.now() - t0 > 120_000) throw new Error('platform did not come up in 120 s');
        await sleep(250);
        try {
          const r = await fetch(`${API}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'bench@example.com', password }),
          });
          if (r.ok) {
            token = ((await r.json()) as { access_token: string }).access_token;
            break;
          }
        } catch {
          /* not listening yet */
        }
      }
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      let models: { name: string; status: string; default: boolean; memory_bytes: number }[] = [];
      for (;;) {
        models = ((await (await fetch(`${API}/models`, { headers })).json()) as { models: typeof models })
          .models;
        const defaults = models.filter((m) => m.default);
        if (defaults.every((m) => m.status === 'loaded' || m.status === 'failed')) break;
        await sleep(250);
      }
      const loadedMs = performance.now() - t0;
      for (const n of [50, 500, 5000]) {
        const r = await fetch(`${API}/predict`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ text: text(n) }),
        });
        if (!r.ok) throw new Error(`predict ${n} words: ${r.status} ${await r.text()}`);
      }
      await sleep(SETTLE * 1000);
      const defaults = models.filter((m) => m.default);
      console.log(
        `run ${run} (${run === 1 ? 'cold: new data dir' : 'warm restart'}): defaults ${defaults
          .map((m) => `${m.name}=${m.status}`)
          .join(
            ' ',
          )}; loaded after ${(loadedMs / 1000).toFixed(1)} s; RSS ${(kb(child.pid!, 'VmRSS') / 1024).toFixed(0)} MB, peak ${(kb(child.pid!, 'VmHWM') / 1024).toFixed(0)} MB`,
      );
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
