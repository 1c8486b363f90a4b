/**
 * Model registry: models, versions (semver `1.0.<seq>`), stages None/Staging/Production/
 * Archived, named aliases, and a transition log (who, when, why). Every stage change emits
 * `model.stage_changed` so detection reloads the production version without a restart.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, max } from 'drizzle-orm';
import type { AppContext } from '../platform/context.js';
import { appError } from '../platform/errors.js';
import { ArtifactError } from '../platform/artifacts.js';
import { loadModelArtifact as decodeArtifact, type ModelArtifact } from '../ml/linear-model.js';
import { modelAliases, modelVersions, models, stageTransitions } from './schema.js';

export const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type Stage = (typeof STAGES)[number];

export type ModelVersionRow = typeof modelVersions.$inferSelect;

export function versionView(v: ModelVersionRow, aliases: string[] = []) {
  return {
    name: v.modelName,
    version: v.version,
    stage: v.stage as Stage,
    aliases,
    kind: v.kind,
    run_id: v.runId,
    artifact: { key: v.artifactKey, sha256: v.artifactSha256, bytes: v.artifactBytes },
    metrics: v.metrics,
    shipped: v.shippedVersion === null ? null : { version: v.shippedVersion, sha256: v.shippedSha256 },
    created_at: v.createdAt.toISOString(),
  };
}

async function knownModelNames(ctx: AppContext): Promise<string[]> {
  return (await ctx.db.select({ name: models.name }).from(models).orderBy(asc(models.name))).map((r) => r.name);
}

export async function getModelRow(ctx: AppContext, name: string) {
  const [m] = await ctx.db.select().from(models).where(eq(models.name, name));
  return m;
}

async function requireModel(ctx: AppContext, name: string) {
  const m = await getModelRow(ctx, name);
  if (!m) throw appError('TRAINING_MODEL_NOT_FOUND', { name, known: await knownModelNames(ctx) });
  return m;
}

async function aliasesOf(ctx: AppContext, name: string): Promise<Map<string, string[]>> {
  const rows = await ctx.db.select().from(modelAliases).where(eq(modelAliases.modelName, name));
  const byVersion = new Map<string, string[]>();
  for (const r of rows) byVersion.set(r.version, [...(byVersion.get(r.version) ?? []), r.alias]);
  return byVersion;
}

export async function ensureModel(ctx: AppContext, name: string, trainer: string, description?: string): Promise<void> {
  await ctx.db
    .insert(models)
    .values({ name, trainer, description: description ?? null })
    .onConflictDoNothing();
}

/**
 * Store an artifact as the next version of `name` (stage None unless given) and return it.
 * `seq` 0 is reserved for the first shipped default (`1.0.0`) of a fresh registry; trained
 * versions, and shipped defaults registered later, count up from 1. `shipped` (the file's
 * version and sha256) marks a shipped default.
 */
export async function registerVersion(
  ctx: AppContext,
  opts: { name: string; trainer: string; artifact: ModelArtifact; runId?: string | null; seq?: number; stage?: Stage; actor?: string; reason?: string; shipped?: { version: string; sha256: string } },
): Promise<ReturnType<typeof versionView>> {
  await ensureModel(ctx, opts.name, opts.trainer);
  const [{ m }] = await ctx.db.select({ m: max(modelVersions.seq) }).from(modelVersions).where(eq(modelVersions.modelName, opts.name));
  const seq = opts.seq ?? (m === null ? 1 : Math.max(1, m + 1));
  const version = `1.0.${seq}`;
  const artifact = { ...opts.artifact, name: opts.name, metadata: { ...opts.artifact.metadata, version } };
  const key = `training/models/${opts.name}/${version}/model.json`;
  const stored = await ctx.artifacts.put(key, JSON.stringify(artifact));
  const val = (artifact.metadata.metrics as { validation?: { binary?: { roc_auc?: number | null } } }).validation;
  const [row] = await ctx.db
    .insert(modelVersions)
    .values({
      id: randomUUID(),
      modelName: opts.name,
      version,
      seq,
      stage: 'None',
      runId: opts.runId ?? null,
      kind: artifact.kind,
      artifactKey: stored.key,
      artifactSha256: stored.sha256,
      artifactBytes: stored.size,
      metrics: artifact.metadata.metrics,
      auc: val?.binary?.roc_auc ?? null,
      shippedVersion: opts.shipped?.version ?? null,
      shippedSha256: opts.shipped?.sha256 ?? null,
    })
    .returning();
  if (opts.stage && opts.stage !== 'None') {
    await transitionStage(ctx, { name: opts.name, version, stage: opts.stage, actor: opts.actor ?? 'system', reason: opts.reason ?? 'registered', shipped: opts.shipped !== undefined });
    return versionView({ ...row, stage: opts.stage });
  }
  return versionView(row);
}

