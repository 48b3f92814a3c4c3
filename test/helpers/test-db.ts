// A fresh, migrated database per test file: tests never share state and never mock Postgres.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase } from '../../packages/core/src/db/migrate.ts';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `prospector_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  return {
    url: url.toString(),
    name,
    drop: () => dropTestDatabase(adminDatabaseUrl(), name),
  };
}

/** Drops a test's database once its own sessions have closed. */
export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  await c.connect();
  try {
    await waitForSessionsToClose(c, name);
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/**
 * pg's `pool.end()` resolves once it has asked its clients to end, not once they have. A
 * FORCE drop right after it terminated sessions still closing; their "terminating
 * connection due to administrator command" went to the pool's idle-client listener, and a
 * pool with no 'error' listener threw it, failing the file (CI, import.bulk.test.ts).
 * Sessions still open after the wait are leaks, and FORCE ends them.
 */
async function waitForSessionsToClose(admin: pg.Client, database: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    if ((open.rows[0]?.n ?? 0) === 0) return;
    if (Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
