import { setTimeout as sleep } from 'node:timers/promises';

/** SQLSTATE serialization_failure and deadlock_detected: PostgreSQL rolled the transaction back, and running it again may well succeed. */
const RETRYABLE_CODES = new Set(['40001', '40P01']);

export interface RetryOptions {
  /** Runs in all, the first included. */
  attempts: number;
  /** The wait before the second run; it doubles after each further failure, with full jitter. */
  baseDelayMs: number;
}

const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 15 };

/** The transaction kept losing to concurrent ones; nothing of it was stored. */
export class TransactionConflictError extends Error {
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`The transaction conflicted with concurrent ones ${attempts} times (${describe(lastError)})`);
    this.name = 'TransactionConflictError';
  }
}

/** Whether `error` (the driver's, or TypeORM's QueryFailedError around it) is a deadlock or serialization failure. */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code ?? (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/**
 * Runs `transaction` again when PostgreSQL aborted it as a deadlock victim or for a
 * serialization failure, after a short random wait so the contenders do not collide again
 * in step. `transaction` must be a whole transaction (begin to commit), so a rerun starts
 * clean. Past the last attempt: TransactionConflictError. Other errors pass through at once.
 */
export async function retryOnConflict<T>(transaction: (attempt: number) => Promise<T>, options: RetryOptions = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction(attempt);
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      if (attempt >= options.attempts) throw new TransactionConflictError(attempt, error);
      await sleep(Math.random() * options.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
