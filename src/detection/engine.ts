import { hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { desc, gte, and, sql, getTableColumns } from 'drizzle-orm';
import { Counter, Histogram } from 'prom-client';
import type { AppContext } from '../platform/context.js';
import { appError } from '../platform/errors.js';
import type { Label } from '../ml/labels.js';
import { buildViews } from './normalizers/index.js';
import { detectorRegistry, type LoadedDetector } from './detectors/index.js';
import {
  combine,
  DEFAULT_ENSEMBLE,
  defaultThresholds,
  stackerCovers,
  type Context,
  type EnsembleConfig,
  type EnsembleMethod,
  votesIn,
} from './ensemble.js';
import { predictionLog, knownAttacks } from './schema.js';
import type { DetectorResult, Finding, View } from './types.js';

export type ModelStatus = 'loaded' | 'loading' | 'failed' | 'unloaded';

interface Entry {
  name: string;
  detector: string;
  variant: 'shipped' | 'trained';
  /** Folder/file for shipped models; artifact-store key for trained ones. */
  source?: string;
  status: ModelStatus;
  loaded?: LoadedDetector;
  pending?: Promise<LoadedDetector>;
  error?: string;
  loadMs?: number;
  loadedAt?: Date;
  lastUsed: number;
  uses: number;
}

export interface RuntimeSettings {
  /** Models kept warm and used by default (those that exist). */
  defaultModels: string[];
  /** Unload a model unused for this long (0 = never). */
  ttlMs: number;
  /** Evict least-recently-used models when loaded models exceed this many bytes. */
  memoryBudgetBytes: number;
  /** TTL of cached prediction results. */
  resultTtlMs: number;
  ensemble: EnsembleConfig;
  maxBatch: number;
}

interface Runtime {
  ctx: AppContext;
  entries: Map<string, Entry>;
  settings: RuntimeSettings;
  stats: {
    hits: number;
    misses: number;
    evictions: number;
    loads: number;
    resultHits: number;
    resultMisses: number;
  };
  logBuffer: (typeof predictionLog.$inferInsert)[];
  flushTimer?: NodeJS.Timeout;
  flushing?: Promise<void>;
  unsubscribe?: () => void;
  metrics: { predictions: Counter<'label' | 'source'>; latency: Histogram<'source'> };
  metricChildren: Map<
    string,
    {
      predictions: ReturnType<Counter<'label' | 'source'>['labels']>;
      latency: ReturnType<Histogram<'source'>['labels']>;
    }
  >;
}

const runtimes = new WeakMap<AppContext, Runtime>();

function shippedDefaults(modelsDir: string): string[] {
  const out = ['rules', 'linear', 'embedding'];
  if (existsSync(join(modelsDir, 'transformer', 'config.json'))) out.push('transformer');
  return out;
}

/**
 * The ensemble for `method`: its own default thresholds (`defaultThresholds`), unless
 * MLSEC_THRESHOLD_USER / MLSEC_THRESHOLD_DOCUMENT set them for every method.
 */
function ensembleFor(
  ctx: AppContext,
  method: EnsembleMethod,
  base: EnsembleConfig = DEFAULT_ENSEMBLE,
): EnsembleConfig {
  const own = defaultThresholds(method);
  return {
    ...base,
    method,
    thresholds: {
      user: ctx.config.thresholdUser ?? own.user,
      document: ctx.config.thresholdDocument ?? own.document,
    },
  };
}

/** The detection runtime of `ctx` (created on first use; loaded models live as long as ctx). */
export function runtime(ctx: AppContext, overrides: Partial<RuntimeSettings> = {}): Runtime {
  let rt = runtimes.get(ctx);
  if (rt) return rt;
  const configured = ctx.config.defaultModels;
  const unknown = configured.filter((m) => !detectorRegistry.all.some((d) => d.id === m));
  if (unknown.length)
    throw new Error(
      `MLSEC_DEFAULT_MODELS: unknown model ${unknown.join(', ')} (known: ${detectorRegistry.all.map((d) => d.id).join(', ')})`,
    );
  const settings: RuntimeSettings = {
    defaultModels: configured.length ? [...new Set(configured)] : shippedDefaults(ctx.config.modelsDir),
    ttlMs: ctx.config.modelIdleTtl * 1000,
    memoryBudgetBytes: ctx.config.modelMemoryBudgetMb * 1024 * 1024,
    resultTtlMs: ctx.config.resultCacheTtl * 1000,
    ensemble: ensembleFor(ctx, ctx.config.ensembleMethod),
    maxBatch: ctx.config.maxBatch,
    ...overrides,
  };
  const entries = new Map<string, Entry>();
  for (const d of detectorRegistry.all)
    entries.set(d.id, {
      name: d.id,
      detector: d.id,
      variant: 'shipped',
      status: 'unloaded',
      lastUsed: 0,
      uses: 0,
    });
  rt = {
    ctx,
    entries,
    settings,
    stats: { hits: 0, misses: 0, evictions: 0, loads: 0, resultHits: 0, resultMisses: 0 },
    logBuffer: [],
    metricChildren: new Map(),
    metrics: {
      // Reuse on a second runtime for the same ctx (after shutdown): prom-client rejects duplicates.
      predictions:
        (ctx.metrics.getSingleMetric('detection_predictions_total') as
          Counter<'label' | 'source'> | undefined) ??
        new Counter({
          name: 'detection_predictions_total',
          help: 'Predictions served, by label and source',
          labelNames: ['label', 'source'],
          registers: [ctx.metrics],
        }),
      latency:
        (ctx.metrics.getSingleMetric('detection_prediction_duration_ms') as
          Histogram<'source'> | undefined) ??
        new Histogram({
          name: 'detection_prediction_duration_ms',
          help: 'Per-text prediction time in ms (batched requests: per item)',
          labelNames: ['source'],
          buckets: [0.5, 1, 2, 5, 10, 20, 50, 100, 250, 1000],
          registers: [ctx.metrics],
        }),
    },
  };
  runtimes.set(ctx, rt);
  const r = rt;
  // Training promotes a version to production -> serve it as `<detector>@trained` next to the shipped one.
  rt.unsubscribe = ctx.events.on(
    'model.stage_changed',
    async (p: {
      name?: string;
      version?: string;
      stage?: string;
      artifact_key?: string;
      shipped?: boolean;
    }) => {
      // The registry's stages are capitalised ('Production'); the shipped defaults are already
      // served as the pre-trained variant, so their registration is not a new model.
      if (p?.stage?.toLowerCase() !== 'production' || !p.name || p.shipped) return;
      const key = p.artifact_key ?? `training/models/${p.name}/${p.version}/model.json`;
      // The artifact's own `kind` (linear | embedding) says which detector serves it, whatever
      // the registry name; fall back to the name prefix when the artifact cannot be read.
      let kind: string | undefined;
      try {
        kind = (JSON.parse((await ctx.artifacts.get(key)).toString()) as { kind?: string }).kind;
      } catch (err) {
        ctx.log.warn({ err, key }, 'promoted model artifact could not be read');
      }
      const det = detectorRegistry.all.find(
        (d) =>
          d.id === kind ||
          (!kind && (p.name === d.id || p.name!.startsWith(`${d.id}-`) || p.name!.startsWith(`${d.id}_`))),
      );
      if (!det || det.kind === 'rules') return;
      const name = `${det.id}@trained`;
      const prev = r.entries.get(name);
      if (prev?.loaded) await prev.loaded.dispose?.();
      r.entries.set(name, {
        name,
        detector: det.id,
        variant: 'trained',
        source: key,
        status: 'unloaded',
        lastUsed: 0,
        uses: 0,
      });
      await ensureLoaded(ctx, name).catch((err) =>
        ctx.log.warn({ err, name }, 'trained model failed to load'),
      );
    },
  );
  return rt;
}

export function knownModels(ctx: AppContext): string[] {
  return [...runtime(ctx).entries.keys()];
}

async function loadEntry(rt: Runtime, e: Entry): Promise<LoadedDetector> {
  const det = detectorRegistry.get(e.detector)!;
  const { config } = rt.ctx;
  if (e.variant === 'trained' && e.source) {
    // Trained artifacts live in the artifact store; detectors read files, so stage it in the data dir.
    const { mkdir, writeFile } = await import('node:fs/promises');
    const dir = join(config.dataDir, 'detection-models', e.name.replace(/[^\w.-]/g, '_'));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'model.json'), await rt.ctx.artifacts.get(e.source));
    return det.load({ modelsDir: config.modelsDir, model: dir, allowRemote: config.allowRemoteModels });
  }
  const extra = e.detector === 'embedding' ? await storedKnownAttacks(rt.ctx) : [];
  return det.load({
    modelsDir: config.modelsDir,
    model: e.source,
    allowRemote: config.allowRemoteModels,
    knownAttacks: extra,
  });
}

