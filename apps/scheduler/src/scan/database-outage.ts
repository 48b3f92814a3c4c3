// A Postgres outage seen from the CLI. `import --wait` polls the database for minutes; a
// failover or restart in that time used to end it with a raw, many-line Prisma error.
// Like the worker (which waits for the database without spending an attempt), the CLI
// waits and retries, says so once when the database goes and once when it comes back,
// and gives up at a deadline with one line that says what happened.
import { driverAdapterCause, isDatabaseUnavailable } from '@prospector/core';

/** The database stayed unreachable past the deadline; the message is one line, for the operator. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

export interface OutageOptions {
  /** Epoch ms after which an unreachable database ends the wait. */
  deadline: () => number;
  /** What the caller was doing, for the give-up line ("waiting for the scan"). */
  doing: string;
  retryMs?: number;
  /** Progress lines (stderr in the CLI). */
  say: (line: string) => void;
  /**
   * A trivial query on a fresh connection. A connection cut mid-query surfaces as an error
   * with no code at all (node-postgres: "Connection terminated unexpectedly", passed through
   * by Prisma's adapter); rather than read its message, the watch asks the database: if
   * this probe fails as unreachable, the first failure was the outage too.
   */
  probe?: () => Promise<unknown>;
}

const DEFAULT_RETRY_MS = 2000;

/** SQLSTATE classes and socket codes node-postgres reports when the server is gone (by code, not message). */
const PG_UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03']);

/** node-postgres (the import's pool) reporting an unreachable or restarting server. */
export function isPgUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return PG_UNREACHABLE_CODES.has(code) || code.startsWith('08');
}

function causeOf(error: unknown): string {
  const cause = driverAdapterCause(error);
  const code = (error as { code?: unknown } | null)?.code;
  return cause?.kind ?? (typeof code === 'string' ? code : 'unreachable');
}

function isUnreachable(error: unknown): boolean {
  return isDatabaseUnavailable(error) || isPgUnavailable(error);
}

/** Watches calls to the database: retries while it is unreachable, until the deadline. */
export class OutageWatch {
  private downSince: number | null = null;

  constructor(private readonly options: OutageOptions) {}

  private async probeFindsItDown(): Promise<boolean> {
    if (this.options.probe === undefined) return false;
    try {
      await this.options.probe();
      return false;
    } catch (error) {
      return isUnreachable(error);
    }
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        const result = await work();
        if (this.downSince !== null) {
          this.options.say(`database reachable again after ${Math.round((Date.now() - this.downSince) / 1000)} s; ${this.options.doing} goes on`);
          this.downSince = null;
        }
        return result;
      } catch (error) {
        if (!isUnreachable(error) && !(await this.probeFindsItDown())) throw error;
        const now = Date.now();
        const left = this.options.deadline() - now;
        if (this.downSince === null) {
          this.downSince = now;
          this.options.say(`database unreachable (${causeOf(error)}); ${this.options.doing}: retrying every ${Math.round((this.options.retryMs ?? DEFAULT_RETRY_MS) / 1000)} s for up to ${Math.max(0, Math.round(left / 1000))} s`);
        }
        if (left <= 0) {
          throw new DatabaseUnavailableError(
            `database unreachable for ${Math.round((now - this.downSince) / 1000)} s (${causeOf(error)}) while ${this.options.doing}; gave up`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(this.options.retryMs ?? DEFAULT_RETRY_MS, left)));
      }
    }
  }
}
