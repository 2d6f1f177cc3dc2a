import autocannon from 'autocannon';

export interface LoadOptions {
  baseUrl: string;
  /** Paths requested in turn, so the load spreads over many rows instead of one cached answer. */
  paths: readonly string[];
  headers: Record<string, string>;
  rate: number;
  durationSeconds: number;
}

export interface LoadFigures {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Enough sockets that 500 req/s never wait for a free one at a few ms each. */
const CONNECTIONS = 20;

/** A fixed request rate (autocannon's overallRate) for a fixed time, on loopback. */
export async function fixedRateLoad(options: LoadOptions): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url: options.baseUrl,
    connections: CONNECTIONS,
    overallRate: options.rate,
    duration: options.durationSeconds,
    headers: options.headers,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: options.paths[next++ % options.paths.length] }) }],
  });
  return {
    rps: result.requests.average,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}