async function storedKnownAttacks(ctx: AppContext): Promise<string[]> {
  try {
    const rows = await ctx.db.select({ text: knownAttacks.text }).from(knownAttacks).limit(20_000);
    return rows.map((r) => r.text);
  } catch {
    return [];
  }
}

function loadedBytes(rt: Runtime): number {
  let n = 0;
  for (const e of rt.entries.values()) if (e.status === 'loaded') n += e.loaded?.memoryBytes ?? 0;
  return n;
}

/** Unload a model (keeps its entry, status `unloaded`). */
export async function unloadModel(ctx: AppContext, name: string): Promise<void> {
  const rt = runtime(ctx);
  const e = rt.entries.get(name);
  if (!e) throw appError('DETECTION_UNKNOWN_MODEL', { name, known: knownModels(ctx) });
  const l = e.loaded;
  Object.assign(e, { status: 'unloaded', loaded: undefined, pending: undefined, error: undefined });
  await l?.dispose?.();
}

function sweep(rt: Runtime, keep: string): void {
  const now = Date.now();
  const loaded = [...rt.entries.values()].filter((e) => e.status === 'loaded' && e.name !== keep);
  if (rt.settings.ttlMs > 0) {
    for (const e of loaded)
      if (now - e.lastUsed > rt.settings.ttlMs) {
        rt.stats.evictions++;
        void unloadModel(rt.ctx, e.name);
      }
  }
  loaded.sort((a, b) => a.lastUsed - b.lastUsed);
  while (loadedBytes(rt) > rt.settings.memoryBudgetBytes && loaded.length > 0) {
    const victim = loaded.shift()!;
    if (victim.status !== 'loaded') continue;
    rt.stats.evictions++;
    void unloadModel(rt.ctx, victim.name);
  }
}

