/** Between reconnect attempts while Redis is down: BullMQ's own backoff grows to 20 s, which a recovery would wait out. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/** A producer command that Redis does not answer fails after this instead of holding the request. */
const PRODUCER_COMMAND_TIMEOUT_MS = 5_000;

/** ioredis options from a redis:// URL; BullMQ's blocking connections need no retry limit. */
export function redisConnectionOptions(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => Math.min(attempt * 250, MAX_RECONNECT_DELAY_MS),
  };
}

/** For connections that only send commands: while Redis is away they fail at once instead of queueing. */
export function producerConnectionOptions(redisUrl: string) {
  return { ...redisConnectionOptions(redisUrl), enableOfflineQueue: false, commandTimeout: PRODUCER_COMMAND_TIMEOUT_MS };
}
