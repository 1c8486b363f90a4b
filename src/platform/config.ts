import path from 'node:path';

/**
 * Configuration comes from environment variables only, declared once in SETTINGS below: the
 * table drives parsing, validation (every bad value reported at once, by name) and the
 * README / `mlsec config` listing. Defaults work on a fresh machine with no servers installed.
 */

type Parser<T> = (raw: string) => T;

interface Setting<T> {
  env: string;
  default: T | undefined;
  parse: Parser<T>;
  doc: string;
  secret?: boolean;
}

const str: Parser<string> = (raw) => raw;
const int =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be a whole number, got '${raw}'`);
    const n = Number(raw);
    if (n < min || n > max) throw new Error(`must be between ${min} and ${max}, got ${n}`);
    return n;
  };
const fraction: Parser<number> = (raw) => {
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new Error(`must be a number between 0 and 1, got '${raw}'`);
  return n;
};
const bool: Parser<boolean> = (raw) => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new Error(`must be true or false, got '${raw}'`);
};
const url =
  (...protocols: string[]): Parser<string> =>
  (raw) => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new Error(`must be a URL, got '${raw}'`);
    }
    if (!protocols.includes(u.protocol.replace(/:$/, ''))) {
      throw new Error(`must use ${protocols.join(' or ')}://, got '${u.protocol}'`);
    }
    return raw;
  };
const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (raw) => {
    const v = raw.trim().toLowerCase() as T;
    if (!values.includes(v)) throw new Error(`must be one of ${values.join(', ')}, got '${raw}'`);
    return v;
  };
const duration: Parser<number> = (raw) => {
  // seconds, or a number with s/m/h/d
  const m = /^(\d+)\s*(s|m|h|d)?$/.exec(raw.trim());
  if (!m) throw new Error(`must be a duration like 3600, 30m, 12h or 7d, got '${raw}'`);
  const mult = { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's'];
  return Number(m[1]) * mult;
};
const list: Parser<string[]> = (raw) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function setting<T>(
  env: string,
  def: T | undefined,
  parse: Parser<T>,
  doc: string,
  secret = false,
): Setting<T> {
  return { env, default: def, parse, doc, secret };
}

