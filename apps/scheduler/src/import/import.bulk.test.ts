// The bulk path at 100k rows: COPY batches, set-based merge, flat memory, idempotent re-run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { writeSyntheticList } from '../../../../test/helpers/list-generator.ts';
import { importList } from './import.service.ts';

let db: TestDatabase;
let pool: pg.Pool;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase('import_bulk');
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  dir = await mkdtemp(join(tmpdir(), 'prospector-bulk-'));
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

it('imports a generated 100k-row list, then re-imports it as a no-op', async () => {
  const rows = 100_000;
  const file = join(dir, 'list.csv');
  const generated = await writeSyntheticList(file, rows);
  const progress: number[] = [];
  const started = performance.now();
  const summary = await importList({ pool, campaign: 'bulk', file, onProgress: (p) => progress.push(p.bytesRead) });
  const seconds = (performance.now() - started) / 1000;
  console.log(`100k rows imported in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s)`);

  expect(summary.rowsRead).toBe(rows);
  expect(summary.rejectedCount).toBe(generated.nameless);
  expect(summary.prospectsCreated + summary.mergedDuplicates).toBe(rows - generated.nameless);
  // Generated duplicates all merge; random phone collisions may merge a few more.
  expect(summary.mergedDuplicates).toBeGreaterThanOrEqual(generated.duplicates);
  expect(summary.mergedDuplicates).toBeLessThan(generated.duplicates * 1.2);
  expect(progress.length).toBeGreaterThan(5);
  expect(progress.at(-1)).toBe(progress.reduce((a, b) => Math.max(a, b), 0));

  const counts = async () => (await pool.query(
    `SELECT (SELECT count(*) FROM "Prospect")::int AS p, (SELECT count(*) FROM "SourceRow")::int AS s, (SELECT count(*) FROM "RejectedRow")::int AS r`)).rows[0];
  expect(await counts()).toEqual({ p: summary.prospectsCreated, s: rows - generated.nameless, r: generated.nameless });
  const again = await importList({ pool, campaign: 'bulk', file });
  expect(again).toMatchObject({ alreadyImported: true, prospectsCreated: 0 });
  expect(await counts()).toEqual({ p: summary.prospectsCreated, s: rows - generated.nameless, r: generated.nameless });
}, 180_000);