/** The entry's model when it is loaded (counted as a use and a hit), else undefined. */
function loadedNow(rt: Runtime, e: Entry): LoadedDetector | undefined {
  e.lastUsed = Date.now();
  e.uses++;
  if (e.status === 'loaded' && e.loaded) {
    rt.stats.hits++;
    return e.loaded;
  }
  return undefined;
}

/**
 * The loaded model `name`, loading it if needed (one load at a time per model). Rejects with
 * DETECTION_UNKNOWN_MODEL (404) or DETECTION_MODEL_FAILED (503, also recorded as `failed`).
 */
export async function ensureLoaded(
  ctx: AppContext,
  name: string,
  opts: { force?: boolean } = {},
): Promise<LoadedDetector> {
  const rt = runtime(ctx);
  const e = rt.entries.get(name);
  if (!e) throw appError('DETECTION_UNKNOWN_MODEL', { name, known: knownModels(ctx) });
  if (!opts.force) {
    const l = loadedNow(rt, e);
    if (l) return l;
  } else {
    e.lastUsed = Date.now();
    e.uses++;
  }
  if (e.status === 'failed' && !opts.force)
    throw appError('DETECTION_MODEL_FAILED', { name, error: e.error ?? 'unknown error' });
  if (e.pending && !opts.force) return e.pending;
  rt.stats.misses++;
  const t0 = performance.now();
  e.status = 'loading';
  const p = loadEntry(rt, e).then(
    (l) => {
      Object.assign(e, {
        status: 'loaded',
        loaded: l,
        pending: undefined,
        error: undefined,
        loadMs: performance.now() - t0,
        loadedAt: new Date(),
      });
      rt.stats.loads++;
      sweep(rt, name);
      return l;
    },
    (err: unknown) => {
      const msg = err instanceof Error ? err.message : String(err);
      Object.assign(e, { status: 'failed', loaded: undefined, pending: undefined, error: msg });
      ctx.log.warn({ model: name, err: msg }, 'detection model failed to load');
      throw appError('DETECTION_MODEL_FAILED', { name, error: msg });
    },
  );
  e.pending = p;
  return p;
}

/** Load the warm-up list (default models); failures are recorded, never thrown. */
export async function warmup(
  ctx: AppContext,
  names?: string[],
): Promise<{ name: string; status: ModelStatus; error?: string; load_ms?: number }[]> {
  const rt = runtime(ctx);
  const list = names ?? rt.settings.defaultModels;
  const out = [];
  for (const n of list) {
    try {
      await ensureLoaded(ctx, n);
    } catch {
      /* recorded in the entry */
    }
    const e = rt.entries.get(n);
    out.push({ name: n, status: e?.status ?? 'failed', error: e?.error, load_ms: e?.loadMs });
  }
  return out;
}

