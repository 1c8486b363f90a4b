/**
 * Training jobs: `enqueueTraining` validates the request, records a run and queues
 * `training.train`; the handler trains in a worker thread, records per-epoch metrics, stores
 * the artifact and registers a new model version (stage None: promotion is a separate,
 * explicit decision, e.g. by the analytics promotion criteria).
 */
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { desc, eq, inArray } from 'drizzle-orm';
import Value from 'typebox/value';
import type { AppContext } from '../platform/context.js';
import type { JobContext, JobInfo } from '../platform/queue.js';
import { appError } from '../platform/errors.js';
import { trainerRegistry } from './trainers/index.js';
import { ensureBuiltinDataset, readVersionRecords, resolveDatasetVersion, createDatasetVersion } from './datasets.js';
import { getModelRow, registerVersion } from './registry.js';
import { runTrainerInWorker } from './worker-runner.js';
import { splitRecords, type SplitSpec } from './splits.js';
import { runs, datasetVersions } from './schema.js';
import { fileCounts } from './trainers/common.js';

export const TRAIN_JOB = 'training.train';

/** Names of transformer families: accepted as registry names, trained with `linear` (see README). */
const TRANSFORMER_RE = /(deberta|roberta|distilbert|bert|electra|xlm|minilm|albert)/i;

export interface EnqueueTrainingInput {
  model_name: string;
  trainer?: string;
  /** Dataset version id, dataset id or name (latest version), or `name@N`. Default: built-in set. */
  dataset?: string;
  dataset_version?: string;
  /** A server-side JSONL/CSV file imported as a new dataset version first. */
  training_data_path?: string;
  params?: Record<string, unknown>;
  split?: SplitSpec;
  reason?: string;
  trigger?: string;
  priority?: 'low' | 'normal' | 'high' | string;
  actor?: string;
}

interface TrainJobData {
  run_id: string;
}

let codeVersionCache: string | null | undefined;
function codeVersion(): string | null {
  if (codeVersionCache !== undefined) return codeVersionCache;
  try {
    codeVersionCache = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    codeVersionCache = null;
  }
  return codeVersionCache;
}

/**
 * Which trainer trains `model_name`: an explicit `trainer`; a trainer id used as a name; the
 * trainer a registered model was made with; `linear` for transformer-family names (with a
 * note saying so). Throws 404 listing the known names otherwise.
 */
export async function resolveTrainer(ctx: AppContext, modelName: string, trainer?: string): Promise<{ trainer: string; note?: string }> {
  if (trainer) {
    if (!trainerRegistry.has(trainer)) throw appError('TRAINING_UNKNOWN_TRAINER', { trainer, known: trainerRegistry.ids });
    return { trainer };
  }
  if (trainerRegistry.has(modelName)) return { trainer: modelName };
  const m = await getModelRow(ctx, modelName);
  if (m) return { trainer: m.trainer };
  if (TRANSFORMER_RE.test(modelName)) {
    return {
      trainer: 'linear',
      note: `'${modelName}' names a transformer. This platform does not fine-tune transformers in-process (no GPU, no model downloads); it trained the 'linear' trainer and registers the result under the name '${modelName}'. To serve a real ${modelName}, export it to ONNX and load it with the detection 'transformer' detector.`,
    };
  }
  const { listModels } = await import('./registry.js');
  throw appError('TRAINING_UNKNOWN_MODEL', { model: modelName, known: [...trainerRegistry.ids, ...(await listModels(ctx)).map((x) => x.name)] });
}

function validateParams(trainerId: string, params: Record<string, unknown>): void {
  const t = trainerRegistry.get(trainerId)!;
  if (!Value.Check(t.paramsSchema, params)) {
    const errors = [...Value.Errors(t.paramsSchema, params)].map((e) => {
      const extra = (e.params as { additionalProperties?: string[] })?.additionalProperties;
      return extra ? `unknown parameter(s) ${extra.join(', ')}` : `${e.instancePath.replace(/^\//, '') || 'params'} ${e.message}`;
    });
    throw appError('TRAINING_BAD_PARAMS', { trainer: trainerId, errors: [...new Set(errors)].filter((x) => !x.endsWith('schema is false')) });
  }
}

