/**
 * Time a red-team campaign end to end through the real service code (in-memory PGlite, job
 * queue, per-attack result rows, summary): target default = detection's fast path.
 *
 * Run: npx tsx bench/redteam-campaign.ts [--target model:default] [--count 1000] [--strategies all|none|a,b]
 * Target from the issue: 1,000 attacks against the fast path in < 30 s.
 */
import { buildTestApp } from '../src/platform/testing.js';
import { createCampaign, getCampaign } from '../src/redteam/campaigns.js';
import { redteamService } from '../src/redteam/service.js';
import { strategyRegistry } from '../src/redteam/index.js';
import { formatSummary, type CampaignSummary } from '../src/redteam/summary.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};

async function main() {
  const target = arg('target', 'model:default');
  const count = Number(arg('count', '1000'));
  const s = arg('strategies', 'all');
  const strategies = s === 'all' ? [...strategyRegistry.ids] : s.split(',');
  const t = await buildTestApp({ services: [redteamService] });
  try {
    const t0 = performance.now();
    const c = await createCampaign(t.ctx, { target, count, strategies, seed: 1234 });
    const job = await t.ctx.queue.waitFor(c.jobId!, 10 * 60_000);
    const secs = (performance.now() - t0) / 1000;
    const row = await getCampaign(t.ctx, c.id);
    console.log(
      `target ${target}: ${count} attacks, ${strategies.length} strategies, status ${job.status}, ${secs.toFixed(2)} s (${((secs * 1000) / count).toFixed(2)} ms/attack)`,
    );
    if (row.error) console.log(`error: ${row.error}`);
    if (row.summary) console.log('\n' + formatSummary(row.summary as CampaignSummary));
  } finally {
    await t.close();
  }
}
main().catch((e) => {
  console.error(e?.message ?? e);
  process.exit(1);
});
