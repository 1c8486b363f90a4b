import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import { runModuleInChild } from '../workers.js';

/** The Drizzle handle every domain uses; the same type over PGlite and node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data is, for the start-up log (password removed). */
  location: string;
  /** True when a trivial query succeeds within 2 s. */
  ping(): Promise<boolean>;
  /** Run `fn` while holding a cluster-wide lock (PostgreSQL advisory lock; PGlite is single-process). */
  exclusive<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const SRC_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Open the database: PostgreSQL when `databaseUrl` is set, else PGlite in `<dataDir>/pglite`
 * (or in memory when `dataDir` is ':memory:'). Fails with a clear message when another live
 * process holds the PGlite directory, since PGlite is single-process.
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  log?: Logger;
  /** PGlite only: shared_buffers in MB (default 16). */
  pgliteSharedBuffersMb?: number;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    pool.on('error', (err) => opts.log?.error({ err }, 'postgres pool error'));
    const db = drizzle(pool) as unknown as Db;
    await pool.query('select 1'); // fail fast with the driver's own message
    const u = new URL(opts.databaseUrl);
    u.password = '';
    return {
      db,
      kind: 'postgres',
      location: u.toString(),
      ping: () =>
        withTimeout(
          pool.query('select 1').then(() => true),
          2000,
        ),
      exclusive: async (key, fn) => {
        // Session-level lock: take and release it on the same connection.
        const c = await pool.connect();
        try {
          await c.query('select pg_advisory_lock($1)', [key]);
          return await fn();
        } finally {
          await c.query('select pg_advisory_unlock($1)', [key]).catch(() => {});
          c.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { PgliteThread } = await import('./pglite-thread.js');
  let dir: string | undefined;
  let release = () => {};
  if (opts.dataDir !== ':memory:') {
    dir = path.join(opts.dataDir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
    release = lockDir(dir);
  }
  let client: import('./pglite-thread.js').PgliteThread;
  try {
    // PGlite's own start parameters (single-user, fsync off, no parallel workers) plus a smaller
    // buffer pool; passing startParams replaces the defaults, so they are spread in first.
    const defaults = (PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams ?? [];
    // If a PGlite upgrade drops that static, keep its defaults rather than start it half-configured.
    const startParams = defaults.length
      ? [...defaults, '-c', `shared_buffers=${opts.pgliteSharedBuffersMb ?? 16}MB`]
      : undefined;
    if (dir && !fs.existsSync(path.join(dir, 'PG_VERSION'))) {
      opts.log?.info({ dir }, 'creating the embedded database (first start)');
      await initPgliteInChild(dir, startParams);
    }
    // 'memory://' rather than no directory: PGlite ignores startParams without a data dir.
    // It runs on a thread of its own (pglite-thread.ts): SQL never runs on the request thread.
    client = await PgliteThread.open(dir ?? 'memory://', startParams);
  } catch (e) {
    release();
    throw e;
  }
  // drizzle's PGlite driver needs only query/exec/transaction, which the thread client provides.
  const db = drizzle({ client: client as unknown as InstanceType<typeof PGlite> }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: dir ?? 'memory',
    ping: () =>
      withTimeout(
        client.query('select 1').then(() => true),
        2000,
      ),
    exclusive: (_key, fn) => fn(),
    close: async () => {
      await client.close();
      release();
    },
  };
}

/**
 * Run PGlite's initdb in a short-lived child process. initdb grows PGlite's WebAssembly memory
 * to ~600 MB and that memory is never given back, not even fully by an exited worker thread
 * (measured: +135 MB resident). A process returns all of it, so a first start costs no more
 * resident memory than a restart.
 */
async function initPgliteInChild(dir: string, startParams: string[] | undefined): Promise<void> {
  await runModuleInChild(
    import.meta.url,
    './pglite-init.mjs',
    { MLSEC_PGLITE_DIR: path.resolve(dir), MLSEC_PGLITE_PARAMS: JSON.stringify(startParams ?? null) },
    120_000,
  ).catch((e: Error) => {
    throw new Error(`creating the embedded database failed: ${e.message}`);
  });
}

function lockDir(dir: string): () => void {
  const lock = path.join(dir, '..', 'pglite.lock');
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database ${dir} is in use by process ${pid}. Stop it, or set DATABASE_URL to share a PostgreSQL server between processes.`,
      );
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.writeFileSync(lock, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lock, 'utf8') === String(process.pid)) fs.unlinkSync(lock);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withTimeout(p: Promise<boolean>, ms: number): Promise<boolean> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    t = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([p.catch(() => false), timeout]);
  } finally {
    clearTimeout(t);
  }
}

/** Domains with a migrations folder, platform first, then alphabetical. */
export function migrationFolders(): { domain: string; folder: string }[] {
  const domains = fs
    .readdirSync(SRC_ROOT, { withFileTypes: true })
    .filter(
      (d) =>
        d.isDirectory() && fs.existsSync(path.join(SRC_ROOT, d.name, 'migrations', 'meta', '_journal.json')),
    )
    .map((d) => d.name)
    .sort((a, b) => (a === 'platform' ? -1 : b === 'platform' ? 1 : a.localeCompare(b)));
  return domains.map((domain) => ({ domain, folder: path.join(SRC_ROOT, domain, 'migrations') }));
}

/**
 * Apply every domain's pending migrations (each domain keeps its own journal table, so
 * domains evolve independently). Idempotent; returns the domains it looked at.
 */
export async function migrateAll(database: Database, log?: Logger): Promise<string[]> {
  const migrate =
    database.kind === 'pglite'
      ? (await import('drizzle-orm/pglite/migrator')).migrate
      : (await import('drizzle-orm/node-postgres/migrator')).migrate;
  const done: string[] = [];
  // Concurrent starts against one PostgreSQL (several `mlsec` processes) must not race.
  await database.exclusive(727271, async () => {
    for (const { domain, folder } of migrationFolders()) {
      await migrate(database.db as any, {
        migrationsFolder: folder,
        migrationsTable: `__migrations_${domain}`,
        migrationsSchema: 'public',
      });
      done.push(domain);
    }
  });
  log?.debug({ domains: done }, 'migrations applied');
  return done;
}
