/**
 * Worker thread that owns the embedded PGlite database (see pglite-thread.ts). PGlite runs
 * PostgreSQL compiled to WebAssembly on the thread that calls it: here, every query (the
 * prediction log's inserts, analytics' scans) runs beside the request threads, not on them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import type { ThreadReply, ThreadRequest } from './pglite-thread.js';

const { dir, startParams } = workerData as { dir: string; startParams?: string[] };

// The same parsers drizzle's PGlite driver passes: date and time values stay text, drizzle maps
// them. Functions cannot cross threads, so the caller names the row mode and they are applied here.
const raw = (v: string) => v;
const parsers = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((t) => [
    t,
    raw,
  ]),
);

function errorFields(e: unknown): ThreadReply['error'] {
  const err = e as Record<string, unknown> & Error;
  const out: Record<string, unknown> = {};
  // DatabaseError carries the SQLSTATE (code), detail, hint, ... as own properties.
  for (const [k, v] of Object.entries(err ?? {}))
    if (typeof v !== 'function' && typeof v !== 'object') out[k] = v;
  return { ...out, name: err?.name ?? 'Error', message: err?.message ?? String(e) };
}

const port = parentPort!;
try {
  const db = new PGlite(dir, startParams ? { startParams } : {});
  await db.waitReady;
  port.on('message', async (m: ThreadRequest) => {
    try {
      if (m.op === 'query') {
        const r = await db.query(m.sql, m.params, { rowMode: m.rowMode, parsers });
        port.postMessage({ id: m.id, result: r } satisfies ThreadReply);
      } else if (m.op === 'exec') {
        const r = await db.exec(m.sql);
        port.postMessage({ id: m.id, result: r } satisfies ThreadReply);
      } else if (m.op === 'close') {
        await db.close();
        port.postMessage({ id: m.id, result: null } satisfies ThreadReply);
        port.close();
      }
    } catch (e) {
      port.postMessage({ id: m.id, error: errorFields(e) } satisfies ThreadReply);
    }
  });
  port.postMessage({ id: 0, result: 'ready' } satisfies ThreadReply);
} catch (e) {
  port.postMessage({ id: 0, error: errorFields(e) } satisfies ThreadReply);
}
