import { and, inArray, lt } from 'drizzle-orm';
import type { AppContext } from './context.js';
import { jobs } from './schema.js';

export const PRUNE_JOBS = 'platform.prune_jobs';

/**
 * Delete finished jobs (completed, failed, cancelled) older than `older_than_days`, so the job
 * table does not grow forever. Returns how many were deleted.
 */
export async function pruneJobs(ctx: AppContext, olderThanDays: number): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - olderThanDays * 86_400_000);
  const deleted = await ctx.db
    .delete(jobs)
    .where(and(inArray(jobs.status, ['completed', 'failed', 'cancelled']), lt(jobs.finishedAt, cutoff)))
    .returning({ id: jobs.id });
  return deleted.length;
}

/** The platform's own job kinds, registered in every process that runs jobs. */
export function registerPlatformJobs(ctx: AppContext): void {
  ctx.queue.register<{ older_than_days?: number }>(PRUNE_JOBS, async (job) => {
    const days = job.data.older_than_days ?? 30;
    const n = await pruneJobs(ctx, days);
    await job.log(`deleted ${n} finished jobs older than ${days} days`);
    return { deleted: n, older_than_days: days, worker_pid: process.pid };
  });
}
