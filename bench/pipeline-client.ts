/** What the benchmark reads of a run (see MatchingRunDto). */
export interface RunRecord {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  partnerCount: number | null;
  shardCount: number | null;
  suggestionCount: number | null;
  error: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The public API calls the benchmark times; any unexpected status is an error. */
export class PipelineClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  startRun(): Promise<RunRecord> {
    return this.request('POST', '/v1/matching/runs', 202);
  }

  run(id: string): Promise<RunRecord> {
    return this.request('GET', `/v1/matching/runs/${id}`, 200);
  }

  /** The first page of the partner's list as "candidate:score", enough to tell two lists apart. */
  async suggestionKeys(partnerId: string): Promise<string[]> {
    const page = await this.request<{ items: { candidate: { id: string }; score: number }[] }>('GET', `/v1/partners/${partnerId}/suggestions?view=team`, 200);
    return page.items.map((item) => `${item.candidate.id}:${item.score}`);
  }

  async patchPartner(partnerId: string, changes: Record<string, unknown>): Promise<void> {
    await this.request('PATCH', `/v1/partners/${partnerId}`, 200, changes);
  }

  private async request<T>(method: string, path: string, expected: number, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${path}: ${response.status} (expected ${expected}): ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }
}
