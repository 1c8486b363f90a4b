import { Type, type Static } from 'typebox';
import type { ServiceDefinition } from '../platform/http/service.js';
import type { AppContext } from '../platform/context.js';
import { appError } from '../platform/errors.js';
import { LABELS } from '../ml/labels.js';
import { ENSEMBLE_METHODS } from './ensemble.js';
import {
  addKnownAttacks,
  cacheStats,
  clearResultCache,
  ensureLoaded,
  knownModels,
  listModels,
  predict,
  predictBatch,
  predictBatchJson,
  runtime,
  maxBatchSize,
  shutdown,
  unloadModel,
  warmup,
  type Prediction,
} from './engine.js';

const JSON_TYPE = 'application/json; charset=utf-8';

// ---------------------------------------------------------------- schemas (declared once)

const Options = {
  models: Type.Optional(
    Type.Array(Type.String(), {
      maxItems: 16,
      description: 'Models to run (default: the default ensemble). See GET /models.',
    }),
  ),
  ensemble: Type.Optional(
    Type.Union(
      ENSEMBLE_METHODS.map((m) => Type.Literal(m)),
      {
        description:
          'Combiner (default: stacked, at its own fitted thresholds). The stacker decides only for the models it was fitted on (rules, linear, embedding); for another set the weighted mean does, and `ensemble` in the answer says so.',
      },
    ),
  ),
  threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  context: Type.Optional(
    Type.Union([Type.Literal('user'), Type.Literal('document')], {
      description:
        "'document' = retrieved content: stricter default threshold, and the embedding detector does not vote (it cannot see one instruction inside a document)",
    }),
  ),
  compare: Type.Optional(
    Type.Boolean({
      description: 'Also return results of the latest trained version of each model (dual model loading).',
    }),
  ),
};
// `text` is validated in the handler so that over-long text is a 413 and blank text a clear 400.
export const PredictBody = Type.Object(
  { text: Type.String({ description: 'Text to scan' }), ...Options },
  { additionalProperties: false },
);
export const BatchBody = Type.Object(
  { texts: Type.Array(Type.String(), { minItems: 1 }), ...Options },
  { additionalProperties: false },
);
const ModelParams = Type.Object({ name: Type.String() });
const WarmupBody = Type.Object(
  { models: Type.Optional(Type.Array(Type.String(), { maxItems: 32 })) },
  { additionalProperties: false },
);
const KnownAttacksBody = Type.Object(
  {
    texts: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 1000 }),
    label: Type.Optional(Type.Union(LABELS.filter((l) => l !== 'benign').map((l) => Type.Literal(l)))),
    source: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
