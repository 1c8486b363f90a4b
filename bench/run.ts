/**
 * Runs the benchmarks one after another, each in its own process (so one's memory and JIT state
 * do not colour the next), with the arguments the README gives.
 *   npm run bench                      # all of them (~15 min on 2 cores)
 *   npm run bench -- detection encoder # only those whose file name contains a given word
 * Exits non-zero if any benchmark failed, after running the rest.
 */
import { spawnSync } from 'node:child_process';

const BENCHES: readonly [file: string, args: string[]][] = [
  ['detection-latency.ts', ['--iterations', '100']],
  ['detection-http.ts', ['--seconds', '5']],
  ['platform-memory.ts', ['--runs', '2']],
  ['encoder.ts', ['--iterations', '30']],
  ['redteam-campaign.ts', ['--count', '1000']],
  ['analytics-drift.ts', ['100000', '1000000']],
  ['training-linear-latency.ts', []],
];

const filters = process.argv.slice(2);
const chosen = BENCHES.filter(([f]) => !filters.length || filters.some((w) => f.includes(w)));
if (!chosen.length) {
  console.error(`no benchmark matches ${filters.join(', ')}. Known: ${BENCHES.map(([f]) => f).join(', ')}`);
  process.exit(2);
}
const failed: string[] = [];
for (const [file, args] of chosen) {
  console.log(`\n=== bench/${file} ${args.join(' ')}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`, ...args], { stdio: 'inherit' });
  console.log(
    `=== bench/${file}: ${r.status === 0 ? 'done' : 'FAILED'} in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  if (r.status !== 0) failed.push(file);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
