import { performance } from 'node:perf_hooks';
import { sleep } from '../test/support/built-service';
import type { PartnerEdit } from './partner-edits';
import type { PipelineClient, RunRecord } from './pipeline-client';
import type { PipelineStack } from './pipeline-stack';

/** Epoch milliseconds with sub-millisecond precision, comparable with BullMQ's job timestamps. */
export const now = () => performance.timeOrigin + performance.now();

const RUN_POLL_MS = 20;
export const LIST_POLL_MS = 5;
const RUN_TIMEOUT_MS = 30 * 60_000;
export const EDIT_TIMEOUT_MS = 30_000;

/** Reads until `done` holds; undefined after `timeoutMs`. Checks the services are alive on every round. */
async function pollUntil<T>(
  stack: PipelineStack,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  intervalMs: number,
  timeoutMs: number,
  readDurations: number[] = [],
): Promise<T | undefined> {
  const deadline = now() + timeoutMs;
  for (;;) {
    const readStarted = now();
    const value = await read();
    readDurations.push(now() - readStarted);
    if (done(value)) return value;
    stack.assertRunning();
    if (now() > deadline) return undefined;
    await sleep(intervalMs);
  }
}

export interface FullRunTiming {
  sentAt: number;
  seenAt: number;
  run: RunRecord;
}

/** From POST /v1/matching/runs until the run is completed and `samplePartnerId`'s list can be read. */
export async function timeFullRun(client: PipelineClient, stack: PipelineStack, samplePartnerId: string): Promise<FullRunTiming> {
  const sentAt = now();
  const { id } = await client.startRun();
  const run = await pollUntil(stack, () => client.run(id), (record) => record.status === 'completed' || record.status === 'failed', RUN_POLL_MS, RUN_TIMEOUT_MS);
  if (!run) throw new Error(`run ${id} did not finish within ${RUN_TIMEOUT_MS / 60_000} minutes`);
  if (run.status === 'failed') throw new Error(`run ${id} failed: ${run.error}`);
  const list = await pollUntil(stack, () => client.suggestionKeys(samplePartnerId), (keys) => keys.length > 0, LIST_POLL_MS, EDIT_TIMEOUT_MS);
  if (!list) throw new Error(`run ${id} completed but partner ${samplePartnerId} has no suggestions`);
  return { sentAt, seenAt: now(), run };
}

export interface EditTiming {
  partnerId: string;
  sentAt: number;
  answeredAt: number;
  /** Undefined when the list had not changed after EDIT_TIMEOUT_MS. */
  seenAt?: number;
  /** How long each GET of the list took while waiting: the polling itself loads the API and database. */
  readDurations: number[];
}

/** One edit at a time: PATCH, then read the partner's list every few ms until it differs from before. */
export async function timeEdits(client: PipelineClient, stack: PipelineStack, edits: readonly PartnerEdit[]): Promise<EditTiming[]> {
  const timings: EditTiming[] = [];
  for (const edit of edits) {
    const before = (await client.suggestionKeys(edit.partnerId)).join();
    const sentAt = now();
    await client.patchPartner(edit.partnerId, edit.changes);
    const answeredAt = now();
    const readDurations: number[] = [];
    const changed = await pollUntil(stack, () => client.suggestionKeys(edit.partnerId), (keys) => keys.join() !== before, LIST_POLL_MS, EDIT_TIMEOUT_MS, readDurations);
    timings.push({ partnerId: edit.partnerId, sentAt, answeredAt, seenAt: changed ? now() : undefined, readDurations });
  }
  return timings;
}
