/**
 * Continuous learning: one turn of the loop.
 *
 *   campaign misses + benign look-alikes the model wrongly flags
 *     -> new dataset version (training.createDatasetVersion)
 *     -> retrain queued (training.enqueueTraining), awaited
 *     -> production and the new version scored by the same code (detection's de-obfuscated views,
 *        src/ml linear scoring) on a fixed validation set plus the campaign's attacks
 *     -> analytics' promotion criteria decide (analytics.evaluatePromotion)
 *
 * Other domains are reached through their public index only, resolved at run time so this
 * domain builds on its own; a missing piece fails the run with that reason recorded.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { loadModelArtifact as loadModelArtifactMl } from '../ml/linear-model.js';
import type { AppContext } from '../platform/context.js';
import { appError } from '../platform/errors.js';
import type { JobContext } from '../platform/queue.js';
import { getCampaign } from './campaigns.js';
import { generateAttacks, generateBenign } from './generate.js';
import { results } from './schema.js';
import { strategyRegistry } from './strategies/index.js';
import { parseTarget } from './targets/index.js';
import { loadDetect } from './targets/detection.js';

export const LEARN_JOB = 'redteam.learn';
/** The fixed validation set: same seed every turn, so before/after numbers are comparable. */
export const VALIDATION_SEED = 20261122;

export interface LearningRequest {
  campaign_id: string;
  /** Detection model to retrain (a trainable detector, e.g. 'linear'; default: the campaign's model, or 'linear' for default/ensemble). */
  model_name?: string;
  /** Benign look-alikes scored to find false positives (default 2000). */
  benign_count?: number;
  benign_seed?: number;
  /** Size of each half of the fixed validation set (default 1000 attacks + 1000 benign). */
  validation_count?: number;
}

export interface LearningRecord {
  text: string;
  label: string;
  source: string;
  category: string;
  hard_negative?: boolean;
}

/** Pure: missed attacks keep their category label; wrongly flagged look-alikes become benign hard negatives. */
export function learningRecords(
  campaignId: string,
  missed: readonly { text: string; category: string; technique: string; strategy: string }[],
  flagged: readonly { text: string; kind: string }[],
): LearningRecord[] {
  const seen = new Set<string>();
  const out: LearningRecord[] = [];
  const push = (r: LearningRecord) => {
    const k = r.text.toLowerCase().replace(/\s+/g, ' ').trim();
    if (!k || seen.has(k)) return;
    seen.add(k);
    out.push(r);
  };
  for (const m of missed) push({ text: m.text, label: m.category, source: `redteam:campaign:${campaignId}`, category: `${m.technique}:${m.strategy}` });
  for (const f of flagged) push({ text: f.text, label: 'benign', source: `redteam:lookalike:${campaignId}`, category: f.kind, hard_negative: true });
  return out;
}

export interface RateReport {
  attacks: number;
  detected: number;
  detection_rate: number | null;
  benign: number;
  false_positives: number;
  false_positive_rate: number | null;
}

/** Pure: detection rate on attacks and false-positive rate on benign rows. */
export function rates(rows: readonly { isAttack: boolean; flagged: boolean }[]): RateReport {
  const a = rows.filter((r) => r.isAttack);
  const b = rows.filter((r) => !r.isAttack);
  const d = a.filter((r) => r.flagged).length;
  const fp = b.filter((r) => r.flagged).length;
  return { attacks: a.length, detected: d, detection_rate: a.length ? d / a.length : null, benign: b.length, false_positives: fp, false_positive_rate: b.length ? fp / b.length : null };
}

