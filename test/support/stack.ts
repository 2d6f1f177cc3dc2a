import { MATCHING_QUEUE, redisConnectionOptions } from '@app/queue';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { insertNetwork, type Network } from './network';
import { removeQueueKeys, TEST_REDIS_URL, uniqueQueuePrefix } from './queue-namespace';
import { serviceEnv, startApi, type RunningApi } from './running-services';
import { createTestDatabase, type TestDatabase } from './test-database';

/** One database with its API and queue namespace. */
export interface Stack {
  queuePrefix: string;
  database: TestDatabase;
  client: Client;
  api: RunningApi;
  queue: Queue;
}

/** A database holding `network`, its API on BullMQ, and the queue to watch; no worker yet. */
export async function openStack(label: string, network: Network): Promise<Stack> {
  const stack: Partial<Stack> & { queuePrefix: string } = { queuePrefix: uniqueQueuePrefix(label) };
  try {
    stack.database = await createTestDatabase(label);
    stack.client = new Client({ connectionString: stack.database.url });
    await stack.client.connect();
    // The API migrates the database at start-up; the rows go in afterwards.
    stack.api = await startApi(serviceEnv(stack.database.url, stack.queuePrefix));
    await insertNetwork(stack.client, network);
    stack.queue = new Queue(MATCHING_QUEUE, { connection: redisConnectionOptions(TEST_REDIS_URL), prefix: stack.queuePrefix });
    return stack as Stack;
  } catch (error) {
    await closeStack(stack);
    throw error;
  }
}

/** Stops and removes whatever of a stack was started. */
export async function closeStack(stack: (Partial<Stack> & { queuePrefix: string }) | undefined): Promise<void> {
  if (!stack) return;
  await stack.queue?.close();
  await stack.api?.service.stop();
  await stack.client?.end();
  await stack.database?.drop();
  await removeQueueKeys(stack.queuePrefix);
}