function validateSplit(split: SplitSpec | undefined): SplitSpec {
  const s = split ?? { kind: 'stratified', valFraction: 0.1, seed: 42 };
  if (s.kind === 'random' || s.kind === 'stratified') {
    if (!(s.valFraction > 0 && s.valFraction < 1)) throw appError('TRAINING_BAD_SPLIT', { detail: 'valFraction must be between 0 and 1 (exclusive)' });
    if (!Number.isInteger(s.seed)) throw appError('TRAINING_BAD_SPLIT', { detail: 'seed must be an integer' });
  } else if (s.kind === 'leave-source-out') {
    if (!Array.isArray(s.holdout) || s.holdout.length === 0) throw appError('TRAINING_BAD_SPLIT', { detail: 'leave-source-out needs a non-empty holdout list of source files' });
  } else throw appError('TRAINING_BAD_SPLIT', { detail: `kind must be random, stratified or leave-source-out` });
  return s;
}

const PRIORITY: Record<string, number> = { high: 1, normal: 5, low: 10 };

/** Validate and queue a training job. Returns the job id, run id, trainer and dataset used. */
export async function enqueueTraining(ctx: AppContext, input: EnqueueTrainingInput) {
  if (typeof input.model_name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(input.model_name)) {
    throw appError('VALIDATION_FAILED', { detail: `model_name must be 1-100 characters of letters, digits, '.', '_', '-' (got ${JSON.stringify(input.model_name)})` });
  }
  const { trainer, note } = await resolveTrainer(ctx, input.model_name, input.trainer);
  const params = input.params ?? {};
  validateParams(trainer, params);
  const split = validateSplit(input.split);
  let dsv;
  if (input.training_data_path) {
    const v = await createDatasetVersion(ctx, { name: `file-${input.model_name}`, path: input.training_data_path, base: 'none', actor: input.actor });
    dsv = await resolveDatasetVersion(ctx, v.id);
  } else {
    const ref = input.dataset_version ?? input.dataset;
    dsv = ref ? await resolveDatasetVersion(ctx, ref) : await ensureBuiltinDataset(ctx);
  }
  if (split.kind === 'leave-source-out') {
    // Hold out by import file when the names match files, else by each record's `source`.
    const stats = dsv.stats as { by_file?: Record<string, number>; by_source?: Record<string, number> };
    const files = Object.keys(stats.by_file ?? {});
    const sources = Object.keys(stats.by_source ?? {});
    const by = split.by ?? (split.holdout.every((h) => files.includes(h)) ? 'file' : 'source');
    const known = by === 'file' ? files : sources;
    const unknown = split.holdout.filter((h) => !known.includes(h));
    if (unknown.length) throw appError('TRAINING_BAD_SPLIT', { detail: `unknown source(s) ${unknown.join(', ')}; this dataset has: ${known.slice(0, 50).join(', ')}` });
    split.by = by;
  }
  const runId = randomUUID();
  const job = await ctx.queue.enqueue(TRAIN_JOB, { run_id: runId, model_name: input.model_name, trainer } satisfies TrainJobData & Record<string, unknown>, {
    maxAttempts: 2,
    priority: PRIORITY[input.priority ?? 'normal'] ?? 5,
    createdBy: input.actor,
  });
  await ctx.db.insert(runs).values({
    id: runId,
    jobId: job.id,
    modelName: input.model_name,
    trainer,
    params: { ...trainerRegistry.get(trainer)!.defaults, ...params },
    split,
    datasetVersionId: dsv.id,
    status: 'pending',
    epochs: [],
    reason: input.reason ?? null,
    trigger: input.trigger ?? 'api',
    codeVersion: codeVersion(),
    createdBy: input.actor ?? null,
  });
  return { id: job.id, job_id: job.id, run_id: runId, model_name: input.model_name, trainer, dataset_version_id: dsv.id, status: job.status, ...(note ? { note } : {}) };
}

