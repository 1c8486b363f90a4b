/**
 * Training service (port 8002): datasets, training jobs, experiment runs, model registry.
 */
import { Type } from 'typebox';
import type { ServiceDefinition } from '../platform/http/service.js';
import { trainerRegistry } from './trainers/index.js';
import { createDatasetVersion, getDataset, listDatasets } from './datasets.js';
import { TRAIN_JOB, cancelJob, compareRuns, enqueueTraining, getJob, getRun, listJobs, listRuns, runTrainJob } from './jobs.js';
import { STAGES, deleteAlias, getModel, listModelVersions, listModels, setAlias, transitionStage } from './registry.js';
import { registerShippedModels } from './shipped.js';

const Record_ = Type.Record(Type.String(), Type.Unknown());

const DatasetBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    content: Type.Optional(Type.String({ description: 'JSONL or CSV text' })),
    format: Type.Optional(Type.Union([Type.Literal('jsonl'), Type.Literal('csv')])),
    records: Type.Optional(Type.Array(Record_)),
    path: Type.Optional(Type.String({ description: 'server-side file path (JSONL or CSV)' })),
    source: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    base: Type.Optional(Type.Union([Type.Literal('latest'), Type.Literal('builtin'), Type.Literal('none')])),
  },
  { additionalProperties: false },
);

const SplitBody = Type.Union([
  Type.Object({ kind: Type.Literal('random'), valFraction: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), seed: Type.Integer() }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('stratified'), valFraction: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), seed: Type.Integer() }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('leave-source-out'), holdout: Type.Array(Type.String(), { minItems: 1 }), by: Type.Optional(Type.Union([Type.Literal('file'), Type.Literal('source')])) }, { additionalProperties: false }),
]);

const TrainBody = Type.Object(
  {
    model_name: Type.String({ minLength: 1, maxLength: 100 }),
    trainer: Type.Optional(Type.String()),
    dataset: Type.Optional(Type.String()),
    dataset_version: Type.Optional(Type.String()),
    training_data_path: Type.Optional(Type.String()),
    params: Type.Optional(Record_),
    hyperparameters: Type.Optional(Record_),
    split: Type.Optional(SplitBody),
    reason: Type.Optional(Type.String()),
    priority: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high')])),
  },
  { additionalProperties: false },
);