export const SETTINGS = {
  dataDir: setting(
    'MLSEC_DATA_DIR',
    './data',
    str,
    'Where embedded data lives: PGlite database, artifacts, secrets, caches.',
  ),
  host: setting(
    'MLSEC_HOST',
    '127.0.0.1',
    str,
    'Interface every service listens on (0.0.0.0 to expose on the network).',
  ),
  logLevel: setting(
    'LOG_LEVEL',
    'info',
    oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
    'Log level of the JSON logs. Every request is logged at debug; errors and requests slower than 1 s at info or above.',
  ),
  databaseUrl: setting<string>(
    'DATABASE_URL',
    undefined,
    url('postgres', 'postgresql'),
    'PostgreSQL URL; unset = embedded PGlite under MLSEC_DATA_DIR/pglite.',
    true,
  ),
  pgliteSharedBuffersMb: setting(
    'MLSEC_PGLITE_SHARED_BUFFERS_MB',
    16,
    int(1, 4096),
    "Embedded PGlite's shared_buffers in MB. Its WebAssembly memory never shrinks, so PGlite's own 128 MB default would cost ~150 MB more resident memory; the OS page cache still caches the files.",
  ),
  redisUrl: setting<string>(
    'REDIS_URL',
    undefined,
    url('redis', 'rediss'),
    'Redis URL; set = Redis cache, BullMQ job queue, cross-process events; unset = in-process.',
    true,
  ),
  redisPrefix: setting(
    'MLSEC_REDIS_PREFIX',
    'mlsec',
    str,
    'Prefix of every Redis key, channel and queue (several installs can share one Redis).',
  ),
  s3Endpoint: setting<string>(
    'S3_ENDPOINT',
    undefined,
    url('http', 'https'),
    'S3-compatible endpoint (MinIO, AWS); set = artifacts in S3, unset = files under MLSEC_DATA_DIR/artifacts.',
  ),
  s3Bucket: setting('S3_BUCKET', 'mlsec-artifacts', str, 'Bucket for model artifacts (created if missing).'),
  s3Region: setting('S3_REGION', 'us-east-1', str, 'S3 region.'),
  s3AccessKey: setting<string>('AWS_ACCESS_KEY_ID', undefined, str, 'S3 access key.', true),
  s3SecretKey: setting<string>('AWS_SECRET_ACCESS_KEY', undefined, str, 'S3 secret key.', true),
  s3ForcePathStyle: setting(
    'S3_FORCE_PATH_STYLE',
    true,
    bool,
    'Path-style S3 URLs (needed by MinIO and most self-hosted stores).',
  ),
  jwtSecret: setting<string>(
    'MLSEC_JWT_SECRET',
    undefined,
    str,
    'HS256 secret for access tokens; unset = generated once and kept in MLSEC_DATA_DIR/jwt-secret.',
    true,
  ),
  jwtTtl: setting('MLSEC_JWT_TTL', 3600, duration, 'Access token lifetime (seconds or 30m/12h/7d).'),
  adminEmail: setting(
    'MLSEC_ADMIN_EMAIL',
    'admin@localhost',
    str,
    'Email of the admin created on first start when there are no users.',
  ),
  adminPassword: setting<string>(
    'MLSEC_ADMIN_PASSWORD',
    undefined,
    str,
    'Password of that first admin; unset = a generated one, printed once.',
    true,
  ),
  openObservability: setting(
    'MLSEC_OPEN_OBSERVABILITY',
    true,
    bool,
    'Leave GET /, /health, Prometheus metrics and /docs open without a token.',
  ),
  loginRateLimit: setting(
    'MLSEC_LOGIN_RATE_LIMIT',
    10,
    int(1, 100000),
    'Login attempts allowed per client IP per minute.',
  ),
  bodyLimit: setting(
    'MLSEC_BODY_LIMIT',
    16 * 1024 * 1024,
    int(1024, 1024 * 1024 * 1024),
    'Largest request body in bytes (larger -> 413).',
  ),
  requestTimeout: setting('MLSEC_REQUEST_TIMEOUT', 120, duration, 'Seconds before a request is cut off.'),
  portOffset: setting(
    'MLSEC_PORT_OFFSET',
    0,
    int(-8000, 50000),
    'Added to every default port (run two platforms side by side).',
  ),
  otelEndpoint: setting<string>(
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    undefined,
    url('http', 'https'),
    'OTLP/HTTP endpoint; set = traces exported (e.g. Jaeger at http://localhost:4318).',
  ),
  modelsDir: setting('MLSEC_MODELS_DIR', './models', str, 'Folder of shipped/pre-trained model artifacts.'),
  datasetDirs: setting<string[]>(
    'MLSEC_DATASET_DIRS',
    ['./datasets'],
    list,
    'Folders whose files API clients may import as datasets by server path (besides MLSEC_DATA_DIR/datasets).',
  ),
  maxTextChars: setting(
    'MLSEC_MAX_TEXT_CHARS',
    100_000,
    int(1, 10_000_000),
    'Longest text accepted by detection (longer -> 413).',
  ),
  logRawText: setting(
    'MLSEC_LOG_RAW_TEXT',
    false,
    bool,
    'Store raw input text in the prediction log (otherwise only its hash).',
  ),
  allowRemoteModels: setting(
    'MLSEC_ALLOW_REMOTE_MODELS',
    false,
    bool,
    'Allow transformer models to be downloaded from a model hub.',
  ),
  encoderBackend: setting(
    'MLSEC_ENCODER_BACKEND',
    'onnx' as 'onnx' | 'tfjs',
    oneOf('onnx', 'tfjs'),
    'Runtime of the sentence encoder (embedding detector, training): onnx (onnxruntime, several times faster) or tfjs (the TF.js graph it is converted from; same vectors).',
  ),
  encoderThreads: setting(
    'MLSEC_ENCODER_THREADS',
    2,
    int(1, 64),
    'Threads of one sentence-encoder run when serving (embedding detector, embedding drift; onnx backend; training keeps 1 per shard). 2 halves long-text ensemble latency on 2 cores; 1 leaves a core to fast-path requests served beside the ensemble.',
  ),
  defaultModels: setting<string[]>(
    'MLSEC_DEFAULT_MODELS',
    [],
    list,
    'Models of the default ensemble, comma-separated (e.g. rules,linear for the fast path only); empty = every shipped model present.',
  ),
  ensembleMethod: setting(
    'MLSEC_ENSEMBLE',
    'stacked' as 'weighted_mean' | 'max' | 'stacked',
    oneOf('weighted_mean', 'max', 'stacked'),
    'Default ensemble method: stacked (the logistic combiner fitted out of fold), weighted_mean or max; a request may still choose.',
  ),
  thresholdUser: setting<number>(
    'MLSEC_THRESHOLD_USER',
    undefined,
    fraction,
    'Attack threshold for context "user", for every method. Unset: each method\'s own (stacked: its fitted 3%-FPR point, about 0.63; weighted_mean and max: 0.5). A request may still set its own.',
  ),
  thresholdDocument: setting<number>(
    'MLSEC_THRESHOLD_DOCUMENT',
    undefined,
    fraction,
    'Attack threshold for context "document" (retrieved content, scanned more strictly), for every method. Unset: each method\'s own (stacked: fitted, about 0.56; weighted_mean and max: 0.45).',
  ),
  modelMemoryBudgetMb: setting(
    'MLSEC_MODEL_MEMORY_MB',
    400,
    int(1, 1_000_000),
    'Memory budget of loaded detection models in MB; least recently used models are unloaded above it.',
  ),
  modelIdleTtl: setting(
    'MLSEC_MODEL_IDLE_TTL',
    0,
    duration,
    'Unload a detection model unused for this long (seconds or 30m/12h/7d; 0 = never).',
  ),
  resultCacheTtl: setting(
    'MLSEC_RESULT_CACHE_TTL',
    600,
    duration,
    'How long a prediction result stays cached (text hash + model versions + options; 0 = no result cache).',
  ),
  maxBatch: setting(
    'MLSEC_MAX_BATCH',
    256,
    int(1, 100_000),
    'Most texts in one /predict/batch or v2 infer request (more -> 413).',
  ),
  smtpHost: setting<string>('SMTP_HOST', undefined, str, 'SMTP server for email notifications.'),
  smtpPort: setting('SMTP_PORT', 587, int(1, 65535), 'SMTP port.'),
  smtpSecure: setting('SMTP_SECURE', false, bool, 'Use TLS from the start (port 465).'),
  smtpUser: setting<string>('SMTP_USER', undefined, str, 'SMTP user.'),
  smtpPassword: setting<string>('SMTP_PASSWORD', undefined, str, 'SMTP password.', true),
  smtpFrom: setting('SMTP_FROM', 'mlsec@localhost', str, 'From address of notifications.'),
  alertEmailTo: setting<string[]>(
    'MLSEC_ALERT_EMAIL_TO',
    [],
    list,
    'Comma-separated recipients of drift/promotion emails.',
  ),
  alertWebhookUrl: setting<string>(
    'MLSEC_ALERT_WEBHOOK_URL',
    undefined,
    url('http', 'https'),
    'Webhook that receives drift/promotion notifications as JSON.',
  ),
  workerConcurrency: setting(
    'MLSEC_WORKER_CONCURRENCY',
    1,
    int(1, 64),
    'Jobs of one kind run at once per process.',
  ),
} as const;

