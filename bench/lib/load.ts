import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  mean: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  durationSeconds: number;
  /** fixed-rate mode (requests per second over all connections): for latency, not throughput */
  rate?: number;
  /** changes each request before it is sent (e.g. a different credential per request) */
  setupRequest?: (request: { headers?: Record<string, string> }) => { headers?: Record<string, string> };
}

/** One autocannon run. */
export function load(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        method: options.method ?? 'GET',
        headers: options.headers,
        body: options.body,
        connections: options.connections ?? 10,
        duration: options.durationSeconds,
        ...(options.rate ? { overallRate: options.rate } : {}),
        ...(options.setupRequest ? { requests: [{ setupRequest: options.setupRequest as never }] } : {}),
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          requestsPerSecond: result.requests.average,
          mean: result.latency.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors,
          total: result.requests.total,
        });
      },
    );
  });
}