/** The queue handler. Throws (so the queue marks the job failed, keeping logs) on any failure. */
export async function runTrainJob(ctx: AppContext, job: JobContext<TrainJobData>): Promise<unknown> {
  const [run] = await ctx.db.select().from(runs).where(eq(runs.id, job.data.run_id));
  if (!run) throw new Error(`run ${job.data.run_id} not found`);
  const started = ctx.clock.now();
  await ctx.db.update(runs).set({ status: 'running', startedAt: started, epochs: [], error: null }).where(eq(runs.id, run.id));
  const [dsv] = await ctx.db.select().from(datasetVersions).where(eq(datasetVersions.id, run.datasetVersionId));
  try {
    const records = await readVersionRecords(ctx, dsv);
    const split = splitRecords(records, run.split as SplitSpec);
    await job.log(`dataset ${dsv.id} (${records.length} rows): ${split.train.length} train, ${split.val.length} validation (${(run.split as SplitSpec).kind})`);
    const train = split.train.map((i) => records[i]);
    const val = split.val.map((i) => records[i]);
    const epochs: unknown[] = [];
    let lastWrite = Promise.resolve();
    const out = await runTrainerInWorker(
      {
        trainerId: run.trainer,
        input: { name: run.modelName, version: '0.0.0', train, val, trainedOn: fileCounts(train), datasetHash: dsv.contentHash, codeVersion: codeVersion() ?? undefined },
        params: run.params as Record<string, unknown>,
        cacheDir: `${ctx.config.dataDir}/cache/encoder`,
      },
      {
        signal: job.signal,
        onProgress: (p) => {
          const info: Record<string, unknown> = { phase: p.phase, epoch: p.epoch ?? null, epochs: p.epochs ?? null, metrics: p.metrics ?? null };
          if (p.phase === 'train' && p.metrics) {
            epochs.push(p.metrics);
            lastWrite = lastWrite.then(() => ctx.db.update(runs).set({ epochs: [...epochs] }).where(eq(runs.id, run.id)).then(() => undefined));
          }
          void job.progress(Math.round(p.fraction * 95), info).catch(() => undefined);
        },
      },
    );
    await lastWrite;
    const version = await registerVersion(ctx, { name: run.modelName, trainer: run.trainer, artifact: out.artifact, runId: run.id });
    const finished = ctx.clock.now();
    await ctx.db
      .update(runs)
      .set({ status: 'completed', metrics: out.evaluation, modelVersion: version.version, finishedAt: finished, durationMs: finished.getTime() - started.getTime(), epochs: out.history })
      .where(eq(runs.id, run.id));
    await job.log(`registered ${run.modelName} ${version.version} (stage None); validation AUC ${out.evaluation.binary.roc_auc ?? 'n/a'}`);
    await job.progress(100, { phase: 'done' });
    return { run_id: run.id, model_name: run.modelName, version: version.version, metrics: out.evaluation.binary };
  } catch (e) {
    const cancelled = job.signal.aborted;
    const finished = ctx.clock.now();
    await ctx.db
      .update(runs)
      .set({ status: cancelled ? 'cancelled' : 'failed', error: (e as Error).message, finishedAt: finished, durationMs: finished.getTime() - started.getTime() })
      .where(eq(runs.id, run.id));
    await job.log(`${cancelled ? 'cancelled' : 'failed'}: ${(e as Error).message}`).catch(() => undefined);
    throw e;
  }
}

type RunRow = typeof runs.$inferSelect;

export function runView(r: RunRow) {
  return {
    id: r.id,
    job_id: r.jobId,
    model_name: r.modelName,
    trainer: r.trainer,
    status: r.status,
    params: r.params,
    split: r.split,
    dataset_version_id: r.datasetVersionId,
    epochs: r.epochs,
    metrics: r.metrics,
    model_version: r.modelVersion,
    code_version: r.codeVersion,
    reason: r.reason,
    trigger: r.trigger,
    error: r.error,
    duration_ms: r.durationMs,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    started_at: r.startedAt?.toISOString() ?? null,
    finished_at: r.finishedAt?.toISOString() ?? null,
  };
}

