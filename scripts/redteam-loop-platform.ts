/**
 * One turn of the continuous-learning loop through the real services (in-memory PGlite, job
 * queue, training's dataset versions and trainer, detection's fast path, analytics' promotion):
 *   campaign (model:default) -> POST-equivalent learning run -> before/after report.
 * Run: npx tsx scripts/redteam-loop-platform.ts [--count 1000] [--benign 2000]
 */
import { buildTestApp } from '../src/platform/testing.js';
import { redteamService } from '../src/redteam/service.js';
import { createCampaign, getCampaign } from '../src/redteam/campaigns.js';
import { startLearning } from '../src/redteam/learning.js';
import { strategyRegistry } from '../src/redteam/index.js';
import { trainingService } from '../src/training/index.js';
import { detectionServices } from '../src/detection/index.js';
import { analyticsService } from '../src/analytics/index.js';

const arg = (n: string, d: number) => (process.argv.includes(`--${n}`) ? Number(process.argv[process.argv.indexOf(`--${n}`) + 1]) : d);

async function main() {
  const t = await buildTestApp({ services: [redteamService, trainingService, ...detectionServices, analyticsService] });
  try {
    const t0 = Date.now();
    const c = await createCampaign(t.ctx, { target: 'model:default', count: arg('count', 1000), strategies: [...strategyRegistry.ids], seed: 7 });
    await t.ctx.queue.waitFor(c.jobId!, 10 * 60_000);
    const row = await getCampaign(t.ctx, c.id);
    console.log(`campaign ${row.id}: ${row.status}, detection ${(row.summary as any)?.total.detection_rate}`);
    const job = await startLearning(t.ctx, { campaign_id: c.id, benign_count: arg('benign', 2000) });
    const done = await t.ctx.queue.waitFor(job.id, 60 * 60_000);
    console.log(`learning run ${done.status} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    if (done.error) console.log('error:', done.error, '\n', done.logs.join('\n'));
    console.log(JSON.stringify(done.result, null, 2));
  } finally {
    await t.close();
  }
}
main().catch((e) => (console.error(e), process.exit(1)));
