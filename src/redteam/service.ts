import type { AppContext } from '../platform/context.js';
import type { ServiceDefinition } from '../platform/http/service.js';
import { CampaignBody, GenerateBody, IdParams, ListQuery, ResultsQuery, ScheduleBody } from './api-schemas.js';
import {
  CAMPAIGN_JOB, campaignView, cancelCampaign, createCampaign, createSchedule, deleteSchedule, getCampaign, listCampaigns, listResults, runCampaignJob, runDueSchedules, scheduleView,
} from './campaigns.js';
import { generateAttacks, generateBenign, resolveCategories, resolveStrategies } from './generate.js';
import { categoryGenerators } from './generators/index.js';
import { schedules } from './schema.js';
import { strategies } from './strategies/index.js';
import { desc } from 'drizzle-orm';
import { Type } from 'typebox';
import { appError } from '../platform/errors.js';
import { LEARN_JOB, runLearningJob, startLearning } from './learning.js';

const timers = new WeakMap<AppContext, NodeJS.Timeout>();
/** How often the scheduler looks for due campaigns (schedule intervals are >= 60 s). */
const SCHEDULER_TICK_MS = 15_000;

export const redteamService: ServiceDefinition = {
  name: 'red-team',
  port: 8007,
  title: 'Red team service',
  description: 'Seeded attack generation, obfuscation strategies, campaigns against detectors or external LLMs, scheduled testing',
  routes(app, ctx) {
    app.get('/categories', { config: { role: 'viewer' } }, async () => ({
      categories: categoryGenerators.map((g) => ({ id: g.id, title: g.title, techniques: g.techniques.map((t) => t.id) })),
    }));
    app.get('/strategies', async () => ({ strategies: strategies.map((s) => ({ id: s.id, title: s.title, description: s.description, defaults: s.defaults })) }));

    app.post('/generate', { schema: { body: GenerateBody }, config: { role: 'viewer' } }, async (req) => {
      const seed = req.body.seed ?? 1;
      const attacks = generateAttacks({ categories: req.body.categories, strategies: req.body.strategies, count: req.body.count, seed });
      const benign = req.body.benign ? generateBenign({ count: req.body.benign, seed }) : [];
      return { seed, attacks, benign };
    });

    app.post('/campaigns', { schema: { body: CampaignBody } }, async (req, reply) => {
      const row = await createCampaign(ctx, req.body, req.principal?.id);
      return reply.status(202).send(campaignView(row));
    });
    app.get('/campaigns', { schema: { querystring: ListQuery } }, async (req) =>
      listCampaigns(ctx, { limit: req.query.limit ?? 50, offset: req.query.offset ?? 0, status: req.query.status }),
    );
    app.get('/campaigns/:id', { schema: { params: IdParams } }, async (req) => {
      const row = await getCampaign(ctx, req.params.id);
      const job = row.jobId ? await ctx.queue.get(row.jobId) : undefined;
      return { ...campaignView(row), job: job ? { id: job.id, status: job.status, progress: job.progress, error: job.error } : null };
    });
    app.get('/campaigns/:id/results', { schema: { params: IdParams, querystring: ResultsQuery } }, async (req) => {
      if (req.query.category) resolveCategories([req.query.category]);
      if (req.query.strategy) resolveStrategies([req.query.strategy]);
      return listResults(ctx, req.params.id, { page: req.query.page ?? 1, pageSize: req.query.page_size ?? 50, category: req.query.category, strategy: req.query.strategy, outcome: req.query.outcome });
    });
    app.post('/campaigns/:id/cancel', { schema: { params: IdParams } }, async (req) => campaignView(await cancelCampaign(ctx, req.params.id)));

    app.post('/schedules', { schema: { body: ScheduleBody } }, async (req, reply) => reply.status(201).send(scheduleView(await createSchedule(ctx, req.body as any, req.principal?.id))));
    app.get('/schedules', async () => ({ schedules: (await ctx.db.select().from(schedules).orderBy(desc(schedules.createdAt))).map(scheduleView) }));
    app.delete('/schedules/:id', { schema: { params: IdParams } }, async (req, reply) => {
      await deleteSchedule(ctx, req.params.id);
      return reply.status(204).send();
    });

    // Continuous learning: one turn of the loop per call (missed attacks -> retrain -> compare -> promote?).
    app.post(
      '/learning/runs',
      {
        schema: {
          body: Type.Object(
            {
              campaign_id: Type.String({ minLength: 1, maxLength: 100 }),
              model_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              benign_count: Type.Optional(Type.Integer({ minimum: 0, maximum: 20000 })),
              benign_seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
              validation_count: Type.Optional(Type.Integer({ minimum: 10, maximum: 10000 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const job = await startLearning(ctx, req.body, req.principal?.id);
        return reply.status(202).send({ id: job.id, status: job.status, campaign_id: req.body.campaign_id });
      },
    );
    app.get('/learning/runs', async () => {
      const { jobs, total } = await ctx.queue.list({ name: LEARN_JOB, limit: 100 });
      return { runs: jobs.map((j) => ({ id: j.id, status: j.status, progress: j.progress, campaign_id: j.data?.campaign_id, error: j.error, created_at: j.created_at, finished_at: j.finished_at })), total };
    });
    app.get('/learning/runs/:id', { schema: { params: IdParams } }, async (req) => {
      const j = await ctx.queue.get(req.params.id);
      if (!j || j.name !== LEARN_JOB) throw appError('REDTEAM_CAMPAIGN_NOT_FOUND', { id: req.params.id });
      return { id: j.id, status: j.status, progress: j.progress, info: j.info, result: j.result, error: j.error, logs: j.logs, campaign_id: j.data?.campaign_id, created_at: j.created_at, finished_at: j.finished_at };
    });
  },
  workers(ctx) {
    ctx.queue.register(CAMPAIGN_JOB, (job) => runCampaignJob(ctx, job));
    ctx.queue.register(LEARN_JOB, (job) => runLearningJob(ctx, job));
  },
  start(ctx) {
    const t = setInterval(() => {
      runDueSchedules(ctx).catch((e) => ctx.log.warn({ err: e }, 'red-team scheduler tick failed'));
    }, SCHEDULER_TICK_MS);
    t.unref();
    timers.set(ctx, t);
  },
  stop(ctx) {
    const t = timers.get(ctx);
    if (t) clearInterval(t);
    timers.delete(ctx);
  },
};
