// A test's database is dropped only after the sessions its pool was ending have closed.
import pg from 'pg';
import { expect, it } from 'vitest';
import { adminDatabaseUrl, dropTestDatabase } from './helpers/test-db.ts';

it('drops a database right after pool.end() without terminating the sessions still closing', async () => {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  const errors: string[] = [];
  try {
    // Without the wait, a FORCE drop straight after pool.end() terminated a closing session
    // in 2 to 5 of these 40 rounds (eight sessions each).
    for (let round = 0; round < 40; round++) {
      const name = `prospector_drop_race_${process.pid}_${round}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(adminDatabaseUrl());
      url.pathname = `/${name}`;
      const pool = new pg.Pool({ connectionString: url.toString(), max: 8 });
      pool.on('error', (error: Error) => errors.push(`round ${round}: ${error.message}`));
      await Promise.all(Array.from({ length: 8 }, () => pool.query('SELECT pg_sleep(0.01)')));
      await pool.end();
      await dropTestDatabase(adminDatabaseUrl(), name);
    }
  } finally {
    await admin.end();
  }
  expect(errors).toEqual([]);
}, 60_000);
