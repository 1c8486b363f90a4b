import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliRunner } from '../cli/runner.js';
import { campaignView, createCampaign, getCampaign } from './campaigns.js';
import { generateAttacks, generateBenign } from './generate.js';
import { redteamService } from './service.js';
import { formatSummary, type CampaignSummary } from './summary.js';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * `mlsec redteam --target model:default --count 500 [--categories a,b] [--strategies x,y] [--seed n] [--json]`
 * runs a campaign to completion and prints a table per category and strategy.
 * `mlsec redteam-generate --count n --seed s [--benign n] [--strategies ...] --out file.jsonl`
 * writes generated attacks (and benign look-alikes) as dataset JSONL.
 */
export function registerCli(program: Command, run: CliRunner): void {
  program
    .command('redteam')
    .description('Run a red-team campaign against a detection model or an external LLM endpoint and print per-category/strategy results')
    .requiredOption('--target <target>', "'model:<name>', 'ensemble', or an http(s) chat-completions URL", 'model:default')
    .option('--count <n>', 'number of attacks', (v) => Number(v), 500)
    .option('--categories <list>', 'comma-separated attack categories', list)
    .option('--strategies <list>', 'comma-separated strategies (default: none)', list)
    .option('--seed <n>', 'seed (reproducible campaigns)', (v) => Number(v))
    .option('--threshold <p>', 'detection threshold for model targets', (v) => Number(v))
    .option('--json', 'print the campaign as JSON')
    .action(async (o) => {
      await run(
        async (ctx) => {
          const t0 = performance.now();
          const c = await createCampaign(ctx, { target: o.target, count: o.count, categories: o.categories, strategies: o.strategies, seed: o.seed, options: o.threshold !== undefined ? { threshold: o.threshold } : undefined });
          const job = await ctx.queue.waitFor(c.jobId!, 30 * 60_000);
          const row = await getCampaign(ctx, c.id);
          const secs = ((performance.now() - t0) / 1000).toFixed(1);
          if (o.json) {
            console.log(JSON.stringify(campaignView(row), null, 2));
          } else {
            console.log(`campaign ${row.id}  target ${row.target}  seed ${row.seed}  status ${row.status}  ${row.count} attacks in ${secs}s`);
            if (row.error) console.log(`error: ${row.error}`);
            if (row.summary) console.log('\n' + formatSummary(row.summary as CampaignSummary));
          }
          if (job.status !== 'completed') process.exitCode = 1;
        },
        { services: [redteamService] },
      );
    });

  program
    .command('redteam-generate')
    .description('Write generated attacks and benign look-alikes as dataset JSONL (text, label, source, category)')
    .option('--count <n>', 'attacks', (v) => Number(v), 1000)
    .option('--benign <n>', 'benign look-alikes', (v) => Number(v), 0)
    .option('--seed <n>', 'seed', (v) => Number(v), 1)
    .option('--categories <list>', 'attack categories', list)
    .option('--strategies <list>', 'strategies', list)
    .requiredOption('--out <file>', 'output JSONL file')
    .action((o) => {
      const rows = [
        ...generateAttacks({ count: o.count, seed: o.seed, categories: o.categories, strategies: o.strategies }).map((a) => ({ text: a.text, label: a.category, source: `redteam:${a.category}`, category: `${a.technique}${a.strategies.length ? ':' + a.strategies.join('+') : ''}` })),
        ...(o.benign > 0 ? generateBenign({ count: o.benign, seed: o.seed }).map((b) => ({ text: b.text, label: 'benign', source: 'redteam:benign', category: b.kind, hard_negative: true })) : []),
      ];
      writeFileSync(o.out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
      console.log(`wrote ${rows.length} records to ${o.out}`);
    });
}