export async function listModels(ctx: AppContext) {
  const ms = await ctx.db.select().from(models).orderBy(asc(models.name));
  const out = [];
  for (const m of ms) {
    const vs = await ctx.db.select().from(modelVersions).where(eq(modelVersions.modelName, m.name)).orderBy(desc(modelVersions.seq));
    const aliases = await aliasesOf(ctx, m.name);
    out.push({
      name: m.name,
      trainer: m.trainer,
      description: m.description,
      versions: vs.length,
      latest_version: vs[0]?.version ?? null,
      production_version: vs.find((v) => v.stage === 'Production')?.version ?? null,
      staging_version: vs.find((v) => v.stage === 'Staging')?.version ?? null,
      aliases: Object.fromEntries([...aliases.entries()].flatMap(([v, as]) => as.map((a) => [a, v]))),
      created_at: m.createdAt.toISOString(),
    });
  }
  return out;
}

export async function getModel(ctx: AppContext, name: string) {
  await requireModel(ctx, name);
  const all = await listModels(ctx);
  const m = all.find((x) => x.name === name)!;
  const transitions = await ctx.db.select().from(stageTransitions).where(eq(stageTransitions.modelName, name)).orderBy(desc(stageTransitions.at)).limit(50);
  return {
    ...m,
    transitions: transitions.map((t) => ({ version: t.version, kind: t.kind, from: t.fromValue, to: t.toValue, actor: t.actor, reason: t.reason, at: t.at.toISOString() })),
  };
}

export async function listModelVersions(ctx: AppContext, name: string) {
  await requireModel(ctx, name);
  const vs = await ctx.db.select().from(modelVersions).where(eq(modelVersions.modelName, name)).orderBy(desc(modelVersions.seq));
  const aliases = await aliasesOf(ctx, name);
  return vs.map((v) => versionView(v, aliases.get(v.version) ?? []));
}

async function requireVersion(ctx: AppContext, name: string, version: string): Promise<ModelVersionRow> {
  await requireModel(ctx, name);
  const [aliasRow] = await ctx.db.select().from(modelAliases).where(and(eq(modelAliases.modelName, name), eq(modelAliases.alias, version)));
  const v = aliasRow ? aliasRow.version : version;
  const [row] = await ctx.db.select().from(modelVersions).where(and(eq(modelVersions.modelName, name), eq(modelVersions.version, v)));
  if (!row) throw appError('TRAINING_VERSION_NOT_FOUND', { name, version });
  return row;
}

/** The Production version of `name`, or null when there is none (or no such model). */
export async function getProductionVersion(ctx: AppContext, name: string) {
  const [row] = await ctx.db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.modelName, name), eq(modelVersions.stage, 'Production')))
    .orderBy(desc(modelVersions.seq))
    .limit(1);
  return row ? versionView(row) : null;
}

/**
 * Move `version` (a version string or an alias) to `stage`. Promoting to Production archives
 * the previous Production version (also logged and emitted; `supersededReason` replaces the
 * default "superseded by <version>" in its log entry). Throws 404 for an unknown
 * model/version; a no-op transition is still logged (someone asked for it, with a reason).
 */
export async function transitionStage(
  ctx: AppContext,
  req: { name: string; version: string; stage: Stage | string; reason?: string; supersededReason?: string; actor?: string; shipped?: boolean },
) {
  if (!(STAGES as readonly string[]).includes(req.stage)) throw appError('VALIDATION_FAILED', { detail: `stage must be one of ${STAGES.join(', ')} (got '${req.stage}')` });
  const stage = req.stage as Stage;
  const row = await requireVersion(ctx, req.name, req.version);
  const actor = req.actor ?? 'system';
  const moves: { version: string; from: string; to: Stage; artifactKey: string }[] = [];
  if (stage === 'Production') {
    const current = await ctx.db.select().from(modelVersions).where(and(eq(modelVersions.modelName, req.name), eq(modelVersions.stage, 'Production')));
    for (const c of current) if (c.version !== row.version) moves.push({ version: c.version, from: c.stage, to: 'Archived', artifactKey: c.artifactKey });
  }
  moves.push({ version: row.version, from: row.stage, to: stage, artifactKey: row.artifactKey });
  for (const m of moves) {
    await ctx.db.update(modelVersions).set({ stage: m.to }).where(and(eq(modelVersions.modelName, req.name), eq(modelVersions.version, m.version)));
    await ctx.db.insert(stageTransitions).values({
      id: randomUUID(),
      modelName: req.name,
      version: m.version,
      kind: 'stage',
      fromValue: m.from,
      toValue: m.to,
      actor,
      reason: m.version === row.version ? (req.reason ?? null) : (req.supersededReason ?? `superseded by ${row.version}`),
    });
  }
  for (const m of moves) {
    await ctx.events.emit('model.stage_changed', { name: req.name, version: m.version, stage: m.to, previous_stage: m.from, artifact_key: m.artifactKey, kind: row.kind, actor, reason: req.reason ?? null, shipped: req.shipped === true });
  }
  return { name: req.name, version: row.version, stage, previous_stage: row.stage, actor, reason: req.reason ?? null, changes: moves.map(({ version, from, to }) => ({ version, from, to })) };
}

