import type { AppContext } from '../../platform/context.js';

/** What the red team needs from detection: a verdict per text. */
export interface DetectionVerdict {
  readonly isAttack: boolean;
  /** P(attack) in [0, 1]. */
  readonly score: number;
  readonly label: string;
}

export type DetectFn = (texts: string[]) => Promise<DetectionVerdict[]>;

// Resolved at run time so this domain builds and tests while detection is developed alongside;
// the specifier is still detection's public index, never its internal files.
const DETECTION_INDEX = '../../detection/index.js';

/**
 * Binds detection's batch prediction to a model (`default`, a model name, or `ensemble`).
 * Returns an error string (not a throw) when detection is not installed in this build or
 * lacks the export, so a campaign can fail with that reason recorded.
 */
export async function loadDetect(ctx: AppContext, model: string, threshold?: number): Promise<DetectFn | { error: string }> {
  let mod: any;
  try {
    mod = await import(DETECTION_INDEX);
  } catch (e) {
    return { error: `detection module not available (${(e as Error).message.split('\n')[0]})` };
  }
  const predictBatch = mod.predictBatch;
  if (typeof predictBatch !== 'function') return { error: 'detection exports no predictBatch' };
  return async (texts) => {
    // `default` and `ensemble` = detection's default model set and ensemble method.
    // log: false: campaign traffic is not production inference; in the prediction log it would
    // read as an attack wave to analytics' drift and performance reports. Campaigns keep their
    // own results.
    const opts: Record<string, unknown> = { context: 'user', source: 'redteam', noCache: true, log: false };
    if (model !== 'ensemble' && model !== 'default') opts.models = [model];
    if (threshold !== undefined) opts.threshold = threshold;
    const out: any = await predictBatch(ctx, texts, opts);
    const rows: any[] = Array.isArray(out) ? out : (out?.results ?? out?.predictions ?? []);
    return rows.map((r) => {
      const probs = r.probabilities ?? {};
      const score = typeof r.attack_score === 'number' ? r.attack_score : typeof probs.benign === 'number' ? 1 - probs.benign : Number(r.confidence ?? 0);
      return { isAttack: Boolean(r.is_attack ?? r.isAttack), score, label: String(r.label ?? (r.is_attack ? 'attack' : 'benign')) };
    });
  };
}
