/** Error codes of the `pg` driver and sockets that mean the database is out of reach. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/**
 * Whether an error means PostgreSQL is out of reach (stopped, restarting, the network gone)
 * rather than that the query was wrong: the same work succeeds once it is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  // pg's own words for a lost connection, a connect attempt past CONNECT_TIMEOUT_MS, and a pool with no free connection in time.
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client has encountered a connection error/i.test(
    error.message,
  );
}
