import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { createHotSql, type HotSql } from './batched-sql.ts';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './database-unavailable.ts';
import { Prisma } from './prisma.ts';

let db: TestDatabase;
let admin: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('batched_sql');
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query('CREATE TABLE item (id int PRIMARY KEY, label text NOT NULL, tags text[])');
});
afterAll(async () => {
  await admin?.end();
  await db?.drop();
});

const insert = (id: number, label: string | null, tags: (string | null)[] = []) =>
  Prisma.sql`INSERT INTO item (id, label, tags) VALUES (${id}, ${label}, ${tags}::text[]) ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label`;

async function rows(): Promise<{ id: number; label: string; tags: string[] }[]> {
  return (await admin.query('SELECT id, label, tags FROM item ORDER BY id')).rows;
}

describe('batched writes', () => {
  let sql: HotSql;
  beforeAll(() => {
    sql = createHotSql({ databaseUrl: db.url, poolMax: 2 });
  });
  afterAll(async () => sql?.close());

  it('commits the writes of concurrent callers in fewer statements, each resolved once committed', async () => {
    await admin.query('TRUNCATE item');
    const before = sql.stats();
    await Promise.all(Array.from({ length: 50 }, (_, i) => sql.write([insert(i, `n${i}`, ['a', null, 'it"s {x}'])])));
    const after = sql.stats();
    expect(after.writes - before.writes).toBe(50);
    // One flight at a time with poolMax 2: the first write alone, the other 49 together.
    expect(after.statements - before.statements).toBeLessThanOrEqual(2);
    const stored = await rows();
    expect(stored).toHaveLength(50);
    expect(stored[7]).toEqual({ id: 7, label: 'n7', tags: ['a', null, 'it"s {x}'] });
  });

  it('keeps a write\'s parts all or nothing, and fails only the bad write of a batch', async () => {
    await admin.query('TRUNCATE item');
    const results = await Promise.allSettled([
      sql.write([insert(1, 'one')]),
      sql.write([insert(2, 'two'), insert(3, null)]),
      sql.write([insert(4, 'four')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/null value in column "label"/);
    expect((await rows()).map((r) => r.id)).toEqual([1, 4]);
  });

  it('reads', async () => {
    expect(await sql.query<{ n: number }>(Prisma.sql`SELECT ${41}::int + 1 AS n`)).toEqual([{ n: 42 }]);
  });

  it('lets close wait for queued writes', async () => {
    const closing = createHotSql({ databaseUrl: db.url, poolMax: 2 });
    const writes = Array.from({ length: 10 }, (_, i) => closing.write([insert(100 + i, 'late')]));
    await closing.close();
    await Promise.all(writes);
    expect((await rows()).filter((r) => r.label === 'late')).toHaveLength(10);
  });
});

it('reports an unreachable database as such, for the stage runner to wait rather than spend attempts', async () => {
  const down = createHotSql({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/none', poolMax: 2 });
  const error = await down.write([insert(1, 'x')]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DatabaseUnavailableError);
  expect(isDatabaseUnavailable(error)).toBe(true);
  expect(isDatabaseUnavailable(new Error('connect ECONNREFUSED'))).toBe(false);
  await down.close();
});
