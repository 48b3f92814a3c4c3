// Whether an error means Postgres is down or restarting (wait and retry) rather than a fault
// of the query: the worker's stage runner and the CLI's --wait both ride such outages out.
// Prisma's pg adapter wraps the driver's error: its kind (or SQLSTATE) sits in
// meta.driverAdapterError.cause, read here and nowhere else.
const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

export interface DriverAdapterCause {
  kind?: string;
  code?: string;
  originalCode?: string;
}

/** The driver error behind a Prisma error, when Prisma's pg adapter reported one. */
export function driverAdapterCause(error: unknown): DriverAdapterCause | undefined {
  return (error as { meta?: { driverAdapterError?: { cause?: DriverAdapterCause } } } | null)?.meta?.driverAdapterError?.cause;
}

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// The pg driver's own errors for a lost or unobtainable connection carry no code.
const PG_CONNECTION_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end)/;

/** Postgres down or restarting, as the pg driver reports it when used without Prisma (batched-sql.ts). */
export function isDriverErrorUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return SOCKET_CODES.has(code) || /^(57P0[123]|08)/.test(code);
  return PG_CONNECTION_MESSAGES.test(error.message);
}

/** A driver error that means the database is unreachable, raised where the driver is used directly (batched-sql.ts). */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(override readonly cause: unknown) {
    super(`database unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Postgres down or restarting, as Prisma's pg adapter reports it (by error kind and SQLSTATE, not message), or as batched-sql.ts does. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const cause = driverAdapterCause(error);
  if (!cause?.kind) return false;
  if (UNREACHABLE_KINDS.has(cause.kind)) return true;
  // 57P01-03: shutting down / starting up; class 08: connection exceptions.
  return cause.kind === 'postgres' && /^(57P0[123]|08)/.test(cause.code ?? '');
}