export interface ModelInfo {
  name: string;
  detector: string;
  variant: 'shipped' | 'trained';
  status: ModelStatus;
  version: string | null;
  memory_bytes: number;
  load_time_ms: number | null;
  loaded_at: string | null;
  last_used_at: string | null;
  uses: number;
  default: boolean;
  error: string | null;
  info: Record<string, unknown>;
}

export function listModels(ctx: AppContext): ModelInfo[] {
  const rt = runtime(ctx);
  return [...rt.entries.values()].map((e) => ({
    name: e.name,
    detector: e.detector,
    variant: e.variant,
    status: e.status,
    version: e.loaded?.version ?? null,
    memory_bytes: e.loaded?.memoryBytes ?? 0,
    load_time_ms: e.loadMs ?? null,
    loaded_at: e.loadedAt?.toISOString() ?? null,
    last_used_at: e.lastUsed ? new Date(e.lastUsed).toISOString() : null,
    uses: e.uses,
    default: rt.settings.defaultModels.includes(e.name),
    error: e.error ?? null,
    info: Object.fromEntries(
      Object.entries(e.loaded?.info ?? {}).map(([k, v]) => [
        k,
        typeof v === 'function' ? (v as () => unknown)() : v,
      ]),
    ),
  }));
}

// ---------------------------------------------------------------- prediction

export interface PredictRequest {
  text: unknown;
  models?: string[];
  ensemble?: EnsembleMethod;
  threshold?: number;
  context?: Context;
  /** Also run `<detector>@trained` next to each shipped model and return both ("dual model loading"). */
  compare?: boolean;
  /** Skip the result cache. */
  noCache?: boolean;
}

export interface ModelResult {
  model: string;
  version: string;
  variant: 'shipped' | 'trained';
  attack_score: number;
  label: Label;
  probabilities: Record<Label, number>;
  decided_by?: { view: string; chunk: number };
  processing_time_ms: number;
}

export interface Prediction {
  label: Label;
  is_attack: boolean;
  confidence: number;
  attack_score: number;
  threshold: number;
  context: Context;
  ensemble: EnsembleMethod;
  probabilities: Record<Label, number>;
  model_results: ModelResult[];
  comparisons?: ModelResult[];
  matched_rules: {
    rule_id: string;
    label: string;
    severity: string;
    view: string;
    span: readonly [number, number];
    match: string;
    explanation: string;
  }[];
  explanations: string[];
  views: string[];
  model_versions: Record<string, string>;
  skipped_models: { model: string; error: string }[];
  text_hash: string;
  cached: boolean;
  processing_time_ms: number;
}

export function textHash(text: string): string {
  // One-shot hash: no Hash object per call (a third of the cost on short texts).
  return hash('sha256', text);
}

/** Throws 400 for empty / non-string text and 413 over the configured limit. */
export function validateText(ctx: AppContext, text: unknown, field = 'text'): string {
  if (typeof text !== 'string' || text.trim() === '') throw appError('DETECTION_EMPTY_TEXT', { field });
  if (text.length > ctx.config.maxTextChars)
    throw appError('DETECTION_TEXT_TOO_LONG', { chars: text.length, limit: ctx.config.maxTextChars });
  return text;
}

function topLabel(p: Record<Label, number>): Label {
  let best: Label = 'benign';
  for (const [l, v] of Object.entries(p) as [Label, number][]) if (v > p[best]) best = l;
  return best;
}

