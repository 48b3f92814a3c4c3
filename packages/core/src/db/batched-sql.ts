// The worker's hot path to Postgres: its evidence writes and its few reads, over the pg
// driver without the ORM, and writes of concurrent jobs committed together.
//
// Why not Prisma here: its raw queries still pass through the client's request pipeline
// and the adapter's conversions, ~7% of a worker's CPU for statements that are already SQL.
// Why batched: every statement is a round trip, a commit (a WAL flush) and a wake-up of a
// backend. A write is queued; when no flush is in flight on a free connection it goes at
// once, otherwise it joins the next flush, so a quiet worker waits for nothing and a busy
// one sends one statement for the writes of many jobs (group commit).
//
// At least once, unchanged: `write` resolves only once its statement has committed, and a
// job completes only after its write resolved, so a crash loses no acknowledged work.
// A batch is one statement, all or nothing; when it fails for a reason other than the
// database being unreachable, each write is retried alone so one job's bad write fails that
// job only.
import pg from 'pg';
import { DatabaseUnavailableError, isDriverErrorUnavailable } from './database-unavailable.ts';
import { Prisma } from './prisma.ts';

export interface HotSql {
  /**
   * Data-modifying statements (INSERT, UPDATE, DELETE without RETURNING to read) committed
   * together, all or nothing. They see the database as it was before the write: one part
   * cannot read another's rows.
   */
  write(parts: Prisma.Sql[]): Promise<void>;
  query<T>(sql: Prisma.Sql): Promise<T[]>;
  /** Writes committed and the statements that carried them, since the start. */
  stats(): { writes: number; statements: number };
  /** Waits for queued writes, then closes the connections. */
  close(): Promise<void>;
}

export interface HotSqlOptions {
  databaseUrl: string;
  /** Connections; flushes in flight at once: one fewer. */
  poolMax?: number;
  /** Writes per statement at most. */
  maxWritesPerFlush?: number;
}

/** Postgres accepts 65,535 bind parameters per statement; stay well below it. */
const MAX_PARAMS = 30_000;

interface QueuedWrite {
  parts: Prisma.Sql[];
  params: number;
  resolve(): void;
  reject(error: unknown): void;
}

export function createHotSql(options: HotSqlOptions): HotSql {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolMax ?? 4, connectionTimeoutMillis: 20_000, idleTimeoutMillis: 10_000 });
  // An idle client's error (a restarted server) surfaces on the next query; don't crash on it.
  pool.on('error', () => undefined);
  // One connection stays free for reads: classify must not wait behind the writes of others.
  const maxFlights = Math.max(1, (options.poolMax ?? 4) - 1);
  const maxWrites = options.maxWritesPerFlush ?? 64;
  const queue: QueuedWrite[] = [];
  let flights = 0;
  const counted = { writes: 0, statements: 0 };
  let drained: (() => void) | null = null;

  const run = async (sql: Prisma.Sql): Promise<pg.QueryResult> => {
    try {
      counted.statements++;
      return await pool.query(sql.text, sql.values as unknown[]);
    } catch (error) {
      throw isDriverErrorUnavailable(error) ? new DatabaseUnavailableError(error) : error;
    }
  };

  const take = (): QueuedWrite[] => {
    const batch: QueuedWrite[] = [];
    let params = 0;
    while (queue.length > 0 && batch.length < maxWrites && (batch.length === 0 || params + queue[0]!.params <= MAX_PARAMS)) {
      const next = queue.shift()!;
      params += next.params;
      batch.push(next);
    }
    return batch;
  };

  const flush = async (batch: QueuedWrite[]): Promise<void> => {
    try {
      await run(statementOf(batch.flatMap((w) => w.parts)));
      counted.writes += batch.length;
      for (const w of batch) w.resolve();
    } catch (error) {
      if (batch.length === 1 || error instanceof DatabaseUnavailableError) {
        for (const w of batch) w.reject(error);
        return;
      }
      await Promise.all(batch.map((w) => run(statementOf(w.parts)).then(() => {
        counted.writes++;
        w.resolve();
      }, w.reject)));
    }
  };

  const pump = (): void => {
    while (flights < maxFlights && queue.length > 0) {
      const batch = take();
      flights++;
      void flush(batch).finally(() => {
        flights--;
        pump();
        if (flights === 0 && queue.length === 0) drained?.();
      });
    }
  };

  return {
    write(parts) {
      if (parts.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ parts, params: parts.reduce((n, p) => n + p.values.length, 0), resolve, reject });
        // Writes issued in the same turn of the event loop share the first flush.
        if (queue.length === 1) queueMicrotask(pump);
      });
    },
    async query<T>(sql: Prisma.Sql): Promise<T[]> {
      return (await run(sql)).rows as T[];
    },
    stats: () => ({ ...counted }),
    async close() {
      if (flights > 0 || queue.length > 0) await new Promise<void>((r) => (drained = r));
      await pool.end();
    },
  };
}

/** One statement of data-modifying parts: `WITH w0 AS (…), w1 AS (…) SELECT 1`, or the part alone. */
export function statementOf(parts: Prisma.Sql[]): Prisma.Sql {
  if (parts.length === 1) return parts[0]!;
  const ctes = parts.map((part, i) => Prisma.sql`${Prisma.raw(`w${i}`)} AS (${part})`);
  return Prisma.sql`WITH ${Prisma.join(ctes, ', ')} SELECT 1`;
}
