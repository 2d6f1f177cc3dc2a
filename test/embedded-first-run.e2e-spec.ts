import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bearer } from './support/api-keys';
import { BUILT_API, freePort, startBuiltService, type BuiltService } from './support/built-service';

/**
 * The owner's aim for a read's wait while the first run writes its lists (issue 16, item 9).
 * Printed beside the measured waits, not asserted: speed is shown by figures, and a busy
 * machine stretches every wait; what the test asserts is that no read fails or times out.
 */
const TARGET_WAIT_MS = 200;

interface Sample {
  route: string;
  status: number;
  ms: number;
}

/**
 * PGlite has one connection: the first start's run once wrote a shard's lists in one
 * transaction, and /health/ready answered 503 (its 2 s timeout) while every read waited.
 */
describe('embedded default: reads during the first start\'s run (built app, PGlite, 300 demo partners)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'partnermatch-first-run-'));
  let service: BuiltService | undefined;
  const samples: Sample[] = [];
  let first: string | undefined;
  let last: string | undefined;

  const longest = (route: string) => Math.round(Math.max(0, ...samples.filter((sample) => sample.route === route).map((sample) => sample.ms)));
  const routes = () => [...new Set(samples.map((sample) => sample.route))];

  beforeAll(async () => {
    const port = await freePort();
    service = startBuiltService(BUILT_API, { PORT: String(port), DATA_DIR: dataDir });
    await service.waitForOutput('API on', 90_000);
    const adminKey = /shown this once: (pm_[\w-]+)/.exec(service.output())?.[1] ?? '';
    const base = `http://127.0.0.1:${port}`;
    const timed = async (route: string, headers: Record<string, string> = {}) => {
      const started = performance.now();
      try {
        const response = await fetch(`${base}${route}`, { headers, signal: AbortSignal.timeout(10_000) });
        const body = await response.json();
        samples.push({ route, status: response.status, ms: performance.now() - started });
        return body;
      } catch {
        // No answer within 10 s (the old single-transaction shard write): status 0.
        samples.push({ route, status: 0, ms: performance.now() - started });
        return {};
      }
    };
    const runStatus = async () => ((await timed('/v1/matching/runs?limit=1', bearer(adminKey))) as { items?: { status: string }[] }).items?.[0]?.status;

    first = await runStatus();
    last = first;
    const deadline = Date.now() + 120_000;
    while (last !== 'completed' && last !== 'failed' && Date.now() < deadline) {
      await timed('/health/ready');
      await timed('/v1/partners?limit=1', bearer(adminKey));
      last = await runStatus();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    console.log(`first run: ${samples.length} reads, longest wait ${routes().map((route) => `${route} ${longest(route)} ms`).join(', ')}`);
  }, 240_000);

  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('polled while the run was going on, and the run completed', () => {
    expect(['queued', 'running']).toContain(first);
    expect(last).toBe('completed');
  });

  it('answers /health/ready and the read routes with 200 throughout the run', () => {
    expect(samples.length).toBeGreaterThan(3);
    expect(samples.filter((sample) => sample.status !== 200)).toEqual([]);
  });

  it('reports the longest wait of each read beside the target', () => {
    const waits = Object.fromEntries(routes().map((route) => [route, Math.round(longest(route))]));
    console.log(`longest wait during the first run (target ${TARGET_WAIT_MS} ms): ${JSON.stringify(waits)}`);
    expect(Object.keys(waits).length).toBeGreaterThan(0);
  });
});