type Settings = typeof SETTINGS;
export type Config = {
  [K in keyof Settings]: Settings[K] extends Setting<infer T>
    ? Settings[K]['default'] extends undefined
      ? T | undefined
      : T
    : never;
} & { ports: Record<string, number> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * One setting from `env`: its parsed value, or its default when unset or empty. Throws an Error
 * whose message starts with the variable's name on a bad value. For code that runs outside an
 * AppContext (CLI helpers, worker threads); everything else reads `ctx.config`.
 */
export function readSetting<K extends keyof Settings>(
  key: K,
  env: Record<string, string | undefined> = process.env,
): Config[K] {
  const s = SETTINGS[key] as Setting<unknown>;
  const raw = env[s.env];
  if (raw === undefined || raw === '') return s.default as Config[K];
  try {
    return s.parse(raw) as Config[K];
  } catch (e) {
    throw new Error(`${s.env}: ${(e as Error).message}`);
  }
}

/**
 * Parse configuration from `env` (process.env by default). Throws ConfigError listing every
 * bad value, each by its variable name. Service ports: MLSEC_PORT_<SERVICE> (e.g.
 * MLSEC_PORT_MODEL_API=9000) override the defaults in `defaultPorts`.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  defaultPorts: Record<string, number> = {},
): Config {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(SETTINGS) as (keyof Settings)[]) {
    try {
      out[key] = readSetting(key, env);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const ports: Record<string, number> = {};
  const offset = typeof out.portOffset === 'number' ? out.portOffset : 0;
  for (const [service, port] of Object.entries(defaultPorts)) {
    const envName = `MLSEC_PORT_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
    const raw = env[envName];
    if (raw === undefined || raw === '') {
      ports[service] = port + offset;
      continue;
    }
    try {
      ports[service] = int(0, 65535)(raw);
    } catch (e) {
      problems.push(`${envName}: ${(e as Error).message}`);
    }
  }
  if ((out.s3AccessKey === undefined) !== (out.s3SecretKey === undefined)) {
    problems.push('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together');
  }
  if (problems.length) throw new ConfigError(problems);
  out.dataDir = path.resolve(String(out.dataDir));
  out.modelsDir = path.resolve(String(out.modelsDir));
  out.datasetDirs = [
    ...(out.datasetDirs as string[]).map((d) => path.resolve(d)),
    path.join(String(out.dataDir), 'datasets'),
  ];
  out.ports = ports;
  return out as Config;
}

/** Rows for documentation: variable, default, description. */
export function describeSettings(): { env: string; default: string; doc: string }[] {
  return Object.values(SETTINGS).map((s: Setting<unknown>) => ({
    env: s.env,
    default:
      s.default === undefined
        ? '(unset)'
        : Array.isArray(s.default)
          ? s.default.join(',') || '(empty)'
          : String(s.default),
    doc: s.doc,
  }));
}
