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

/** Postgres down or restarting, as Prisma's pg adapter reports it (by error kind and SQLSTATE, not message). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = driverAdapterCause(error);
  if (!cause?.kind) return false;
  if (UNREACHABLE_KINDS.has(cause.kind)) return true;
  // 57P01-03: shutting down / starting up; class 08: connection exceptions.
  return cause.kind === 'postgres' && /^(57P0[123]|08)/.test(cause.code ?? '');
}
