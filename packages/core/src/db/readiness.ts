// Is Postgres there, does the database exist, are the migrations applied, is Redis
// reachable? Each answer that is "no" is one line naming the fix, for a newcomer's first
// commands (the CLI) and for a worker that waits for its dependencies.
import { readdir } from 'node:fs/promises';
import pg from 'pg';
import { Redis } from 'ioredis';
import { driverAdapterCause } from './database-unavailable.ts';
import { defaultMigrationsDir } from './migrate.ts';

/** A dependency is missing or unreachable; the message is one line and names the fix. */
export class DependencyError extends Error {
  override readonly name = 'DependencyError';
  constructor(
    message: string,
    readonly dependency: 'postgres' | 'redis',
  ) {
    super(message);
  }
}

/** host:port of a URL, without its credentials, for messages. */
export function displayAddress(url: string, defaultPort: number): string {
  try {
    const u = new URL(url);
    return `${u.hostname || '127.0.0.1'}:${u.port || defaultPort}`;
  } catch {
    return '(unparsable URL)';
  }
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
}

// SQLSTATEs and socket errors by code, never by message text.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', '57P03']);

interface CodedError {
  code?: string;
  message?: string;
}

/** One line for a Postgres connection or query error, or null when it is none of the known cases. */
export function explainPostgresError(error: unknown, databaseUrl: string): string | null {
  const code = (error as CodedError | null)?.code ?? driverAdapterCode(error);
  const where = displayAddress(databaseUrl, 5432);
  if (code === '3D000' || code === 'DatabaseDoesNotExist') return `database "${databaseName(databaseUrl)}" does not exist on ${where}: run prospector migrate`;
  if (code === '42P01' || code === 'TableDoesNotExist' || code === 'P2021') return `database "${databaseName(databaseUrl)}" is not migrated: run prospector migrate`;
  if (code === '28P01' || code === '28000' || code === 'AuthenticationFailed') return `Postgres at ${where} refused the login: check the user and password in DATABASE_URL`;
  if (code && (UNREACHABLE_CODES.has(code) || code === 'DatabaseNotReachable' || code === 'SocketTimeout')) {
    return `Postgres at ${where} is not reachable (${code}): start it (bash scripts/services.sh) or set DATABASE_URL`;
  }
  if (error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message)) {
    // pg's own connect timeout has no code.
    return `Postgres at ${where} is not reachable (timeout): start it (bash scripts/services.sh) or set DATABASE_URL`;
  }
  return null;
}

/** The driver's code behind a Prisma error (SQLSTATE or adapter kind), else the error's own code. */
function driverAdapterCode(error: unknown): string | undefined {
  const cause = driverAdapterCause(error);
  if (!cause) return (error as { code?: string } | null)?.code;
  if (cause.kind === 'postgres') return cause.originalCode ?? cause.code;
  return cause.kind;
}

/**
 * Connects to the database and compares the applied migrations with the ones on disk.
 * Throws a DependencyError naming the fix; resolves when the database is ready to use.
 */
export async function checkDatabaseReady(databaseUrl: string, migrationsDir = defaultMigrationsDir()): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined); // a connection lost after the check is not this check's concern
  try {
    await client.connect();
    const applied = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const done = new Set(applied.rows.map((r) => r.migration_name));
    const onDisk = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    const missing = onDisk.filter((name) => !done.has(name)).sort();
    if (missing.length > 0) {
      throw new DependencyError(
        `database "${databaseName(databaseUrl)}" lacks ${missing.length} migration(s) (first: ${missing[0]}): run prospector migrate`,
        'postgres',
      );
    }
  } catch (error) {
    if (error instanceof DependencyError) throw error;
    throw new DependencyError(explainPostgresError(error, databaseUrl) ?? `Postgres at ${displayAddress(databaseUrl, 5432)}: ${(error as Error).message}`, 'postgres');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The line for an unreachable Redis. */
export function redisUnreachableMessage(redisUrl: string, reason: string): string {
  return `Redis at redis://${displayAddress(redisUrl, 6379)} is not reachable (${reason}): start it (bash scripts/services.sh) or set REDIS_URL`;
}

/** One PING with no retries; throws a DependencyError naming the fix. */
export async function checkRedisReachable(redisUrl: string, timeoutMs = 3000): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let lastError: CodedError | undefined;
  redis.on('error', (e: CodedError) => (lastError = e));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const e = lastError ?? (error as CodedError);
    throw new DependencyError(redisUnreachableMessage(redisUrl, e.code ?? e.message ?? 'no answer'), 'redis');
  } finally {
    redis.disconnect();
  }
}
