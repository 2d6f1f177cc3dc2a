import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { BUILT_API, BUILT_WORKER, sleep, startBuiltService, type BuiltService } from '../test/support/built-service';
import { removeQueueKeys, TEST_REDIS_URL } from '../test/support/queue-namespace';
import { createTestDatabase } from '../test/support/test-database';
import type { Teardown } from './teardown';

export const REDIS_URL = TEST_REDIS_URL;
const START_TIMEOUT_MS = 60_000;
/** A service that has not stopped this long after SIGTERM is killed. */
const STOP_GRACE_MS = 5_000;
/** The API's start-up line, e.g. "API on http://localhost:41234 (…)". */
const API_LISTENING = /API on http:\/\/[^\s/]+:(\d+)/;

export interface StackOptions {
  workers: number;
  /** Where the workers write V8 CPU profiles (`--cpu-prof`), if anywhere. */
  cpuProfileDir?: string;
  /** Where the API writes its V8 CPU profile, if anywhere. */
  apiCpuProfileDir?: string;
  /** More variables for the API and the workers, e.g. REVIEW_REQUIRED or LOG_LEVEL. */
  env?: Record<string, string>;
}

/** The production layout: the API and its workers on their own database and queue namespace. */
export interface PipelineStack {
  baseUrl: string;
  /** The bootstrap admin key the API was started with. */
  adminApiKey: string;
  databaseUrl: string;
  queuePrefix: string;
  services: BuiltService[];
  /** The environment API and workers were started with. */
  env: Record<string, string>;
  assertRunning(): void;
}

/**
 * Starts API and workers on a fresh database and a unique queue prefix. Everything it
 * creates is registered on `teardown`: processes stop before their data is removed.
 */
export async function startPipelineStack(teardown: Teardown, options: StackOptions): Promise<PipelineStack> {
  const database = await createTestDatabase('bench');
  teardown.add(`drop database ${database.name}`, database.drop);
  const queuePrefix = `pm-bench-${randomBytes(6).toString('hex')}`;
  teardown.add(`delete the Redis keys ${queuePrefix}:*`, () => removeQueueKeys(queuePrefix, REDIS_URL));
  const adminApiKey = `pm_bench-${randomBytes(18).toString('base64url')}`;
  // LOG_LEVEL passes through (LOG_LEVEL=debug npm run bench:… logs each repair's parts); nothing else of this shell does.
  const logLevel: Record<string, string> = process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {};
  const env = { DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: queuePrefix, MATCHING_CRON: 'off', ADMIN_API_KEY: adminApiKey, ...logLevel, ...options.env };

  // Port 0: the system picks a free port as the API binds it, so no other process can take it first.
  // The API migrates the fresh database; workers start after it, so they never race it.
  const api = startBuiltService(BUILT_API, { ...env, PORT: '0' }, { name: 'api', nodeOptions: cpuProfileOptions(options.apiCpuProfileDir, 'api') });
  teardown.add('stop the api', async () => void (await api.stop(options.apiCpuProfileDir ? 30_000 : STOP_GRACE_MS)));
  const [, port] = API_LISTENING.exec(await api.waitForLine(API_LISTENING, START_TIMEOUT_MS))!;
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${baseUrl}/health/live`, api);

  const services = [api];
  for (let number = 1; number <= options.workers; number++) {
    const worker = startBuiltService(BUILT_WORKER, env, { name: `worker-${number}`, nodeOptions: cpuProfileOptions(options.cpuProfileDir, `worker-${number}`) });
    teardown.add(`stop worker ${number}`, async () => void (await worker.stop(options.cpuProfileDir ? 30_000 : STOP_GRACE_MS)));
    services.push(worker);
  }
  await Promise.all(services.slice(1).map((worker) => worker.waitForLine('Worker ready', START_TIMEOUT_MS)));

  return {
    baseUrl,
    adminApiKey,
    databaseUrl: database.url,
    queuePrefix,
    services,
    env,
    assertRunning: () => services.forEach((service) => service.assertRunning()),
  };
}

/** A second API process on the stack's database and queues, with some variables changed; its base URL. */
export async function startExtraApi(teardown: Teardown, stack: PipelineStack, env: Record<string, string>, name: string): Promise<string> {
  const api = startBuiltService(BUILT_API, { ...stack.env, ...env, PORT: '0' }, { name });
  teardown.add(`stop ${name}`, async () => void (await api.stop(STOP_GRACE_MS)));
  const [, port] = API_LISTENING.exec(await api.waitForLine(API_LISTENING, START_TIMEOUT_MS))!;
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${baseUrl}/health/live`, api);
  stack.services.push(api);
  return baseUrl;
}

function cpuProfileOptions(directory: string | undefined, name: string): string[] {
  if (!directory) return [];
  mkdirSync(directory, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${directory}`, `--cpu-prof-name=${name}.cpuprofile`];
}

async function waitUntilAnswering(url: string, service: BuiltService): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    service.assertRunning();
    const status = await fetch(url).then((response) => response.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${START_TIMEOUT_MS} ms (last: ${status}); output:\n${service.output()}`);
    await sleep(100);
  }
}