/** Resolve requested models: unknown -> 404; for defaults, failed models are skipped (reported). */
async function resolveModels(ctx: AppContext, req: Pick<PredictRequest, 'models' | 'compare' | 'context'>) {
  const rt = runtime(ctx);
  const explicit = req.models && req.models.length > 0;
  // Named models always run; default ones that do not vote in this context (weight 0, e.g. the
  // embedding for documents) do not, unless none would be left.
  const defaults = rt.settings.defaultModels;
  const voting = explicit
    ? []
    : defaults.filter((n) => votesIn(rt.settings.ensemble, n, req.context ?? 'user'));
  const names = explicit ? [...new Set(req.models!)] : voting.length > 0 ? voting : defaults;
  for (const n of names)
    if (!rt.entries.has(n)) throw appError('DETECTION_UNKNOWN_MODEL', { name: n, known: knownModels(ctx) });
  const ok: { name: string; model: LoadedDetector; variant: 'shipped' | 'trained' }[] = [];
  const skipped: { model: string; error: string }[] = [];
  for (const n of names) {
    try {
      const e = rt.entries.get(n)!;
      // Loaded models (the usual case) are taken without a promise per model per request.
      ok.push({
        name: n,
        model: e.status === 'loaded' && e.loaded ? loadedNow(rt, e)! : await ensureLoaded(ctx, n),
        variant: e.variant,
      });
    } catch (err) {
      if (explicit) throw err;
      skipped.push({ model: n, error: rt.entries.get(n)?.error ?? String(err) });
    }
  }
  if (ok.length === 0) throw appError('DETECTION_NO_MODELS', { failed: skipped.map((s) => s.model) });
  const compare: { name: string; model: LoadedDetector; variant: 'trained' }[] = [];
  if (req.compare) {
    for (const o of ok) {
      const tn = `${o.name}@trained`;
      if (o.variant === 'shipped' && rt.entries.has(tn)) {
        try {
          compare.push({ name: tn, model: await ensureLoaded(ctx, tn), variant: 'trained' });
        } catch (err) {
          skipped.push({ model: tn, error: String((err as Error).message) });
        }
      }
    }
  }
  return { ok, compare, skipped };
}

function toModelResult(
  name: string,
  variant: 'shipped' | 'trained',
  r: DetectorResult,
  ms: number,
): ModelResult {
  return {
    model: name,
    version: r.version,
    variant,
    attack_score: r.attackScore,
    label: topLabel(r.probabilities),
    probabilities: r.probabilities,
    decided_by: r.decidedBy,
    processing_time_ms: ms,
  };
}

/** Largest batch the HTTP routes accept (413 above it). */
export function maxBatchSize(ctx: AppContext): number {
  return runtime(ctx).settings.maxBatch;
}

/**
 * Score many texts with the same options: every model sees the whole batch at once (one encoder
 * pass, batched ONNX runs). Validates every text first (400/413 name the offending index).
 */
export async function predictBatch(
  ctx: AppContext,
  texts: unknown[],
  opts: BatchOptions = {},
): Promise<Prediction[]> {
  return (await predictBatchJson(ctx, texts, opts)).predictions;
}

type BatchOptions = Omit<PredictRequest, 'text'> & {
  source?: string;
  /** false = not production traffic (evaluation): keep it out of the log. */ log?: boolean;
};

/**
 * `predictBatch`, plus each prediction serialised exactly as it is returned (when a fresh
 * prediction's JSON was already built for the result cache): the HTTP routes send that string
 * as the body instead of serialising the same object a second time.
 */
