/**
 * Calls into the detection and training domains through their public `index.ts` exports.
 *
 * Loaded lazily (on first use, not when analytics is imported: detection's index pulls in its
 * model runtimes); types come from type-only imports so the calls are still checked. If a
 * module cannot be loaded, the dependency is reported unavailable (502 to the client, `false`
 * in health) instead of failing at import time. What we call:
 *  - detection: `listPredictionLog(ctx, { since, modelName, limit })` -> PredictionLogRow[]
 *    (label, attack_score, probabilities, text or null, created_at, model_versions)
 *  - training:  `enqueueTraining(ctx, { model_name, reason, priority, training_data_path?, trigger })`
 *               -> JobInfo (or `{ job_id }`), `transitionStage(ctx, { name, version, stage, reason })`,
 *               optional `listModels(ctx)` -> names or `{ name }[]`.
 */
import type { AppContext } from '../platform/context.js';
import { appError, isAppError } from '../platform/errors.js';
import type * as DetectionApi from '../detection/index.js';
import type * as TrainingApi from '../training/index.js';

type Mod = Record<string, unknown>;
const DETECTION = '../detection/index.js';
const TRAINING = '../training/index.js';

async function load(spec: string): Promise<Mod | null> {
  try {
    return (await import(spec)) as Mod;
  } catch {
    return null;
  }
}

async function training(): Promise<typeof TrainingApi | null> {
  return (await load(TRAINING)) as typeof TrainingApi | null;
}
async function detection(): Promise<typeof DetectionApi | null> {
  return (await load(DETECTION)) as typeof DetectionApi | null;
}

async function fn(spec: string, name: string): Promise<((...a: unknown[]) => Promise<unknown>) | null> {
  const m = await load(spec);
  const f = m?.[name];
  return typeof f === 'function' ? (f as (...a: unknown[]) => Promise<unknown>) : null;
}

export async function integrationStatus(): Promise<{ prediction_log: boolean; training_queue: boolean; model_registry: boolean }> {
  return {
    prediction_log: (await fn(DETECTION, 'listPredictionLog')) !== null,
    training_queue: (await fn(TRAINING, 'enqueueTraining')) !== null,
    model_registry: (await fn(TRAINING, 'transitionStage')) !== null,
  };
}

export interface PredictionLogEntry {
  model_name: string | null;
  prediction: string;
  confidence: number | null;
  text: string | null;
  timestamp: string;
  raw: Record<string, unknown>;
}

function pick(o: Record<string, unknown>, names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n];
  return undefined;
}

/** Normalizes the detection log rows to the fields drift needs (keeps the raw row too). */
export function normalizeLog(rows: unknown): PredictionLogEntry[] {
  const list = Array.isArray(rows)
    ? rows
    : rows && typeof rows === 'object'
      ? ((pick(rows as Record<string, unknown>, ['items', 'entries', 'predictions', 'rows', 'data']) as unknown[]) ?? [])
      : [];
  const out: PredictionLogEntry[] = [];
  for (const r of list) {
    if (!r || typeof r !== 'object') continue;
    const o = r as Record<string, unknown>;
    const pred = pick(o, ['prediction', 'label', 'predicted_label', 'verdict']);
    if (pred === undefined) continue;
    // Confidence of the predicted label: its probability when logged, else the attack score.
    const probs = o.probabilities as Record<string, unknown> | undefined;
    const conf = typeof probs?.[String(pred)] === 'number' ? probs[String(pred)] : pick(o, ['confidence', 'score', 'probability', 'attack_score']);
    const ts = pick(o, ['timestamp', 'created_at', 'createdAt']);
    out.push({
      model_name: (pick(o, ['model_name', 'modelName', 'model']) as string | undefined) ?? null,
      prediction: String(pred),
      confidence: typeof conf === 'number' ? conf : null,
      text: (pick(o, ['text', 'input_text', 'input']) as string | undefined) ?? null,
      timestamp: ts instanceof Date ? ts.toISOString() : String(ts ?? ''),
      raw: o,
    });
  }
  return out;
}

/** Reads the detection prediction log; throws 503 when detection does not provide it. */
export async function readPredictionLog(ctx: AppContext, q: { since: Date; until?: Date; model_name?: string; limit?: number }): Promise<PredictionLogEntry[]> {
  const d = await detection();
  if (!d?.listPredictionLog) throw appError('ANALYTICS_DEPENDENCY_FAILED', { service: 'detection.listPredictionLog', detail: 'not available in this build' });
  const rows = normalizeLog(await d.listPredictionLog(ctx, { since: q.since, modelName: q.model_name, limit: q.limit ?? 100_000 }));
  // No upper bound for "up to now": detection stamps rows when it flushes its log buffer,
  // which can be a moment after the request started.
  const until = q.until ? q.until.getTime() : Infinity;
  return rows.filter((r) => !(Date.parse(r.timestamp) > until) && (!q.model_name || r.model_name === null || r.model_name === q.model_name));
}

/**
 * Enqueues a training job on the training queue; returns its job id. Training's own 4xx
 * errors (unknown model, bad dataset path) pass through; anything else becomes a 502.
 */
export async function enqueueRetrain(
  ctx: AppContext,
  req: { model_name: string; reason: string; priority: string; trigger: string; training_data_path?: string },
): Promise<string> {
  const t = await training();
  if (!t?.enqueueTraining) throw appError('ANALYTICS_DEPENDENCY_FAILED', { service: 'training.enqueueTraining', detail: 'not available in this build' });
  try {
    const job = await t.enqueueTraining(ctx, { ...req, actor: 'analytics.auto-retrain' });
    return job.job_id;
  } catch (e) {
    if (isAppError(e) && e.status < 500) throw e;
    throw appError('ANALYTICS_DEPENDENCY_FAILED', { service: 'training.enqueueTraining', detail: (e as Error).message });
  }
}

export async function transitionStage(ctx: AppContext, req: { name: string; version: string; stage: string; reason: string }): Promise<unknown> {
  const t = await training();
  if (!t?.transitionStage) throw appError('ANALYTICS_DEPENDENCY_FAILED', { service: 'training.transitionStage', detail: 'not available in this build' });
  return t.transitionStage(ctx, { ...req, actor: 'analytics.promotion' });
}

/** The registry's Production version of a model, or null (none, or training unavailable). */
export async function productionVersion(ctx: AppContext, name: string): Promise<string | null> {
  const t = await training();
  if (!t?.getProductionVersion) return null;
  try {
    const v = (await t.getProductionVersion(ctx, name)) as { version?: string } | null;
    return v?.version ?? null;
  } catch {
    return null;
  }
}

/** Registered model names from training, or null when training does not list them. */
export async function registeredModels(ctx: AppContext): Promise<string[] | null> {
  const t = await training();
  if (!t?.listModels) return null;
  try {
    const r = (await t.listModels(ctx)) as unknown;
    const list = Array.isArray(r) ? r : ((r as { models?: unknown[] })?.models ?? []);
    return list.map((m) => (typeof m === 'string' ? m : String((m as { name?: string }).name ?? ''))).filter(Boolean);
  } catch {
    return null;
  }
}
