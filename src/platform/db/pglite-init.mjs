// Child-process entry (initPgliteInChild in index.ts): run PGlite's initdb in MLSEC_PGLITE_DIR
// and exit, so the ~600 MB of WebAssembly memory initdb grows to leaves with the process.
import { PGlite } from '@electric-sql/pglite';

const params = JSON.parse(process.env.MLSEC_PGLITE_PARAMS ?? 'null');
const db = new PGlite(process.env.MLSEC_PGLITE_DIR, params ? { startParams: params } : {});
await db.waitReady;
await db.close();