export async function predictBatchJson(
  ctx: AppContext,
  texts: unknown[],
  opts: BatchOptions = {},
): Promise<{ predictions: Prediction[]; json: (string | undefined)[] }> {
  const rt = runtime(ctx);
  // In-process callers (red team, evaluation) may send any number: work in bounded slices.
  if (texts.length > rt.settings.maxBatch) {
    const predictions: Prediction[] = [];
    const json: (string | undefined)[] = [];
    for (let s = 0; s < texts.length; s += rt.settings.maxBatch) {
      const part = await predictBatchJson(ctx, texts.slice(s, s + rt.settings.maxBatch), opts);
      predictions.push(...part.predictions);
      json.push(...part.json);
    }
    return { predictions, json };
  }
  const valid = texts.map((t, i) =>
    validateText(ctx, t, texts.length === 1 && !opts.source?.includes('batch') ? 'text' : `texts[${i}]`),
  );
  const t0 = performance.now();
  const { ok, compare, skipped } = await resolveModels(ctx, opts);
  const context = opts.context ?? 'user';
  const requested = opts.ensemble ?? rt.settings.ensemble.method;
  // The stacker is fitted on one set of detectors voting together; with another set (a subset
  // of models, a document scan without the embedding, an extra transformer) its bias and
  // coefficients mean nothing, so the weighted mean decides instead (and the answer says so).
  const method =
    requested === 'stacked' &&
    !stackerCovers(
      rt.settings.ensemble,
      ok.map((m) => rt.entries.get(m.name)!.detector),
      context,
    )
      ? 'weighted_mean'
      : requested;
  const cfg =
    method === rt.settings.ensemble.method
      ? rt.settings.ensemble
      : ensembleFor(ctx, method, rt.settings.ensemble);
  const versions = Object.fromEntries([...ok, ...compare].map((m) => [m.name, m.model.version]));
  const hashes = valid.map(textHash);
  // The options part of the key is the same for every text of the request: hash it once.
  const optionsKey = hash(
    'sha1',
    JSON.stringify([versions, method, opts.threshold, context, !!opts.compare]),
  );
  const cacheKeys = hashes.map((h) => `detection:pred:${h}:${optionsKey}`);

  const out: (Prediction | undefined)[] = new Array(valid.length);
  const json: (string | undefined)[] = new Array(valid.length);
  const useCache = !opts.noCache && rt.settings.resultTtlMs > 0;
  if (useCache) {
    await Promise.all(
      cacheKeys.map(async (k, i) => {
        // Cached as the JSON text: one string per entry, not an object graph the garbage
        // collector has to trace (50,000 of them made GC cost more than the request).
        const hit = await ctx.cache.get<string>(k);
        if (typeof hit === 'string') {
          rt.stats.resultHits++;
          out[i] = { ...(JSON.parse(hit) as Prediction), cached: true };
        } else rt.stats.resultMisses++;
      }),
    );
  }
  const todo = valid.map((_, i) => i).filter((i) => !out[i]);
  if (todo.length > 0) {
    const views: View[][] = todo.map((i) => buildViews(valid[i]));
    const run = async (list: typeof ok | typeof compare) =>
      Promise.all(
        list.map(async (m) => {
          const s = performance.now();
          const res = await m.model.detect(views);
          return { m, res, ms: (performance.now() - s) / todo.length };
        }),
      );
    const [main, cmp] = await Promise.all([run(ok), run(compare)]);
    const perItemMs = (performance.now() - t0) / valid.length;
    todo.forEach((i, k) => {
      const results = main.map((x) => x.res[k]);
      const d = combine(results, cfg, { threshold: opts.threshold, context });
      const findings: Finding[] = results.flatMap((r) => r.findings);
      const p: Prediction = {
        label: d.label,
        is_attack: d.is_attack,
        confidence: d.confidence,
        attack_score: d.attack_score,
        threshold: d.threshold,
        context,
        ensemble: method,
        probabilities: d.probabilities,
        model_results: main.map((x) => toModelResult(x.m.name, x.m.variant, x.res[k], x.ms)),
        ...(opts.compare
          ? { comparisons: cmp.map((x) => toModelResult(x.m.name, x.m.variant, x.res[k], x.ms)) }
          : {}),
        matched_rules: findings.map((f) => ({
          rule_id: f.ruleId,
          label: f.label,
          severity: f.severity,
          view: f.view,
          span: f.span,
          match: f.match,
          explanation: f.explanation,
        })),
        explanations: findings.map((f) => `${f.explanation} [${f.ruleId}, ${f.view} view]`),
        views: views[k].map((v) => v.view),
        model_versions: versions,
        skipped_models: skipped,
        text_hash: hashes[i],
        cached: false,
        processing_time_ms: perItemMs,
      };
      out[i] = p;
      if (useCache) {
        json[i] = JSON.stringify(p);
        void ctx.cache.set(cacheKeys[i], json[i], rt.settings.resultTtlMs);
      }
    });
  }
  const total = performance.now() - t0;
  // A cache hit's time is this request's; a fresh prediction keeps its own (and its JSON).
  const predictions = out.map((p) => (p!.cached ? { ...p!, processing_time_ms: total / valid.length } : p!));
  if (opts.log !== false) predictions.forEach((p, i) => logPrediction(rt, valid[i], p, opts.source ?? 'api'));
  return { predictions, json };
}

/** One text. Same errors as `predictBatch`. */
export async function predict(
  ctx: AppContext,
  req: PredictRequest & { source?: string },
): Promise<Prediction> {
  const [p] = await predictBatch(ctx, [req.text], req);
  return p;
}

// ---------------------------------------------------------------- prediction log

// One INSERT per batch. Embedded PGlite spends 50-150 us of CPU per row, on its own thread
// (platform/db/pglite-thread.ts); before that moved off the request thread, a 500-row batch
// stalled every request in flight for 20+ ms, hence batches of 128 (same cost per row).
const LOG_FLUSH_ROWS = 128;
const LOG_FLUSH_MS = 100;

