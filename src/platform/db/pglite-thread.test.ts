import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteThread } from './pglite-thread.js';

describe('embedded database thread', () => {
  let db: PgliteThread;
  beforeAll(async () => {
    db = await PgliteThread.open('memory://');
    await db.exec('create table t (id int primary key, v text)');
  });
  afterAll(() => db.close());

  it('answers in both row modes, with PostgreSQL types parsed as drizzle expects', async () => {
    await db.query('insert into t values ($1, $2), ($3, $4)', [1, 'a', 2, 'b']);
    const obj = await db.query('select id, v, now() as at, $1::jsonb as j from t order by id', ['{"x":1}']);
    expect(obj.rows).toEqual([
      expect.objectContaining({ id: 1, v: 'a', j: { x: 1 } }),
      expect.objectContaining({ id: 2, v: 'b' }),
    ]);
    // Timestamps stay text (drizzle maps them), as with drizzle's own PGlite driver.
    expect(typeof (obj.rows[0] as { at: unknown }).at).toBe('string');
    const arr = await db.query('select id, v from t order by id', [], { rowMode: 'array' });
    expect(arr.rows).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(arr.fields.map((f) => f.name)).toEqual(['id', 'v']);
  });

  it('keeps the SQLSTATE of a failed statement (the HTTP layer maps class 22 to 400)', async () => {
    await expect(db.query("select 'x'::int")).rejects.toMatchObject({ code: '22P02' });
    await expect(db.query('insert into t values (1, $1)', ['dup'])).rejects.toMatchObject({
      code: '23505',
      message: expect.stringContaining('duplicate key'),
    });
  });

  it('holds other statements back while a transaction runs, and rolls back on error', async () => {
    let outsideDone = false;
    const tx = db.transaction(async (q) => {
      await q.query('insert into t values (10, $1)', ['in-tx']);
      // Issued by someone else while the transaction is open: must not run inside it.
      const outside = db.query('insert into t values (11, $1)', ['outside']).then(() => (outsideDone = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(outsideDone).toBe(false);
      void outside;
      throw new Error('abort');
    });
    await expect(tx).rejects.toThrow('abort');
    await expect.poll(() => outsideDone).toBe(true);
    const ids = (await db.query('select id from t where id >= 10 order by id', [], { rowMode: 'array' }))
      .rows;
    expect(ids).toEqual([[11]]);

    await db.transaction(async (q) => q.query('insert into t values (12, $1)', ['committed']));
    expect((await db.query('select v from t where id = 12')).rows).toEqual([{ v: 'committed' }]);
  });

  it('fails fast, with the reason, once the thread is gone', async () => {
    const other = await PgliteThread.open('memory://');
    await other.close();
    await expect(other.query('select 1')).rejects.toThrow(/embedded database thread exited/);
  });
});
