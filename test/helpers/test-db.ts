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
    async drop() {
      const c = new pg.Client({ connectionString: adminDatabaseUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
