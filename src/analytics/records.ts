/** Storage of red-team results, shared by the HTTP route and in-process callers. */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../platform/context.js';
import { appError } from '../platform/errors.js';
import { redTeamResults } from './schema.js';
import { getState } from './state.js';

export interface RedTeamTestResult {
  test_id: string;
  model_name: string;
  test_type: string;
  attack_success: boolean;
  confidence_score: number;
  attack_details: { method: string; payload: string; success_rate: number } & Record<string, unknown>;
  timestamp?: string;
}

/**
 * Stores one red-team result (analytics-service.md `RedTeamTestResult`); returns its row id.
 * Throws ANALYTICS_BAD_VALUE for out-of-range scores or an unparsable timestamp.
 */
export async function recordRedTeamResult(ctx: AppContext, r: RedTeamTestResult): Promise<string> {
  if (!(r.confidence_score >= 0 && r.confidence_score <= 1)) throw appError('ANALYTICS_BAD_VALUE', { field: 'confidence_score', detail: 'must be within [0, 1]' });
  const at = r.timestamp ? new Date(r.timestamp) : ctx.clock.now();
  if (Number.isNaN(at.getTime())) throw appError('ANALYTICS_BAD_VALUE', { field: 'timestamp', detail: 'must be an ISO 8601 date-time' });
  const id = randomUUID();
  await ctx.db.insert(redTeamResults).values({
    id,
    testId: r.test_id,
    modelName: r.model_name,
    testType: r.test_type,
    attackSuccess: r.attack_success,
    confidenceScore: r.confidence_score,
    attackDetails: r.attack_details,
    testedAt: at,
  });
  getState(ctx).metrics.redTeamResults.inc({ success: String(r.attack_success) });
  return id;
}
