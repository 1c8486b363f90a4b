import { basename, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliRunner } from '../cli/runner.js';
import { trainingService } from './service.js';
import { createDatasetVersion } from './datasets.js';
import { enqueueTraining, getJob } from './jobs.js';
import { trainerRegistry } from './trainers/index.js';
import { transitionStage } from './registry.js';

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(3));

/**
 * `mlsec train --data file.jsonl [--model linear|embedding] [--name NAME] [--params JSON]`:
 * imports the file as a dataset version, trains through the job queue (in a worker thread),
 * registers the new model version and prints its validation metrics.
 */
export function registerCli(program: Command, run: CliRunner): void {
  program
    .command('train')
    .description('Train a model on a JSONL/CSV file and register it as a new model version')
    .requiredOption('--data <file>', 'JSONL or CSV with text,label[,source,category,id]')
    .option('--model <trainer>', `trainer: ${trainerRegistry.ids.join(' | ')}`, 'linear')
    .option('--name <model_name>', 'registry model name (default: the trainer id)')
    .option('--params <json>', 'hyper-parameters as JSON, e.g. {"epochs":5}')
    .option('--holdout <files>', 'comma-separated source files for a leave-source-out validation split')
    .option('--promote <stage>', 'move the new version to this stage afterwards (Staging | Production)')
    .option('--json', 'print the job as JSON')
    .action(async (o: { data: string; model: string; name?: string; params?: string; holdout?: string; promote?: string; json?: boolean }) => {
      await run(
        async (ctx) => {
          let params: Record<string, unknown> | undefined;
          if (o.params) {
            try {
              params = JSON.parse(o.params) as Record<string, unknown>;
            } catch (e) {
              throw new Error(`--params is not valid JSON: ${(e as Error).message}`);
            }
          }
          const name = o.name ?? o.model;
          // The operator's own file: read it here (server-side paths are confined to dataset folders).
          const ds = await createDatasetVersion(ctx, { name: `cli-${name}`, content: await readFile(resolve(o.data), 'utf8'), source: basename(o.data), base: 'none', actor: 'cli' });
          console.error(`dataset version ${ds.id}: ${JSON.stringify((ds.stats as { by_label: unknown }).by_label)}`);
          const split = o.holdout ? { kind: 'leave-source-out' as const, holdout: o.holdout.split(',').map((s) => s.trim()) } : undefined;
          const job = await enqueueTraining(ctx, { model_name: name, trainer: o.model, dataset_version: ds.id, params, split, trigger: 'cli', actor: 'cli' });
          console.error(`job ${job.id} queued (trainer ${job.trainer})`);
          let lastEpoch = -1;
          for (;;) {
            const j = await getJob(ctx, job.id);
            if (j.current_epoch !== null && j.current_epoch !== lastEpoch) {
              lastEpoch = j.current_epoch;
              console.error(`  epoch ${j.current_epoch}/${j.total_epochs ?? '?'} (${j.progress}%)`);
            }
            if (['completed', 'failed', 'cancelled'].includes(j.status)) {
              if (j.status !== 'completed') throw new Error(`training ${j.status}: ${j.error ?? ''}`);
              if (o.promote && j.model_version) await transitionStage(ctx, { name, version: j.model_version, stage: o.promote, actor: 'cli', reason: 'mlsec train --promote' });
              if (o.json) console.log(JSON.stringify(j, null, 2));
              else {
                const b = (j.final_metrics as { binary?: Record<string, number | null> } | null)?.binary ?? {};
                console.log(`${name} ${j.model_version}: validation n=${b.n} auc=${f3(b.roc_auc)} recall@3%fpr=${f3(b.recall_at_3pct_fpr)} precision=${f3(b.precision)} recall=${f3(b.recall)} fpr=${f3(b.fpr)}`);
              }
              return j;
            }
            await new Promise((r) => setTimeout(r, 500));
          }
        },
        { services: [trainingService] },
      );
    });
}
