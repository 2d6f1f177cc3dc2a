import { eventually } from './eventually';
import type { TestApp } from './test-app';

/** Starts a full matching run and waits until it ended; throws unless it completed. */
export async function completeFullRun(api: TestApp): Promise<void> {
  const started = await api.http().post('/v1/matching/runs').expect(202);
  const run = await eventually(
    async () => (await api.http().get(`/v1/matching/runs/${started.body.id}`).expect(200)).body,
    (current) => current.status === 'completed' || current.status === 'failed',
  );
  if (run.status !== 'completed') throw new Error(`run ${started.body.id} ended ${run.status}: ${JSON.stringify(run)}`);
}
