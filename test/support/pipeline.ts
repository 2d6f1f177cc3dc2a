import { randomBytes } from 'node:crypto';
import {
  buildMatchContext,
  buildSuggestions,
  DEFAULT_MATCHING_PROFILE,
  pairKey,
  rankAllPairs,
  type Connection,
  type PartnerProfile,
} from '@app/matching';
import { generateSyntheticConnections, generateSyntheticProfiles, type SyntheticPartner } from '@app/matching/synthetic';
import { MATCHING_QUEUE, redisConnectionOptions } from '@app/queue';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { BUILT_API, BUILT_WORKER, freePort, getJson, startBuiltService, type BuiltService } from './built-service';
import { eventually } from './eventually';
import { createTestDatabase, type TestDatabase } from './test-database';
import { bearer, TEST_ADMIN_API_KEY } from './api-keys';

/** The real Redis of the development and CI machines; override for another server. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue namespace of one's own, so parallel test files never take each other's jobs. */
export function uniqueQueuePrefix(label: string): string {
  return `pm-test-${label}-${randomBytes(4).toString('hex')}`;
}

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

/** Deletes every key of a queue namespace. */
export async function removeQueueKeys(queuePrefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${queuePrefix}:*`, count: 500 })) keys.push(...(batch as string[]));
    for (let start = 0; start < keys.length; start += 500) await redis.del(...keys.slice(start, start + 500));
  } finally {
    redis.disconnect();
  }
}

export interface RunStatus {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  partnerCount: number | null;
  shardCount: number | null;
  shardsCompleted: number;
  suggestionCount: number | null;
  error: string | null;
}

/** POST /v1/matching/runs; returns the new run's id. */
export async function requestRun(api: RunningApi): Promise<string> {
  const response = await fetch(`${api.baseUrl}/v1/matching/runs`, { method: 'POST', headers: bearer() });
  if (response.status !== 202) throw new Error(`run not accepted: ${response.status} ${await response.text()}`);
  return ((await response.json()) as RunStatus).id;
}

export async function runStatus(api: RunningApi, runId: string): Promise<RunStatus> {
  return (await getJson<RunStatus>(`${api.baseUrl}/v1/matching/runs/${runId}`)).body;
}

/** Waits until the run has finished, either way, and returns its final state. */
export function finishedRun(api: RunningApi, runId: string, timeoutMs: number): Promise<RunStatus> {
  return eventually(
    () => runStatus(api, runId),
    (run) => run.status === 'completed' || run.status === 'failed',
    timeoutMs,
  );
}

/** Partners and connections as the test stores them; partners in id order (the order the jobs load them in). */
export interface Network {
  partners: SyntheticPartner[];
  connections: Connection[];
}

export function syntheticNetwork(count: number, seed: number): Network {
  const partners = generateSyntheticProfiles({ count, seed }).sort((a, b) => (a.id < b.id ? -1 : 1));
  return { partners, connections: generateSyntheticConnections(partners, { seed, perPartner: 1.5 }) };
}

/** Writes partners and connections with a few multi-row statements (the API has migrated the database). */
export async function insertNetwork(client: Client, network: Network): Promise<void> {
  const partnerRows = network.partners.map((partner, index) => ({
    id: partner.id,
    slug: `pipeline-partner-${index}`,
    name: `Pipeline Partner ${index}`,
    sector: partner.sector,
    scope: partner.scope,
    gemeenten: partner.gemeenten,
    leefdomeinen: partner.leefdomeinen,
    opgaven: partner.opgaven,
    kennisbronnen: partner.kennisbronnen,
    offers: partner.offers,
    needs: partner.needs,
    matching_opt_out: partner.matchingOptOut ?? false,
  }));
  const connectionRows = network.connections.map(({ a, b }) => (a < b ? { partner_a_id: a, partner_b_id: b } : { partner_a_id: b, partner_b_id: a }));
  await insertRows(client, 'partner', partnerRows);
  await insertRows(client, 'connection', connectionRows);
}

/** Copies every partner and connection, ids and timestamps included, from one database to another. */
export async function copyNetwork(from: Client, to: Client): Promise<void> {
  for (const table of ['partner', 'connection']) {
    const { rows } = await from.query(`SELECT * FROM ${table}`);
    await insertRows(to, table, rows);
  }
}

async function insertRows(client: Client, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).join(', ');
  await client.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_populate_recordset(null::${table}, $1::json)`, [JSON.stringify(rows)]);
}

export interface ListEntry {
  candidateId: string;
  score: number;
}

export type Lists = Map<string, ListEntry[]>;

/** The matching core's answer, computed the way a shard job does; partners without a list are absent. */
export async function coreLists(profiles: readonly PartnerProfile[], connections: readonly Connection[]): Promise<Lists> {
  const options = { profile: DEFAULT_MATCHING_PROFILE, connections };
  // One thread: kernel worker threads would compile the TypeScript sources anew under ts-jest.
  const ranked = await rankAllPairs(profiles, { ...options, threads: 1 });
  const context = buildMatchContext(options);
  const byId = new Map(profiles.map((partner) => [partner.id, partner]));
  const lists: Lists = new Map();
  for (const viewer of profiles) {
    const suggestions = buildSuggestions(viewer, ranked.list(viewer.id), (id) => byId.get(id), context);
    if (suggestions.length > 0) lists.set(viewer.id, suggestions.map(({ candidateId, score }) => ({ candidateId, score })));
  }
  return lists;
}