/** Point `alias` at a version (creating or moving it); logged like a stage change. */
export async function setAlias(ctx: AppContext, req: { name: string; alias: string; version: string; reason?: string; actor?: string }) {
  if ((STAGES as readonly string[]).includes(req.alias) || /^\d+\.\d+\.\d+$/.test(req.alias)) {
    throw appError('VALIDATION_FAILED', { detail: `alias '${req.alias}' would be ambiguous with a stage or version; pick a name like 'champion'` });
  }
  const row = await requireVersion(ctx, req.name, req.version);
  const [prev] = await ctx.db.select().from(modelAliases).where(and(eq(modelAliases.modelName, req.name), eq(modelAliases.alias, req.alias)));
  await ctx.db
    .insert(modelAliases)
    .values({ modelName: req.name, alias: req.alias, version: row.version, updatedAt: ctx.clock.now() })
    .onConflictDoUpdate({ target: [modelAliases.modelName, modelAliases.alias], set: { version: row.version, updatedAt: ctx.clock.now() } });
  await ctx.db.insert(stageTransitions).values({ id: randomUUID(), modelName: req.name, version: row.version, kind: `alias:${req.alias}`, fromValue: prev?.version ?? null, toValue: row.version, actor: req.actor ?? 'system', reason: req.reason ?? null });
  await ctx.events.emit('model.alias_changed', { name: req.name, alias: req.alias, version: row.version, previous_version: prev?.version ?? null });
  return { name: req.name, alias: req.alias, version: row.version, previous_version: prev?.version ?? null };
}

export async function deleteAlias(ctx: AppContext, req: { name: string; alias: string; actor?: string; reason?: string }) {
  await requireModel(ctx, req.name);
  const [prev] = await ctx.db.select().from(modelAliases).where(and(eq(modelAliases.modelName, req.name), eq(modelAliases.alias, req.alias)));
  if (!prev) throw appError('TRAINING_VERSION_NOT_FOUND', { name: req.name, version: req.alias });
  await ctx.db.delete(modelAliases).where(and(eq(modelAliases.modelName, req.name), eq(modelAliases.alias, req.alias)));
  await ctx.db.insert(stageTransitions).values({ id: randomUUID(), modelName: req.name, version: prev.version, kind: `alias:${req.alias}`, fromValue: prev.version, toValue: '(removed)', actor: req.actor ?? 'system', reason: req.reason ?? null });
  return { name: req.name, alias: req.alias, removed: true };
}

/**
 * The artifact of `name@version` (version string or alias), checksum-verified against the
 * registry. Throws 404 for unknown model/version, TRAINING_ARTIFACT_INVALID when the stored
 * bytes are missing, altered, or not a loadable model.
 */
export async function loadModelArtifact(ctx: AppContext, name: string, version: string): Promise<ModelArtifact> {
  const row = await requireVersion(ctx, name, version);
  let buf: Buffer;
  try {
    buf = await ctx.artifacts.get(row.artifactKey, row.artifactSha256);
  } catch (e) {
    const detail = e instanceof ArtifactError ? `${e.kind}: ${e.message}` : String(e);
    throw appError('TRAINING_ARTIFACT_INVALID', { key: row.artifactKey, detail });
  }
  try {
    const artifact = JSON.parse(buf.toString('utf8')) as ModelArtifact;
    decodeArtifact(artifact);
    return artifact;
  } catch (e) {
    throw appError('TRAINING_ARTIFACT_INVALID', { key: row.artifactKey, detail: (e as Error).message });
  }
}