function jobView(j: JobInfo, run: RunRow | undefined, now: Date) {
  const info = (j.info ?? {}) as { epoch?: number | null; epochs?: number | null; phase?: string; metrics?: unknown };
  let eta: string | null = null;
  if (j.status === 'running' && j.started_at && j.progress > 0 && j.progress < 100) {
    const elapsed = now.getTime() - Date.parse(j.started_at);
    eta = new Date(now.getTime() + (elapsed * (100 - j.progress)) / j.progress).toISOString();
  }
  const mem = process.memoryUsage();
  return {
    id: j.id,
    job_id: j.id,
    run_id: run?.id ?? null,
    model_name: run?.modelName ?? j.data?.model_name ?? null,
    trainer: run?.trainer ?? j.data?.trainer ?? null,
    status: j.status,
    progress: j.progress,
    phase: info.phase ?? null,
    current_epoch: info.epoch ?? null,
    total_epochs: info.epochs ?? null,
    metrics_so_far: run?.epochs ?? [],
    final_metrics: run?.metrics ?? null,
    model_version: run?.modelVersion ?? null,
    estimated_completion: eta,
    // Measured on the API process that answers (the worker thread shares its heap limits).
    resource_usage: j.status === 'running' ? { process_rss_mb: Math.round(mem.rss / 1e6), process_heap_used_mb: Math.round(mem.heapUsed / 1e6) } : null,
    error: j.error,
    logs: j.logs,
    attempts: j.attempts,
    created_at: j.created_at,
    started_at: j.started_at,
    finished_at: j.finished_at,
  };
}

export async function getJob(ctx: AppContext, id: string) {
  const j = await ctx.queue.get(id);
  if (!j || j.name !== TRAIN_JOB) throw appError('TRAINING_JOB_NOT_FOUND', { id });
  const [run] = await ctx.db.select().from(runs).where(eq(runs.jobId, id));
  return jobView(j, run, ctx.clock.now());
}

export async function listJobs(ctx: AppContext, q: { status?: string; limit?: number; offset?: number }) {
  const { jobs, total } = await ctx.queue.list({ name: TRAIN_JOB, status: q.status as JobInfo['status'] | undefined, limit: q.limit ?? 50, offset: q.offset ?? 0 });
  const ids = jobs.map((j) => j.id);
  const rs = ids.length ? await ctx.db.select().from(runs).where(inArray(runs.jobId, ids)) : [];
  const byJob = new Map(rs.map((r) => [r.jobId, r]));
  const now = ctx.clock.now();
  return { jobs: jobs.map((j) => jobView(j, byJob.get(j.id), now)), total };
}

export async function cancelJob(ctx: AppContext, id: string) {
  const j = await ctx.queue.get(id);
  if (!j || j.name !== TRAIN_JOB) throw appError('TRAINING_JOB_NOT_FOUND', { id });
  if (['completed', 'failed', 'cancelled'].includes(j.status)) throw appError('TRAINING_JOB_FINISHED', { id, status: j.status });
  await ctx.queue.cancel(id);
  await ctx.db.update(runs).set({ status: 'cancelled', finishedAt: ctx.clock.now() }).where(eq(runs.jobId, id));
  return getJob(ctx, id);
}

export async function listRuns(ctx: AppContext, q: { model_name?: string; limit?: number }) {
  const base = ctx.db.select().from(runs);
  const rows = await (q.model_name ? base.where(eq(runs.modelName, q.model_name)) : base).orderBy(desc(runs.createdAt)).limit(q.limit ?? 100);
  return rows.map(runView);
}

export async function getRun(ctx: AppContext, id: string) {
  const [r] = await ctx.db.select().from(runs).where(eq(runs.id, id));
  if (!r) throw appError('TRAINING_RUN_NOT_FOUND', { id });
  return runView(r);
}

/** Side-by-side parameters and headline metrics of several runs, with parameter differences. */
export async function compareRuns(ctx: AppContext, ids: string[]) {
  const rs: ReturnType<typeof runView>[] = [];
  for (const id of ids) rs.push(await getRun(ctx, id));
  const keys = [...new Set(rs.flatMap((r) => Object.keys(r.params as object)))].sort();
  const differing = keys.filter((k) => new Set(rs.map((r) => JSON.stringify((r.params as Record<string, unknown>)[k]))).size > 1);
  return {
    runs: rs.map((r) => {
      const m = r.metrics as { binary?: Record<string, unknown>; multiclass?: { accuracy?: number; macro?: unknown } } | null;
      return { id: r.id, model_name: r.model_name, trainer: r.trainer, status: r.status, model_version: r.model_version, dataset_version_id: r.dataset_version_id, params: r.params, binary: m?.binary ?? null, accuracy: m?.multiclass?.accuracy ?? null, macro: m?.multiclass?.macro ?? null, duration_ms: r.duration_ms };
    }),
    differing_params: differing,
  };
}