export function rowCount(lists: Map<string, unknown[]>): number {
  return [...lists.values()].reduce((sum, list) => sum + list.length, 0);
}

export interface StoredRow extends ListEntry {
  rank: number;
}

export interface StoredLists {
  runId: string | null;
  lists: Map<string, StoredRow[]>;
  /** Rows of the `suggestion` table in any run, to see leftovers of other runs. */
  rowsInTable: number;
}

/** The lists readers see: the active run's rows, in rank order. */
export async function storedLists(client: Client): Promise<StoredLists> {
  const { rows: state } = await client.query(`SELECT value->>'runId' AS "runId" FROM system_state WHERE key = 'active-run'`);
  const runId: string | null = state[0]?.runId ?? null;
  const { rows } = await client.query(
    `SELECT partner_id AS "partnerId", rank, candidate_id AS "candidateId", score FROM suggestion WHERE run_id = $1 ORDER BY partner_id, rank`,
    [runId],
  );
  const lists = new Map<string, StoredRow[]>();
  for (const { partnerId, ...row } of rows) {
    const list = lists.get(partnerId) ?? [];
    list.push(row);
    lists.set(partnerId, list);
  }
  const { rows: counted } = await client.query(`SELECT count(*)::int AS count FROM suggestion`);
  return { runId, lists, rowsInTable: counted[0].count };
}

/** Partners whose stored ranks are not exactly 1..n. */
export function brokenRankings(lists: Map<string, StoredRow[]>): string[] {
  return [...lists].filter(([, list]) => list.some((row, index) => row.rank !== index + 1)).map(([partnerId]) => partnerId);
}

/** Same candidates in the same order, scores within 1e-9. */
function sameList(a: readonly ListEntry[], b: readonly ListEntry[]): boolean {
  return a.length === b.length && a.every((entry, index) => entry.candidateId === b[index].candidateId && Math.abs(entry.score - b[index].score) < 1e-9);
}

/** Partners whose list is not the same in both. */
export function differingLists(actual: Map<string, ListEntry[]>, expected: Lists): string[] {
  return [...new Set([...actual.keys(), ...expected.keys()])].filter((id) => !sameList(actual.get(id) ?? [], expected.get(id) ?? []));
}

/** Where two sets of lists differ, described for a failure message: empty when they agree. */
export function listDifferences(actual: Map<string, ListEntry[]>, expected: Lists, shown = 5): string[] {
  const differing = differingLists(actual, expected);
  const brief = (list: ListEntry[] | undefined) => (list ?? []).map((entry) => `${entry.candidateId.slice(0, 8)}:${entry.score.toFixed(12)}`).join(' ');
  const described = differing.slice(0, shown).map((id) => `${id}\n  expected ${brief(expected.get(id))}\n  actual   ${brief(actual.get(id))}`);
  return differing.length > shown ? [...described, `… and ${differing.length - shown} more of ${differing.length} differing lists`] : described;
}

/** Why `candidate` may not be in `viewer`'s list, or null when it may. */
export function exclusionOf(viewer: PartnerProfile, candidate: PartnerProfile | undefined, connected: ReadonlySet<string>): string | null {
  if (!candidate) return 'unknown partner';
  if (candidate.id === viewer.id) return 'self';
  if (candidate.matchingOptOut) return 'opted out';
  if (connected.has(pairKey(viewer.id, candidate.id))) return 'already connected';
  return null;
}

/**
 * Runs `work` while sampling which BullMQ worker holds the lock of each active shard job.
 * A lock token is `<worker id>:<counter>`, and each worker process runs one worker.
 */
export async function shardHoldersDuring<T>(queue: Queue, work: () => Promise<T>): Promise<{ result: T; workerIdsByShard: Map<string, Set<string>> }> {
  const workerIdsByShard = new Map<string, Set<string>>();
  const redis = new Redis(TEST_REDIS_URL);
  let stopped = false;
  const sampling = (async () => {
    while (!stopped) {
      for (const job of await queue.getActive()) {
        if (job.name !== 'score-shard' || !job.id) continue;
        const token = await redis.get(`${queue.toKey(job.id)}:lock`);
        if (token) workerIdsByShard.set(job.id, (workerIdsByShard.get(job.id) ?? new Set()).add(token.split(':')[0]));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    return { result: await work(), workerIdsByShard };
  } finally {
    stopped = true;
    await sampling.finally(() => redis.disconnect());
  }
}

/** Whether a worker is processing a shard job right now. */
export async function shardInFlight(queue: Queue): Promise<boolean> {
  return (await queue.getActive()).some((job) => job.name === 'score-shard');
}

/** Waits for the middle of a sharded run: one shard written and the next one being scored. */
export async function midShard(api: RunningApi, queue: Queue, runId: string): Promise<void> {
  await eventually(
    async () => ({ run: await runStatus(api, runId), scoring: await shardInFlight(queue) }),
    ({ run, scoring }) => run.status === 'running' && run.shardsCompleted === 1 && scoring,
    60_000,
  );
}

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
