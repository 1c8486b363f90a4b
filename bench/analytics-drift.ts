/**
 * Drift benchmark: data drift on N rows x 20 numeric features (reference and current both N
 * rows, half the features shifted), through the same code path as POST /drift/data-drift
 * after JSON parsing (`detectDataDriftAsync`). Prints wall time and the worst event-loop stall
 * seen while it ran (what other requests would have waited).
 *
 *   node --import tsx bench/analytics-drift.ts [rows...]     (default: 100000 1000000)
 */
import { detectDataDriftAsync } from '../src/analytics/drift/run.js';
import { DEFAULT_DRIFT_TEST_CONFIG } from '../src/analytics/drift/types.js';

const FEATURES = 20;

/**
 * Rows as the HTTP layer hands them over: produced by JSON.parse (object shapes matter for
 * speed), built in chunks of 100k rows to stay under V8's maximum string length.
 */
function makeRows(
  n: number,
  seed: number,
  shift: number,
): { rows: Record<string, number>[]; parseMs: number } {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  const rows: Record<string, number>[] = [];
  let parseMs = 0;
  for (let start = 0; start < n; start += 100_000) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(n, start + 100_000); i++) {
      const fields: string[] = [];
      for (let f = 0; f < FEATURES; f++) {
        // Box-Muller normal; odd features shifted by `shift` sd in the current sample.
        const z = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
        fields.push(`"f${f}":${z + (f % 2 ? shift : 0)}`);
      }
      parts.push(`{${fields.join(',')}}`);
    }
    const text = `[${parts.join(',')}]`;
    const t = performance.now();
    const chunk = JSON.parse(text) as Record<string, number>[];
    parseMs += performance.now() - t;
    for (const r of chunk) rows.push(r);
  }
  return { rows, parseMs };
}

async function run(n: number): Promise<void> {
  const { rows: ref, parseMs: p1 } = makeRows(n, 1, 0);
  const { rows: cur, parseMs: p2 } = makeRows(n, 2, 0.5);
  // A 5 ms ticker stands in for other requests: its largest gap is the worst stall they saw.
  let last = performance.now();
  let maxGap = 0;
  const gaps: number[] = [];
  const ticker = setInterval(() => {
    const t = performance.now();
    gaps.push(t - last);
    maxGap = Math.max(maxGap, t - last);
    last = t;
  }, 5);
  const t0 = performance.now();
  const res = await detectDataDriftAsync(ref, cur, undefined, DEFAULT_DRIFT_TEST_CONFIG, new Date());
  const ms = performance.now() - t0;
  clearInterval(ticker);
  gaps.sort((a, b) => a - b);
  const p99 = gaps.length ? gaps[Math.floor(gaps.length * 0.99)] : ms;
  console.log(
    `data drift ${n.toLocaleString('en')} rows x ${FEATURES} features (ref + cur): ${ms.toFixed(0)} ms; ` +
      `drifted ${res.drifted_features.length}/${FEATURES}; max event-loop stall ${Math.max(maxGap, performance.now() - last).toFixed(0)} ms, p99 tick gap ${p99.toFixed(0)} ms ` +
      `(JSON.parse of the two samples, not included: ${(p1 + p2).toFixed(0)} ms)`,
  );
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((x) => x > 0);
for (const n of sizes.length ? sizes : [100_000, 1_000_000]) await run(n);