const StageBody = Type.Object(
  { stage: Type.Union(STAGES.map((s) => Type.Literal(s))), reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
const AliasBody = Type.Object({ version: Type.String({ minLength: 1 }), reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

/**
 * The overview's troubleshooting command is `curl -X POST :8002/train -d '{"model_name": ...}'`:
 * curl's `-d` labels the JSON as a form, which parses into one key (the JSON text) with an
 * empty value. Recover the JSON object so that documented command works as written.
 */
async function jsonSentAsForm(req: { body: unknown; headers: Record<string, unknown> }): Promise<void> {
  const ct = String(req.headers['content-type'] ?? '');
  if (!ct.startsWith('application/x-www-form-urlencoded') || !req.body || typeof req.body !== 'object') return;
  const keys = Object.keys(req.body);
  if (keys.length !== 1 || (req.body as Record<string, unknown>)[keys[0]] !== '' || !keys[0].trimStart().startsWith('{')) return;
  try {
    const parsed = JSON.parse(keys[0]) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) req.body = parsed;
  } catch {
    // Not JSON after all: let schema validation report the form body as it is.
  }
}

function actorOf(req: { principal: { id: string; email?: string } | null }): string {
  return req.principal?.email ?? req.principal?.id ?? 'anonymous';
}

export const trainingService: ServiceDefinition = {
  name: 'training',
  port: 8002,
  title: 'Training service',
  description: 'Datasets, training jobs, experiment runs, model registry',
  routes(app, ctx) {
    app.get('/trainers', async () => ({
      trainers: trainerRegistry.all.map((t) => ({ id: t.id, title: t.title, description: t.description, defaults: t.defaults, params_schema: t.paramsSchema })),
    }));

    app.get('/datasets', async () => ({ datasets: await listDatasets(ctx) }));
    app.post('/datasets', { schema: { body: DatasetBody } }, async (req, reply) => {
      const v = await createDatasetVersion(ctx, { ...req.body, actor: actorOf(req) });
      return reply.status(201).send(v);
    });
    app.get('/datasets/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, async (req) => getDataset(ctx, req.params.id));

    app.post('/train', { schema: { body: TrainBody }, preValidation: jsonSentAsForm }, async (req, reply) => {
      const { hyperparameters, params, ...rest } = req.body;
      const job = await enqueueTraining(ctx, { ...rest, params: params ?? hyperparameters, trigger: 'api', actor: actorOf(req) });
      return reply.status(202).send({ ...job, message: `Training job queued; follow it at GET /jobs/${job.id}` });
    });
    app.get(
      '/jobs',
      { schema: { querystring: Type.Object({ status: Type.Optional(Type.Union(['pending', 'running', 'completed', 'failed', 'cancelled'].map((s) => Type.Literal(s)))), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), offset: Type.Optional(Type.Integer({ minimum: 0 })) }) } },
      async (req) => listJobs(ctx, req.query),
    );
    app.get('/jobs/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, async (req) => getJob(ctx, req.params.id));
    app.delete('/jobs/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, async (req) => cancelJob(ctx, req.params.id));

    app.get('/runs', { schema: { querystring: Type.Object({ model_name: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }) } }, async (req) => ({
      runs: await listRuns(ctx, req.query),
    }));
    app.get('/runs/compare', { schema: { querystring: Type.Object({ ids: Type.String({ minLength: 1, description: 'comma-separated run ids' }) }) } }, async (req) =>
      compareRuns(
        ctx,
        req.query.ids
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    );
    app.get('/runs/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, async (req) => getRun(ctx, req.params.id));

    app.get('/models', async () => ({ models: await listModels(ctx) }));
    app.get('/models/:name', { schema: { params: Type.Object({ name: Type.String() }) } }, async (req) => getModel(ctx, req.params.name));
    app.get('/models/:name/versions', { schema: { params: Type.Object({ name: Type.String() }) } }, async (req) => ({
      name: req.params.name,
      versions: await listModelVersions(ctx, req.params.name),
    }));
    app.post(
      '/models/:name/versions/:version/stage',
      { schema: { params: Type.Object({ name: Type.String(), version: Type.String() }), body: StageBody }, config: { role: 'admin' } },
      async (req) => transitionStage(ctx, { name: req.params.name, version: req.params.version, stage: req.body.stage, reason: req.body.reason, actor: actorOf(req) }),
    );
    app.put(
      '/models/:name/aliases/:alias',
      { schema: { params: Type.Object({ name: Type.String(), alias: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]{0,49}$' }) }), body: AliasBody }, config: { role: 'admin' } },
      async (req) => setAlias(ctx, { name: req.params.name, alias: req.params.alias, version: req.body.version, reason: req.body.reason, actor: actorOf(req) }),
    );
    app.delete(
      '/models/:name/aliases/:alias',
      { schema: { params: Type.Object({ name: Type.String(), alias: Type.String() }) }, config: { role: 'admin' } },
      async (req) => deleteAlias(ctx, { name: req.params.name, alias: req.params.alias, actor: actorOf(req) }),
    );
  },
  health: async (ctx) => {
    const { jobs } = await ctx.queue.list({ name: TRAIN_JOB, status: 'running', limit: 100 });
    return { dependencies: { trainers: trainerRegistry.ids.length > 0 }, active_jobs: jobs.length, trainers: trainerRegistry.ids };
  },
  workers(ctx) {
    ctx.queue.register(TRAIN_JOB, (job) => runTrainJob(ctx, job));
  },
  async start(ctx) {
    try {
      const registered = await registerShippedModels(ctx);
      if (registered.length) ctx.log.info({ models: registered }, 'registered shipped default models');
    } catch (e) {
      ctx.log.warn({ err: e }, 'could not register shipped default models');
    }
  },
};
