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
  },
  workers(ctx) {
    ctx.queue.register(CAMPAIGN_JOB, (job) => runCampaignJob(ctx, job));
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
