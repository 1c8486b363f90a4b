/**
 * Worker thread that owns the embedded PGlite database (see pglite-thread.ts). PGlite runs
 * PostgreSQL compiled to WebAssembly on the thread that calls it: here, every query (the
 * prediction log's inserts, analytics' scans) runs beside the request threads, not on them.
 * Plain JavaScript on purpose: a TypeScript worker would load tsx's loader into the thread
 * (measured: 45-70 MB more resident memory for the whole platform).
 * Messages: see ThreadRequest / ThreadReply in pglite-thread.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

const { dir, startParams } = workerData;

// The same parsers drizzle's PGlite driver passes: date and time values stay text, drizzle maps
// them. Functions cannot cross threads, so the caller names the row mode and they are applied here.
const raw = (v) => v;
const parsers = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((t) => [
    t,
    raw,
  ]),
);

function errorFields(e) {
  const err = e;
  const out = {};
  // DatabaseError carries the SQLSTATE (code), detail, hint, ... as own properties.
  for (const [k, v] of Object.entries(err ?? {}))
    if (typeof v !== 'function' && typeof v !== 'object') out[k] = v;
  return { ...out, name: err?.name ?? 'Error', message: err?.message ?? String(e) };
}

const port = parentPort;
try {
  const db = new PGlite(dir, startParams ? { startParams } : {});
  await db.waitReady;
  port.on('message', async (m) => {
    try {
      if (m.op === 'query') {
        const r = await db.query(m.sql, m.params, { rowMode: m.rowMode, parsers });
        port.postMessage({ id: m.id, result: r });
      } else if (m.op === 'exec') {
        const r = await db.exec(m.sql);
        port.postMessage({ id: m.id, result: r });
      } else if (m.op === 'close') {
        await db.close();
        port.postMessage({ id: m.id, result: null });
        port.close();
      }
    } catch (e) {
      port.postMessage({ id: m.id, error: errorFields(e) });
    }
  });
  port.postMessage({ id: 0, result: 'ready' });
} catch (e) {
  port.postMessage({ id: 0, error: errorFields(e) });
}
