/** What the load-generator process is asked to do, passed to it as JSON in its first argument. */
export interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  body: string;
  /** Requests per second across all connections; absent, as fast as the target answers (saturation). */
  rate?: number;
}

/** What the first-byte probe process is asked to do: requests one at a time on one connection. */
export interface FirstByteSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  requests: number;
}

/** Time from sending a request to its first body byte, in milliseconds, over the probe's requests. */
export interface FirstByteResult {
  p50: number;
  p99: number;
  mean: number;
}

/** What the load-generator process prints on stdout as one JSON line when it is done. */
export interface LoadResult {
  /** Responses received in full, whatever their status. */
  completed: number;
  ok: number;
  non2xx: number;
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
}
