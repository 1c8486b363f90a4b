/**
 * Dataset versions: every import is an immutable, content-hashed version whose records are
 * stored (JSONL) in the artifact store. Appending (red-team findings, reviewed samples) makes
 * a new version = previous records + new ones.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { realpath } from 'node:fs/promises';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context.js';
import { appError } from '../platform/errors.js';
import { datasetHash, datasetProblems, datasetStats, detectFormat, parseDataset, toJsonl, type DatasetFormat, type DatasetRecord, type ParseResult } from '../ml/dataset-io.js';
import { generateAttacks, generateBenign } from '../redteam/index.js';
import type { Label } from '../ml/labels.js';
import { generatedToRecords } from './data-files.js';
import { datasetVersions, datasets } from './schema.js';

export const BUILTIN_DATASET = 'builtin';

export interface CreateDatasetVersionInput {
  name: string;
  /** One of: parsed-ish records, raw JSONL/CSV text, or a server-side file path. */
  records?: Partial<DatasetRecord>[] | Record<string, unknown>[];
  content?: string;
  format?: DatasetFormat;
  path?: string;
  source?: string;
  description?: string;
  /**
   * What the new version builds on: 'latest' = the dataset's latest version (default when the
   * dataset exists), 'builtin' = the generated built-in set (default for a new dataset created
   * through the API of another domain), 'none' = only these records.
   */
  base?: 'latest' | 'builtin' | 'none';
  actor?: string;
}

type VersionRow = typeof datasetVersions.$inferSelect;

export function datasetVersionView(v: VersionRow, name?: string) {
  return {
    id: v.id,
    dataset_id: v.datasetId,
    ...(name ? { name } : {}),
    version: v.version,
    parent_id: v.parentId,
    content_hash: v.contentHash,
    stats: v.stats,
    source: v.source,
    description: v.description,
    artifact: { key: v.artifactKey, sha256: v.artifactSha256 },
    created_by: v.createdBy,
    created_at: v.createdAt.toISOString(),
  };
}

/** The built-in training set: red-team generator attacks and benign look-alikes (seeded). */
export function builtinRecords(): DatasetRecord[] {
  const attacks = generateAttacks({ count: 4000, seed: 42 }).map((a) => ({ text: a.text, category: a.category as Label, technique: a.technique }));
  const benign = generateBenign({ count: 4000, seed: 43 }).map((b) => ({ text: b.text, kind: b.kind }));
  return generatedToRecords(attacks, benign, 42);
}

/**
 * A server-side path is only read inside the configured dataset folders (MLSEC_DATASET_DIRS and
 * <data dir>/datasets): otherwise any analyst could make the server read, and echo rows of,
 * arbitrary files. Symlinks and `..` are resolved before the check.
 */
async function allowedPath(dirs: string[], given: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(resolve(given));
  } catch (e) {
    throw appError('TRAINING_DATASET_SOURCE', { detail: `cannot read '${given}' (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
  }
  for (const d of dirs) {
    const root = await realpath(d).catch(() => undefined);
    if (root && (real === root || real.startsWith(root + sep))) return real;
  }
  throw appError('TRAINING_DATASET_SOURCE', {
    detail: `'${given}' is outside the dataset folders (${dirs.join(', ')}); put the file there, set MLSEC_DATASET_DIRS, or upload its content`,
  });
}

async function parseInput(input: CreateDatasetVersionInput, datasetDirs: string[]): Promise<ParseResult> {
  const given = [input.records !== undefined, input.content !== undefined, input.path !== undefined].filter(Boolean).length;
  if (given !== 1) throw appError('TRAINING_DATASET_SOURCE', { detail: `got ${given} of them` });
  const file = input.source ?? input.name;
  if (input.records) {
    return parseDataset(input.records.map((r) => JSON.stringify(r)).join('\n'), 'jsonl', file);
  }
  if (input.path) {
    let content: string;
    const file = await allowedPath(datasetDirs, input.path);
    try {
      content = await readFile(file, 'utf8');
    } catch (e) {
      throw appError('TRAINING_DATASET_SOURCE', { detail: `cannot read '${input.path}' (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    }
    return parseDataset(content, input.format ?? detectFormat(input.path, content), input.source ?? basename(input.path));
  }
  return parseDataset(input.content!, input.format ?? detectFormat(undefined, input.content!), file);
}

async function latestVersion(ctx: AppContext, datasetId: string): Promise<VersionRow | undefined> {
  const [v] = await ctx.db.select().from(datasetVersions).where(eq(datasetVersions.datasetId, datasetId)).orderBy(desc(datasetVersions.version)).limit(1);
  return v;
}

/**
 * Create a dataset version. Refuses (400, every offending row in details) on unknown labels,
 * missing text, duplicate ids, or a result with one class only.
 */
export async function createDatasetVersion(ctx: AppContext, input: CreateDatasetVersionInput) {
  if (typeof input.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(input.name)) {
    throw appError('VALIDATION_FAILED', { detail: `dataset name must be 1-100 characters of letters, digits, '.', '_', ':', '-' (got ${JSON.stringify(input.name)})` });
  }
  const parsed = await parseInput(input, ctx.config.datasetDirs);
  const [existing] = await ctx.db.select().from(datasets).where(eq(datasets.name, input.name));
  const base = input.base ?? (existing ? 'latest' : 'none');
  let baseRecords: DatasetRecord[] = [];
  let parent: VersionRow | undefined;
  if (base === 'latest' && existing) {
    parent = await latestVersion(ctx, existing.id);
    if (parent) baseRecords = await readVersionRecords(ctx, parent);
  } else if (base === 'builtin') baseRecords = builtinRecords();

  // New rows win over base rows with the same id or text (a reviewed label replaces the old one).
  const newIds = new Set(parsed.records.map((r) => r.id));
  const newTexts = new Set(parsed.records.map((r) => r.text.toLowerCase().replace(/\s+/g, ' ')));
  const merged = [...baseRecords.filter((r) => !newIds.has(r.id) && !newTexts.has(r.text.toLowerCase().replace(/\s+/g, ' '))), ...parsed.records];
  const problems = datasetProblems({ ...parsed, records: merged });
  if (problems.length) throw appError('TRAINING_INVALID_DATASET', { problems: problems.slice(0, 200), total: problems.length });

  const datasetId = existing?.id ?? randomUUID();
  if (!existing) await ctx.db.insert(datasets).values({ id: datasetId, name: input.name, description: input.description ?? null });
  const version = (parent?.version ?? (existing ? ((await latestVersion(ctx, datasetId))?.version ?? 0) : 0)) + 1;
  const id = randomUUID();
  const stored = await ctx.artifacts.put(`training/datasets/${datasetId}/${version}.jsonl`, toJsonl(merged));
  const stats = { ...datasetStats(merged), added: parsed.records.length, skipped_repeats: parsed.skipped, base };
  const [row] = await ctx.db
    .insert(datasetVersions)
    .values({
      id,
      datasetId,
      version,
      parentId: parent?.id ?? null,
      contentHash: datasetHash(merged),
      artifactKey: stored.key,
      artifactSha256: stored.sha256,
      stats,
      source: input.source ?? null,
      description: input.description ?? null,
      createdBy: input.actor ?? null,
    })
    .returning();
  return datasetVersionView(row, input.name);
}

export async function readVersionRecords(ctx: AppContext, v: VersionRow): Promise<DatasetRecord[]> {
  const buf = await ctx.artifacts.get(v.artifactKey, v.artifactSha256);
  return buf
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as DatasetRecord);
}

