import { BUILT_API, BUILT_WORKER, freePort, startBuiltService, type BuiltService } from './built-service';
import { TEST_ADMIN_API_KEY } from './api-keys';
import { TEST_REDIS_URL } from './queue-namespace';

/** Settings of an API or worker on `databaseUrl`; with a queue prefix the jobs go through BullMQ. */
export function serviceEnv(databaseUrl: string, queuePrefix?: string, extra: Record<string, string> = {}): Record<string, string> {
  const queue: Record<string, string> = queuePrefix ? { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queuePrefix } : {};
  return { DATABASE_URL: databaseUrl, MATCHING_CRON: 'off', ADMIN_API_KEY: TEST_ADMIN_API_KEY, ...queue, ...extra };
}

export interface RunningApi {
  service: BuiltService;
  baseUrl: string;
}

export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const port = await freePort();
  const service = await startReady(BUILT_API, { ...env, PORT: String(port) }, 'API on');
  return { service, baseUrl: `http://127.0.0.1:${port}` };
}

export function startWorker(env: Record<string, string>): Promise<BuiltService> {
  return startReady(BUILT_WORKER, env, 'Worker ready');
}

/** Starts a built app and waits for its ready line; one that never gets there is stopped. */
async function startReady(entry: string, env: Record<string, string>, readyLine: string): Promise<BuiltService> {
  const service = startBuiltService(entry, env);
  try {
    await service.waitForOutput(readyLine, 120_000);
    return service;
  } catch (error) {
    await service.stop();
    throw error;
  }
}
