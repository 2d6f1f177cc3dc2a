import { fixedRateLoad, type LoadFigures } from './http-load';
import type { PipelineStack } from './pipeline-stack';

export interface PreviewLoad {
  quiet: LoadFigures;
  during: LoadFigures;
  previewMs: number[];
}

/**
 * GET /health/live at `rate` for `durationSeconds` on the quiet API (the baseline), then as
 * long again while what-if previews of a changed profile run back to back. Each preview must
 * compare at least `minCompared` lists.
 */
export async function healthDuringPreviews(stack: PipelineStack, options: { rate: number; durationSeconds: number; minCompared: number }): Promise<PreviewLoad> {
  const headers = { authorization: `Bearer ${stack.adminApiKey}` };
  const health = () => fixedRateLoad({ baseUrl: stack.baseUrl, paths: ['/health/live'], headers, rate: options.rate, durationSeconds: options.durationSeconds, connections: 2 });
  const quiet = await health();
  stack.assertRunning();
  const body = await proposedProfile(stack.baseUrl, headers);
  const previewMs: number[] = [];
  let loading = true;
  const previews = (async () => {
    while (loading) {
      const started = performance.now();
      const response = await fetch(`${stack.baseUrl}/v1/matching/profile/preview`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
      if (response.status !== 200) throw new Error(`POST /v1/matching/profile/preview: ${response.status} ${await response.text()}`);
      const preview = (await response.json()) as { partnersCompared: number };
      if (preview.partnersCompared < options.minCompared) throw new Error(`the preview compared ${preview.partnersCompared} lists, expected at least ${options.minCompared}`);
      previewMs.push(performance.now() - started);
    }
  })();
  const during = await health();
  loading = false;
  await previews;
  stack.assertRunning();
  return { quiet, during, previewMs };
}

/** The active profile as GET answers it, with the diversity changed: a preview with lists that differ. */
async function proposedProfile(baseUrl: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/matching/profile`, { headers });
  if (response.status !== 200) throw new Error(`GET /v1/matching/profile: ${response.status}`);
  const profile = (await response.json()) as { diversity: number; weights: Record<string, number> };
  return JSON.stringify({ ...profile, diversity: profile.diversity > 0.5 ? 0.2 : 0.8, weights: { ...profile.weights, opgaven: profile.weights.opgaven + 1 } });
}
