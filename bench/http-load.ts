import autocannon from 'autocannon';

export interface LoadOptions {
  baseUrl: string;
  /** Paths requested in turn, so the load spreads over many rows instead of one cached answer. */
  paths: readonly string[];
  headers: Record<string, string>;
  /** Headers of the request at this index on top of `headers` (e.g. each partner's own key). */
  headersFor?: (index: number) => Record<string, string>;
  rate: number;
  durationSeconds: number;
  connections: number;
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

/**
 * A fixed request rate (autocannon's overallRate) for a fixed time, on loopback.
 *
 * How autocannon keeps a rate shapes the figures: each connection sends its share of the
 * second's requests back to back as soon as the second starts, then waits for the next — so
 * `connections` requests are in flight at once for part of every second, a harsher load than
 * the same rate spread evenly (which keeps about one in flight at these latencies). Its
 * coordinated-omission correction is off: with overallRate it assumes one request every
 * ceil(1000 / rate per connection / 1000) = 1 ms per connection and adds a made-up sample for
 * every millisecond any response took beyond that, which describes no schedule it keeps.
 */
export async function fixedRateLoad(options: LoadOptions): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    overallRate: options.rate,
    ignoreCoordinatedOmission: true,
    duration: options.durationSeconds,
    headers: options.headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const index = next++;
          const path = options.paths[index % options.paths.length];
          return options.headersFor ? { ...request, path, headers: { ...request.headers, ...options.headersFor(index) } } : { ...request, path };
        },
      },
    ],
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
