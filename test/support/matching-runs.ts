import { getJson } from './built-service';
import { bearer } from './api-keys';
import { eventually } from './eventually';
import type { RunningApi } from './running-services';

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