function logPrediction(rt: Runtime, text: string, p: Prediction, source: string): void {
  // prom-client hashes a label object on every call; the children are resolved once.
  const key = `${p.label}\u0000${source}`;
  let m = rt.metricChildren.get(key);
  if (!m) {
    m = {
      predictions: rt.metrics.predictions.labels({ label: p.label, source }),
      latency: rt.metrics.latency.labels({ source }),
    };
    rt.metricChildren.set(key, m);
  }
  m.predictions.inc();
  m.latency.observe(p.processing_time_ms);
  rt.logBuffer.push({
    textHash: p.text_hash,
    text: rt.ctx.config.logRawText ? text : null,
    textChars: text.length,
    label: p.label,
    isAttack: p.is_attack,
    attackScore: p.attack_score,
    threshold: p.threshold,
    context: p.context,
    probabilities: p.probabilities,
    modelScores: Object.fromEntries(
      p.model_results.map((m) => [
        m.model,
        { attack_score: m.attack_score, label: m.label, version: m.version },
      ]),
    ),
    modelVersions: p.model_versions,
    ruleIds: p.matched_rules.map((r) => r.rule_id),
    latencyMs: p.processing_time_ms,
    source,
  });
  // Writes are batched off the request path: one INSERT per LOG_FLUSH_MS or LOG_FLUSH_ROWS.
  if (rt.logBuffer.length >= LOG_FLUSH_ROWS) void flushLog(rt.ctx);
  else if (!rt.flushTimer) {
    rt.flushTimer = setTimeout(() => void flushLog(rt.ctx), LOG_FLUSH_MS);
    rt.flushTimer.unref();
  }
}

// Logged columns: everything but the generated id and created_at (database default).
const LOG_COLUMNS = Object.entries(getTableColumns(predictionLog))
  .filter(([key]) => key !== 'id' && key !== 'createdAt')
  .map(([key, col]) => ({ key, name: col.name }));
const LOG_COLUMN_LIST = sql.raw(LOG_COLUMNS.map((c) => `"${c.name}"`).join(', '));

function wellFormed(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000\ud800-\udfff]/.test(s)
    ? (s as string & { toWellFormed(): string }).toWellFormed().replaceAll('\u0000', '\ufffd')
    : s;
}

/**
 * One INSERT for a batch of rows, passed as a single JSON parameter that the database expands
 * with jsonb_populate_recordset. Building the same statement through the query builder (14
 * bound parameters per row, each mapped and typed) cost more CPU on the serving process than
 * scoring a short text did.
 */
function insertLogRows(rows: (typeof predictionLog.$inferInsert)[]) {
  const json = JSON.stringify(
    rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const { key, name } of LOG_COLUMNS) {
        const v = (r as Record<string, unknown>)[key];
        // JSON has no NaN/Infinity; PostgreSQL reads them back from their text form. jsonb
        // rejects lone surrogates and NUL, which a raw text (MLSEC_LOG_RAW_TEXT) may contain:
        // one such row would fail the whole batch, so they are stored as U+FFFD.
        o[name] =
          typeof v === 'number' && !Number.isFinite(v)
            ? String(v)
            : typeof v === 'string'
              ? wellFormed(v)
              : (v ?? null);
      }
      return o;
    }),
  );
  return sql`insert into ${predictionLog} (${LOG_COLUMN_LIST}) select ${LOG_COLUMN_LIST} from jsonb_populate_recordset(null::${predictionLog}, ${json}::jsonb)`;
}

/** Write buffered prediction-log rows now. Never throws (a failed write is logged). */
export async function flushLog(ctx: AppContext): Promise<void> {
  const rt = runtime(ctx);
  if (rt.flushTimer) clearTimeout(rt.flushTimer);
  rt.flushTimer = undefined;
  await rt.flushing;
  const rows = rt.logBuffer.splice(0);
  if (rows.length === 0) return;
  rt.flushing = ctx.db
    .execute(insertLogRows(rows))
    .then(() => undefined)
    .catch((err: unknown) => ctx.log.error({ err, rows: rows.length }, 'prediction log write failed'));
  await rt.flushing;
}

export interface PredictionLogRow {
  id: number;
  created_at: string;
  text_hash: string;
  text: string | null;
  label: string;
  is_attack: boolean;
  attack_score: number;
  threshold: number;
  context: string;
  probabilities: Record<string, number>;
  model_scores: Record<string, { attack_score: number; label: string; version: string }>;
  model_versions: Record<string, string>;
  rule_ids: string[];
  latency_ms: number;
  source: string;
}