const InferBody = Type.Object({
  id: Type.Optional(Type.String()),
  inputs: Type.Array(
    Type.Object({
      name: Type.String(),
      shape: Type.Array(Type.Integer()),
      datatype: Type.String(),
      data: Type.Array(Type.Unknown()),
      parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
    { minItems: 1 },
  ),
  parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  outputs: Type.Optional(Type.Array(Type.Object({ name: Type.String() }))),
});

type PredictBodyT = Static<typeof PredictBody>;

function modelsHealth(ctx: AppContext) {
  const models = listModels(ctx);
  const defaults = models.filter((m) => m.default);
  return {
    dependencies: {
      models:
        defaults.some((m) => m.status === 'loaded') ||
        defaults.every((m) => m.status === 'unloaded' || m.status === 'loading'),
    },
    critical: [] as string[],
    models_loaded: models.filter((m) => m.status === 'loaded').map((m) => m.name),
    models_failed: models.filter((m) => m.status === 'failed').map((m) => ({ name: m.name, error: m.error })),
  };
}

function checkBatch(ctx: AppContext, items: number): void {
  if (items > maxBatchSize(ctx))
    throw appError('DETECTION_BATCH_TOO_LARGE', { items, limit: maxBatchSize(ctx) });
}

/** Serving names: every model plus `ensemble` (the default ensemble). */
function servingModels(ctx: AppContext, name: string): string[] | undefined {
  if (name === 'ensemble') return undefined;
  if (!knownModels(ctx).includes(name))
    throw appError('DETECTION_UNKNOWN_MODEL', { name, known: ['ensemble', ...knownModels(ctx)] });
  return [name];
}

// ---------------------------------------------------------------- Model API (8000)

export const modelApiService: ServiceDefinition = {
  name: 'model-api',
  port: 8000,
  title: 'Model API',
  description:
    'Central detection gateway: prompt-injection / jailbreak prediction with an ensemble of detectors, model management.',
  routes(app, ctx) {
    runtime(ctx);
    app.post(
      '/predict',
      { schema: { body: PredictBody }, config: { role: 'viewer' } },
      async (req, reply) => {
        const body = req.body as PredictBodyT;
        const { predictions, json } = await predictBatchJson(ctx, [body.text], {
          ...body,
          source: 'model-api',
        });
        // The prediction was serialised once already (for the result cache): send that text.
        return json[0] === undefined ? predictions[0] : reply.type(JSON_TYPE).send(json[0]);
      },
    );
    app.post('/predict/batch', { schema: { body: BatchBody }, config: { role: 'viewer' } }, async (req) => {
      const { texts, ...opts } = req.body;
      checkBatch(ctx, texts.length);
      const t0 = performance.now();
      const predictions = await predictBatch(ctx, texts, { ...opts, source: 'model-api:batch' });
      return { predictions, count: predictions.length, processing_time_ms: performance.now() - t0 };
    });
    app.get('/models', async () => {
      const models = listModels(ctx);
      return {
        models,
        default_models: runtime(ctx).settings.defaultModels,
        ensemble: runtime(ctx).settings.ensemble,
        count: models.length,
      };
    });
    app.post('/models/:name/load', { schema: { params: ModelParams } }, async (req) => {
      const { name } = req.params;
      await ensureLoaded(ctx, name, { force: true });
      return listModels(ctx).find((m) => m.name === name);
    });
    app.post('/models/:name/unload', { schema: { params: ModelParams } }, async (req) => {
      await unloadModel(ctx, req.params.name);
      return listModels(ctx).find((m) => m.name === req.params.name);
    });
    app.post('/known-attacks', { schema: { body: KnownAttacksBody } }, async (req) => {
      const added = await addKnownAttacks(
        ctx,
        req.body.texts.map((text) => ({ text, label: req.body.label, source: req.body.source ?? 'api' })),
      );
      return { added, submitted: req.body.texts.length };
    });
  },
  health: (ctx) => modelsHealth(ctx),
  start: async (ctx) => {
    // Warm up in the background: the API answers (and reports `loading`) meanwhile.
    void warmup(ctx);
  },
  stop: (ctx) => shutdown(ctx),
};

// ---------------------------------------------------------------- Model serving (8080)

function v2Outputs(preds: Prediction[]) {
  const n = preds.length;
  return [
    { name: 'label', datatype: 'BYTES', shape: [n], data: preds.map((p) => p.label) },
    { name: 'is_attack', datatype: 'BOOL', shape: [n], data: preds.map((p) => p.is_attack) },
    { name: 'attack_score', datatype: 'FP32', shape: [n], data: preds.map((p) => p.attack_score) },
    {
      name: 'probabilities',
      datatype: 'FP32',
      shape: [n, LABELS.length],
      data: preds.flatMap((p) => LABELS.map((l) => p.probabilities[l])),
      parameters: { labels: LABELS.join(',') },
    },
  ];
}

export const modelServingService: ServiceDefinition = {
  name: 'model-serving',
  port: 8080,
  title: 'Model serving',
  description: 'Per-model prediction endpoints and the Open Inference Protocol (KServe v2).',
  routes(app, ctx) {
    runtime(ctx);
    const ServingBody = Type.Object(
      { text: Type.String(), threshold: Options.threshold, context: Options.context },
      { additionalProperties: false },
    );
    const ServingBatch = Type.Object(
      {
        texts: Type.Array(Type.String(), { minItems: 1 }),
        threshold: Options.threshold,
        context: Options.context,
      },
      { additionalProperties: false },
    );
    app.post(
      '/models/:name/predict',
      { schema: { params: ModelParams, body: ServingBody }, config: { role: 'viewer' } },
      async (req) =>
        predict(ctx, { ...req.body, models: servingModels(ctx, req.params.name), source: 'model-serving' }),
    );
    app.post(
      '/models/:name/predict/batch',
      { schema: { params: ModelParams, body: ServingBatch }, config: { role: 'viewer' } },
      async (req) => {
        const { texts, ...opts } = req.body;
        checkBatch(ctx, texts.length);
        const predictions = await predictBatch(ctx, texts, {
          ...opts,
          models: servingModels(ctx, req.params.name),
          source: 'model-serving:batch',
        });
        return { model: req.params.name, predictions, count: predictions.length };
      },
    );
    app.get('/v2/health/live', { config: { auth: 'public' } }, async () => ({ live: true }));
    app.get('/v2/health/ready', { config: { auth: 'public' } }, async (_req, reply) => {
      const ready = listModels(ctx).some((m) => m.default && m.status === 'loaded');
      return reply.status(ready ? 200 : 503).send({ ready });
    });
    app.get('/v2', async () => ({ name: 'mlsec-model-serving', version: ctx.version, extensions: [] }));
    app.get('/v2/models/:name', { schema: { params: ModelParams } }, async (req) => {
      const names = servingModels(ctx, req.params.name) ?? runtime(ctx).settings.defaultModels;
      const infos = listModels(ctx).filter((m) => names.includes(m.name));
      return {
        name: req.params.name,
        versions: infos.map((m) => m.version).filter(Boolean),
        platform: 'mlsec',
        inputs: [{ name: 'text', datatype: 'BYTES', shape: [-1] }],
        outputs: [
          { name: 'label', datatype: 'BYTES', shape: [-1] },
          { name: 'is_attack', datatype: 'BOOL', shape: [-1] },
          { name: 'attack_score', datatype: 'FP32', shape: [-1] },
          { name: 'probabilities', datatype: 'FP32', shape: [-1, LABELS.length] },
        ],
        parameters: { labels: LABELS, status: Object.fromEntries(infos.map((m) => [m.name, m.status])) },
      };
    });
    app.get('/v2/models/:name/ready', { schema: { params: ModelParams } }, async (req, reply) => {
      const names = servingModels(ctx, req.params.name) ?? runtime(ctx).settings.defaultModels;
      const ready = listModels(ctx).some((m) => names.includes(m.name) && m.status === 'loaded');
      return reply.status(ready ? 200 : 503).send({ name: req.params.name, ready });
    });
    app.post(
      '/v2/models/:name/infer',
      { schema: { params: ModelParams, body: InferBody }, config: { role: 'viewer' } },
      async (req) => {
        const models = servingModels(ctx, req.params.name);
        const input = req.body.inputs.find((i) => i.name === 'text') ?? req.body.inputs[0];
        if (input.datatype !== 'BYTES')
          throw appError('DETECTION_BAD_INFER_REQUEST', {
            reason: `input '${input.name}' has datatype ${input.datatype}, expected BYTES`,
          });
        const texts = input.data.flat(4);
        const count = input.shape.reduce((a, b) => a * b, 1);
        if (count !== texts.length)
          throw appError('DETECTION_BAD_INFER_REQUEST', {
            reason: `shape ${JSON.stringify(input.shape)} holds ${count} values but data has ${texts.length}`,
          });
        checkBatch(ctx, texts.length);
        const p = req.body.parameters ?? {};
        const threshold = typeof p.threshold === 'number' ? p.threshold : undefined;
        const context = p.context === 'document' ? 'document' : 'user';
        const preds = await predictBatch(ctx, texts, {
          models,
          threshold,
          context,
          source: 'model-serving:v2',
        });
        const version = models
          ? preds[0]?.model_versions[models[0]]
          : Object.values(preds[0]?.model_versions ?? {}).join('+');
        return {
          model_name: req.params.name,
          model_version: version,
          id: req.body.id ?? preds[0]?.text_hash.slice(0, 16),
          outputs: v2Outputs(preds),
        };
      },
    );
  },
  health: (ctx) => modelsHealth(ctx),
  start: async (ctx) => void warmup(ctx),
  stop: (ctx) => shutdown(ctx),
};

// ---------------------------------------------------------------- Model cache (8003)

export const modelCacheService: ServiceDefinition = {
  name: 'model-cache',
  port: 8003,
  title: 'Model cache',
  description: 'Loaded-model LRU with TTL under a memory budget, warm-up, and the prediction-result cache.',
  routes(app, ctx) {
    runtime(ctx);
    app.get('/cache/stats', async () => cacheStats(ctx));
    app.post('/cache/warmup', { schema: { body: Type.Union([WarmupBody, Type.Null()]) } }, async (req) => {
      const names = (req.body as { models?: string[] } | null)?.models;
      for (const n of names ?? [])
        if (!knownModels(ctx).includes(n))
          throw appError('DETECTION_UNKNOWN_MODEL', { name: n, known: knownModels(ctx) });
      const results = await warmup(ctx, names);
      return { results, stats: cacheStats(ctx) };
    });
    app.delete(
      '/cache/:model',
      { schema: { params: Type.Object({ model: Type.String() }) } },
      async (req) => {
        const { model } = req.params;
        if (model === 'predictions')
          return { cleared: 'predictions', entries_removed: await clearResultCache(ctx) };
        await unloadModel(ctx, model);
        // Cached results of that model would now be stale against a reload: drop them too.
        const removed = await clearResultCache(ctx);
        return { cleared: model, predictions_removed: removed, stats: cacheStats(ctx) };
      },
    );
  },
  health: (ctx) => ({ ...modelsHealth(ctx), cache: cacheStats(ctx).models }),
  start: async (ctx) => void warmup(ctx),
  stop: (ctx) => shutdown(ctx),
};

export const detectionServices: ServiceDefinition[] = [
  modelApiService,
  modelServingService,
  modelCacheService,
];