/** Pure: binary metrics in analytics' CandidateMetrics shape (attack = positive class). */
export function candidateMetrics(rows: readonly { isAttack: boolean; flagged: boolean }[]) {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (const r of rows) {
    if (r.isAttack && r.flagged) tp++;
    else if (r.isAttack) fn++;
    else if (r.flagged) fp++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { accuracy: rows.length ? (tp + tn) / rows.length : 0, precision, recall, f1_score: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, test_samples: rows.length };
}

async function dep(spec: string, name: string): Promise<(...a: any[]) => Promise<any>> {
  let mod: any;
  try {
    mod = await import(spec);
  } catch {
    mod = null;
  }
  const f = mod?.[name];
  if (typeof f !== 'function') throw appError('REDTEAM_TARGET_UNAVAILABLE', { target: spec.replace(/^\.\.\/|\/index\.js$/g, '') + '.' + name, reason: 'not available in this build' });
  return f;
}

/** Validates and queues a loop run; resolves with the queue job. */
export async function startLearning(ctx: AppContext, req: LearningRequest, createdBy?: string | null) {
  const c = await getCampaign(ctx, req.campaign_id);
  const spec = parseTarget(c.target, []);
  if (spec.kind !== 'model') throw appError('REDTEAM_BAD_TARGET', { target: c.target, reason: 'the learning loop retrains our own detection models; run it on a campaign whose target is model:<name> or ensemble' });
  if (c.status !== 'completed') throw appError('REDTEAM_BAD_TARGET', { target: c.target, reason: `campaign ${c.id} is ${c.status}; wait until it is completed` });
  return ctx.queue.enqueue(LEARN_JOB, req, { maxAttempts: 1, createdBy: createdBy ?? undefined });
}

/** The loop job. Succeeds with a before/after report and the promotion decision. */
export async function runLearningJob(ctx: AppContext, job: JobContext<LearningRequest>) {
  const req = job.data;
  const c = await getCampaign(ctx, req.campaign_id);
  const spec = parseTarget(c.target, []);
  if (spec.kind !== 'model') throw new Error('campaign target is not one of our models');
  const modelName = req.model_name ?? (spec.model === 'ensemble' || spec.model === 'default' ? 'linear' : spec.model);
  const detect = await loadDetect(ctx, spec.model, (c.targetConfig as { threshold?: number }).threshold);
  if ('error' in detect) throw new Error(detect.error);

  // 1. What production gets wrong.
  const missed = await ctx.db.select().from(results).where(and(eq(results.campaignId, c.id), eq(results.success, true)));
  const lookalikes = generateBenign({ count: req.benign_count ?? 2000, seed: req.benign_seed ?? c.seed + 1 });
  const flagged: typeof lookalikes = [];
  for (let i = 0; i < lookalikes.length; i += 64) {
    const batch = lookalikes.slice(i, i + 64);
    const v = await detect(batch.map((b) => b.text));
    batch.forEach((b, k) => v[k].isAttack && flagged.push(b));
  }
  const records = learningRecords(c.id, missed, flagged);
  await job.progress(15, { missed: missed.length, flagged: flagged.length, records: records.length });
  if (records.length === 0) return { campaign_id: c.id, missed: 0, flagged: 0, skipped: 'nothing to learn: no missed attacks and no false positives' };

  // 2. New dataset version + retrain.
  const createDatasetVersion = await dep('../training/index.js', 'createDatasetVersion');
  const enqueueTraining = await dep('../training/index.js', 'enqueueTraining');
  const getDataset = await dep('../training/index.js', 'getDataset');
  const datasetName = `redteam-${modelName}`;
  // First turn builds on the built-in training set; later turns on the previous loop version.
  const exists = await getDataset(ctx, datasetName).then(() => true, () => false);
  const version = await createDatasetVersion(ctx, { name: datasetName, records, base: exists ? 'latest' : 'builtin', source: `redteam:${c.id}`, description: `${missed.length} missed attacks and ${flagged.length} false positives from campaign ${c.id}`, actor: 'redteam' });
  const training = await enqueueTraining(ctx, { model_name: modelName, reason: `red-team campaign ${c.id}`, priority: 'normal', trigger: 'redteam', dataset_version: version.id, actor: 'redteam' });
  const trainingJobId: string = typeof training === 'string' ? training : (training?.id ?? training?.job_id);
  await job.log(`training job ${trainingJobId} queued on dataset version ${version.id} (${datasetName} v${version.version})`);
  const trained = await ctx.queue.waitFor(trainingJobId, 60 * 60_000);
  if (trained.status !== 'completed') throw new Error(`training job ${trainingJobId} ${trained.status}: ${trained.error ?? ''}`);
  await job.progress(70, { training_job: trainingJobId });

  // 3. Before/after on the fixed validation set + the campaign's attacks. Production and the
  // candidate are scored by the same code (detection's de-obfuscated views, max over views), so
  // the only difference is the weights.
  const buildViews = await dep('../detection/index.js', 'buildViews');
  const trainedVersion = String((trained.result as any)?.version ?? '');
  if (!trainedVersion) throw new Error(`training job ${trainingJobId} returned no model version`);
  const loadArtifact = await dep('../training/index.js', 'loadModelArtifact');
  const getProductionVersion = await dep('../training/index.js', 'getProductionVersion');
  const candidate = loadModelArtifactMl(await loadArtifact(ctx, modelName, trainedVersion));
  const prodVersion = await getProductionVersion(ctx, modelName);
  let production: ReturnType<typeof loadModelArtifactMl>;
  let productionLabel: string;
  if (prodVersion?.version) {
    production = loadModelArtifactMl(await loadArtifact(ctx, modelName, prodVersion.version));
    productionLabel = `${modelName} ${prodVersion.version} (registry Production)`;
  } else {
    const file = [modelName, `${modelName}-default`].map((d) => path.join(ctx.config.modelsDir, d, 'model.json')).find((f) => existsSync(f)) ?? path.join(ctx.config.modelsDir, modelName, 'model.json');
    if (!existsSync(file)) throw new Error(`no production version of '${modelName}' in the registry and no shipped model at ${file}`);
    production = loadModelArtifactMl(JSON.parse(readFileSync(file, 'utf8')));
    productionLabel = `${modelName} shipped (${file})`;
  }
  if (candidate.kind !== 'linear' || production.kind !== 'linear') throw new Error('the loop compares linear (hashed n-gram) models; use a linear model_name such as "linear"');
  const vn = req.validation_count ?? 1000;
  const valAttacks = generateAttacks({ count: vn, seed: VALIDATION_SEED, strategies: [...strategyRegistry.ids] });
  const valBenign = generateBenign({ count: vn, seed: VALIDATION_SEED });
  const campaignAttacks = generateAttacks({ categories: c.categories, strategies: c.strategies, count: c.count, seed: c.seed });
  const rows = [...valAttacks.map((a) => ({ text: a.text, isAttack: true, set: 'validation' })), ...valBenign.map((b) => ({ text: b.text, isAttack: false, set: 'validation' })), ...campaignAttacks.map((a) => ({ text: a.text, isAttack: true, set: 'campaign' }))];
  const before: { isAttack: boolean; flagged: boolean; set: string }[] = [];
  const after: typeof before = [];
  const score = (m: typeof candidate, views: { text: string }[]) => Math.max(...views.map((v) => 1 - (m as any).predictProba(v.text).benign));
  for (let i = 0; i < rows.length; i++) {
    if (i % 200 === 0 && job.signal.aborted) throw new Error('cancelled');
    const views = buildViews(rows[i].text) as unknown as { text: string }[];
    before.push({ isAttack: rows[i].isAttack, flagged: score(production, views) >= 0.5, set: rows[i].set });
    after.push({ isAttack: rows[i].isAttack, flagged: score(candidate, views) >= 0.5, set: rows[i].set });
  }
  const report = {
    production: productionLabel,
    candidate: `${modelName} ${trainedVersion}`,
    before: { validation: rates(before.filter((r) => r.set === 'validation')), campaign: rates(before.filter((r) => r.set === 'campaign')) },
    after: { validation: rates(after.filter((r) => r.set === 'validation')), campaign: rates(after.filter((r) => r.set === 'campaign')) },
  };
  await job.progress(90, report);

  // 4. Analytics decides.
  const evaluatePromotion = await dep('../analytics/index.js', 'evaluatePromotion');
  const promotion = await evaluatePromotion(ctx, { model_name: modelName, version: trainedVersion, metrics: candidateMetrics(after), action: 'promote' });
  return { campaign_id: c.id, model_name: modelName, missed: missed.length, flagged: flagged.length, records: records.length, dataset_version: version, training_job: trainingJobId, trained_version: trainedVersion, ...report, promotion };
}
