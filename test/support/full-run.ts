import { eventually } from './eventually';
import type { TestApp } from './test-app';

/** A run as GET /v1/matching/runs/{id} answers it. */
export type RunBody = { id: string; status: 'queued' | 'running' | 'completed' | 'failed'; error: string | null } & Record<string, unknown>;

/** Waits until the run has ended, either way, and returns it. */
export function finishedRunOf(api: TestApp, runId: string): Promise<RunBody> {
  return eventually(
    async () => (await api.http().get(`/v1/matching/runs/${runId}`).expect(200)).body as RunBody,
    (run) => run.status === 'completed' || run.status === 'failed',
  );
}

/** Starts a full matching run and returns it once it has ended, either way. */
export async function finishFullRun(api: TestApp): Promise<RunBody> {
  const started = await api.http().post('/v1/matching/runs').expect(202);
  return finishedRunOf(api, started.body.id);
}

/** Starts a full matching run and waits until it ended; throws unless it completed. */
export async function completeFullRun(api: TestApp): Promise<RunBody> {
  const run = await finishFullRun(api);
  if (run.status !== 'completed') throw new Error(`run ${run.id} ended ${run.status}: ${JSON.stringify(run)}`);
  return run;
}
