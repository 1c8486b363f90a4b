import { Worker } from 'node:worker_threads';

export type ThreadRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; rowMode?: 'array' | 'object' }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'close' };
export interface ThreadReply {
  id: number;
  result?: unknown;
  error?: { name: string; message: string; code?: string; [k: string]: unknown };
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

interface QueryOptions {
  rowMode?: 'array' | 'object';
}
type Results = { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };

/**
 * The embedded PGlite database, run on its own worker thread (pglite-worker.mjs) behind the part
 * of PGlite's client API that drizzle's PGlite driver uses (`query`, `exec`, `transaction`).
 *
 * Why a thread: PGlite executes SQL synchronously on the calling thread. Each logged prediction
 * cost the serving thread 50-150 us of WebAssembly PostgreSQL, as much as scoring the text,
 * and a large analytics query stalled every request in flight. Here the serving thread only
 * posts the statement.
 *
 * Errors keep PostgreSQL's fields (`code` = SQLSTATE, `detail`, ...), so callers and the HTTP
 * error handler see what PGlite itself would have thrown. If the thread dies, every pending and
 * later query fails with that reason.
 */
export class PgliteThread {
  private seq = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  /** Set while a transaction runs: other statements wait so they do not land inside it. */
  private txDone: Promise<void> | undefined;
  private dead: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: ThreadReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.error) p.reject(Object.assign(new Error(m.error.message), m.error));
      else p.resolve(m.result);
    });
    const fail = (e: Error) => {
      this.dead ??= e;
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the embedded database thread exited (code ${code})`)));
  }

  /** Start the thread and open the database in `dir` ('memory://' for none). */
  static async open(dir: string, startParams?: string[]): Promise<PgliteThread> {
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { dir, startParams },
    });
    const thread = new PgliteThread(worker);
    // The database opens before any request; id 0 is the worker's ready (or failure) message.
    worker.ref();
    await new Promise<unknown>((resolve, reject) => thread.pending.set(0, { resolve, reject })).catch(
      async (e) => {
        await worker.terminate();
        throw e;
      },
    );
    return thread;
  }

  private send<T>(req: DistributiveOmit<ThreadRequest, 'id'>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.seq++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // Referenced only while a reply is awaited: an idle database never keeps a CLI alive.
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...req, id });
    });
  }

  private async outsideTransaction(): Promise<void> {
    while (this.txDone) await this.txDone;
  }

  async query(sql: string, params: unknown[] = [], opts: QueryOptions = {}): Promise<Results> {
    if (this.txDone) await this.outsideTransaction();
    return this.send<Results>({ op: 'query', sql, params, rowMode: opts.rowMode });
  }

  async exec(sql: string): Promise<Results[]> {
    if (this.txDone) await this.outsideTransaction();
    return this.send<Results[]>({ op: 'exec', sql });
  }

  /** BEGIN ... COMMIT (ROLLBACK when `fn` throws), with other statements held back meanwhile. */
  async transaction<T>(fn: (tx: Pick<PgliteThread, 'query' | 'exec'>) => Promise<T>): Promise<T> {
    await this.outsideTransaction();
    let done!: () => void;
    this.txDone = new Promise<void>((r) => (done = r));
    const tx = {
      query: (sql: string, params: unknown[] = [], opts: QueryOptions = {}) =>
        this.send<Results>({ op: 'query', sql, params, rowMode: opts.rowMode }),
      exec: (sql: string) => this.send<Results[]>({ op: 'exec', sql }),
    };
    try {
      await tx.exec('BEGIN');
      try {
        const out = await fn(tx);
        await tx.exec('COMMIT');
        return out;
      } catch (e) {
        await tx.exec('ROLLBACK').catch(() => {});
        throw e;
      }
    } finally {
      this.txDone = undefined;
      done();
    }
  }

  async close(): Promise<void> {
    if (!this.dead) await this.send({ op: 'close' }).catch(() => {});
    await this.worker.terminate();
  }
}