/** A version by version id, or the latest version of a dataset given by id or name. 404 otherwise. */
export async function resolveDatasetVersion(ctx: AppContext, ref: string): Promise<VersionRow> {
  const [byId] = await ctx.db.select().from(datasetVersions).where(eq(datasetVersions.id, ref));
  if (byId) return byId;
  const [ds] = await ctx.db.select().from(datasets).where(eq(datasets.id, ref));
  const [byName] = ds ? [ds] : await ctx.db.select().from(datasets).where(eq(datasets.name, ref));
  const m = /^(.*)@(\d+)$/.exec(ref);
  if (!byName && m) {
    const [d] = await ctx.db.select().from(datasets).where(eq(datasets.name, m[1]));
    if (d) {
      const [v] = await ctx.db.select().from(datasetVersions).where(and(eq(datasetVersions.datasetId, d.id), eq(datasetVersions.version, Number(m[2]))));
      if (v) return v;
    }
  }
  if (byName) {
    const v = await latestVersion(ctx, byName.id);
    if (v) return v;
  }
  throw appError('TRAINING_DATASET_NOT_FOUND', { id: ref });
}

/** The built-in dataset's latest version, created on first use. */
export async function ensureBuiltinDataset(ctx: AppContext): Promise<VersionRow> {
  const [ds] = await ctx.db.select().from(datasets).where(eq(datasets.name, BUILTIN_DATASET));
  if (ds) {
    const v = await latestVersion(ctx, ds.id);
    if (v) return v;
  }
  const created = await createDatasetVersion(ctx, {
    name: BUILTIN_DATASET,
    records: [],
    base: 'builtin',
    source: 'redteam-generators',
    description: 'Attacks and benign look-alikes from the red-team generators (seed 42/43).',
  });
  return resolveDatasetVersion(ctx, created.id);
}

export async function listDatasets(ctx: AppContext) {
  const ds = await ctx.db.select().from(datasets).orderBy(asc(datasets.name));
  const out = [];
  for (const d of ds) {
    const v = await latestVersion(ctx, d.id);
    out.push({ id: d.id, name: d.name, description: d.description, latest_version: v ? datasetVersionView(v) : null, created_at: d.createdAt.toISOString() });
  }
  return out;
}

export async function getDataset(ctx: AppContext, ref: string) {
  const [d] = (await ctx.db.select().from(datasets).where(eq(datasets.id, ref))).concat(await ctx.db.select().from(datasets).where(eq(datasets.name, ref)));
  if (!d) {
    const [v] = await ctx.db.select().from(datasetVersions).where(eq(datasetVersions.id, ref));
    if (v) return getDataset(ctx, v.datasetId);
    throw appError('TRAINING_DATASET_NOT_FOUND', { id: ref });
  }
  const versions = await ctx.db.select().from(datasetVersions).where(eq(datasetVersions.datasetId, d.id)).orderBy(desc(datasetVersions.version));
  return { id: d.id, name: d.name, description: d.description, created_at: d.createdAt.toISOString(), versions: versions.map((v) => datasetVersionView(v)) };
}
