// Whether an error means Postgres is down or restarting (wait and retry) rather than a fault
// of the query: the worker's stage runner and the CLI's --wait both ride such outages out.
const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/** Postgres down or restarting, as Prisma's pg adapter reports it (by error kind and SQLSTATE, not message). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string } } } } | null)?.meta;
  const cause = meta?.driverAdapterError?.cause;
  if (!cause?.kind) return false;
  if (UNREACHABLE_KINDS.has(cause.kind)) return true;
  // 57P01-03: shutting down / starting up; class 08: connection exceptions.
  return cause.kind === 'postgres' && /^(57P0[123]|08)/.test(cause.code ?? '');
}
