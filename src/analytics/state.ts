/** Runtime state per AppContext (never module-global): metrics, monitoring loop. */
import { Counter, Gauge } from 'prom-client';
import type { AppContext } from '../platform/context.js';

export interface AnalyticsState {
  metrics: {
    driftChecks: Counter<'kind'>;
    driftDetected: Counter<'kind'>;
    driftScore: Gauge<'model'>;
    retrainEvents: Counter<'trigger' | 'status'>;
    promotions: Counter<'result'>;
    redTeamResults: Counter<'success'>;
  };
  monitoring: { timer: NodeJS.Timeout | null; startedAt: Date | null; lastRun: Date | null; lastError: string | null; runs: number; running: boolean };
}

const states = new WeakMap<AppContext, AnalyticsState>();

export function getState(ctx: AppContext): AnalyticsState {
  let s = states.get(ctx);
  if (!s) {
    const registers = [ctx.metrics];
    s = {
      metrics: {
        driftChecks: new Counter({ name: 'analytics_drift_checks_total', help: 'Drift checks run', labelNames: ['kind'], registers }),
        driftDetected: new Counter({ name: 'analytics_drift_detected_total', help: 'Drift checks that found drift', labelNames: ['kind'], registers }),
        driftScore: new Gauge({ name: 'analytics_last_drift_score', help: 'Last drift score per model ("" = ad hoc)', labelNames: ['model'], registers }),
        retrainEvents: new Counter({ name: 'analytics_retrain_events_total', help: 'Auto-retrain events', labelNames: ['trigger', 'status'], registers }),
        promotions: new Counter({ name: 'analytics_promotions_total', help: 'Promotion decisions', labelNames: ['result'], registers }),
        redTeamResults: new Counter({ name: 'analytics_red_team_results_total', help: 'Red-team results stored', labelNames: ['success'], registers }),
      },
      monitoring: { timer: null, startedAt: null, lastRun: null, lastError: null, runs: 0, running: false },
    };
    states.set(ctx, s);
  }
  return s;
}