/** Logged predictions since `since` (newest first); `modelName` keeps rows scored by that model. */
export async function listPredictionLog(
  ctx: AppContext,
  q: { since: Date; modelName?: string; limit?: number },
): Promise<PredictionLogRow[]> {
  await flushLog(ctx);
  const conds = [gte(predictionLog.createdAt, q.since)];
  if (q.modelName) conds.push(sql`${predictionLog.modelVersions} ? ${q.modelName}`);
  const rows = await ctx.db
    .select()
    .from(predictionLog)
    .where(and(...conds))
    .orderBy(desc(predictionLog.createdAt))
    .limit(Math.min(q.limit ?? 1000, 100_000));
  return rows.map((r) => ({
    id: r.id,
    created_at: r.createdAt.toISOString(),
    text_hash: r.textHash,
    text: r.text,
    label: r.label,
    is_attack: r.isAttack,
    attack_score: r.attackScore,
    threshold: r.threshold,
    context: r.context,
    probabilities: r.probabilities as Record<string, number>,
    model_scores: r.modelScores as PredictionLogRow['model_scores'],
    model_versions: r.modelVersions as Record<string, string>,
    rule_ids: r.ruleIds as string[],
    latency_ms: r.latencyMs,
    source: r.source,
  }));
}

/**
 * Grow the embedding detector's known-attack library (persisted, and added to every loaded
 * embedding model). Returns how many texts were new.
 */
export async function addKnownAttacks(
  ctx: AppContext,
  items: (string | { text: string; label?: Exclude<Label, 'benign'>; source?: string })[],
): Promise<number> {
  const norm = items
    .map((i) => (typeof i === 'string' ? { text: i } : i))
    .filter((i) => typeof i.text === 'string' && i.text.trim());
  if (norm.length === 0) return 0;
  const inserted = await ctx.db
    .insert(knownAttacks)
    .values(
      norm.map((i) => ({
        textHash: textHash(i.text),
        text: i.text,
        label: i.label ?? 'prompt_injection',
        source: i.source ?? 'api',
      })),
    )
    .onConflictDoNothing()
    .returning({ id: knownAttacks.id });
  const rt = runtime(ctx);
  for (const e of rt.entries.values()) {
    const l = e.loaded as
      (LoadedDetector & { addKnownAttacks?: (x: typeof norm) => Promise<number> }) | undefined;
    if (e.status === 'loaded' && l?.addKnownAttacks) await l.addKnownAttacks(norm);
  }
  return inserted.length;
}

export function cacheStats(ctx: AppContext) {
  const rt = runtime(ctx);
  const s = rt.stats;
  const lookups = s.hits + s.misses;
  const results = s.resultHits + s.resultMisses;
  const loaded = [...rt.entries.values()].filter((e) => e.status === 'loaded');
  return {
    models: {
      hits: s.hits,
      misses: s.misses,
      hit_rate: lookups ? s.hits / lookups : 0,
      entries: loaded.length,
      loads: s.loads,
      evictions: s.evictions,
      memory_bytes: loadedBytes(rt),
      memory_budget_bytes: rt.settings.memoryBudgetBytes,
      ttl_ms: rt.settings.ttlMs,
      loaded: loaded.map((e) => e.name),
      warmup: rt.settings.defaultModels,
    },
    predictions: {
      backend: ctx.cache.backend,
      hits: s.resultHits,
      misses: s.resultMisses,
      hit_rate: results ? s.resultHits / results : 0,
      ttl_ms: rt.settings.resultTtlMs,
    },
    process: { rss_bytes: process.memoryUsage().rss, heap_used_bytes: process.memoryUsage().heapUsed },
  };
}

/** Drop cached prediction results (all, or those of one model version). */
export async function clearResultCache(ctx: AppContext): Promise<number> {
  return ctx.cache.clear('detection:pred:');
}

/** Stop background work of ctx's runtime (flush log, unsubscribe). */
export async function shutdown(ctx: AppContext): Promise<void> {
  const rt = runtimes.get(ctx);
  if (!rt) return;
  rt.unsubscribe?.();
  await flushLog(ctx);
  for (const e of rt.entries.values()) await e.loaded?.dispose?.();
  runtimes.delete(ctx);
}
