import type { Logger } from '@nestjs/common';

/** Redis, which the queue runs on, does not answer; the request may be tried again shortly. */
export class QueueUnavailableException extends Error {
  constructor(cause: Error) {
    super(`The job queue is not reachable: ${cause.message}`, { cause });
    this.name = 'QueueUnavailableException';
  }
}

/** What ioredis and BullMQ report when Redis is down or unreachable, as opposed to a bad command. */
const CONNECTION_FAILURE = /enableOfflineQueue|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Command timed out|max retries per request/i;

export function isRedisConnectionFailure(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return CONNECTION_FAILURE.test(error.message) || (typeof code === 'string' && CONNECTION_FAILURE.test(code));
}

/** Reconnect attempts repeat the same error every few seconds while Redis is down. */
const REPEAT_LOG_AFTER_MS = 60_000;

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Logs a Redis connection's errors, each distinct message at most once a minute. An emitter
 * without an 'error' listener would print them unformatted to the console (BullMQ) or crash
 * the process (a plain EventEmitter).
 */
export function logConnectionErrors(emitter: ErrorEmitter, logger: Logger): void {
  const loggedAt = new Map<string, number>();
  emitter.on('error', (error) => {
    const now = Date.now();
    if (now - (loggedAt.get(error.message) ?? Number.NEGATIVE_INFINITY) < REPEAT_LOG_AFTER_MS) return;
    loggedAt.set(error.message, now);
    logger.warn(`Redis connection: ${error.message}`);
  });
}
