/** The shape of a gateway bench report, as printed by `--json`. */

/** The three things the bench puts load on. */
export type TargetName = 'direct' | 'bare' | 'strata';

/** The measurements of one target in one mode. */
export interface TargetMeasurement {
  ok: true;
  description: string;
  requests: number;
  requests_per_second: number;
  latency_ms: { p50: number; p90: number; p99: number; mean: number };
  /** Connection errors, timeouts and non-2xx responses together. */
  errors: number;
  non2xx: number;
  /** User plus system CPU of the server process per completed request, in microseconds. */
  cpu_us_per_request: number;
  /** The same for the mock upstream behind it (for `direct`, the server is the mock). */
  upstream_cpu_us_per_request: number;
  rss_mib: number;
  /** Peak RSS during warm-up and measurement when the kernel allows resetting it, else since start. */
  peak_rss_mib: number;
}

/** A target that could not be measured, and why. */
export interface TargetFailure {
  ok: false;
  description: string;
  error: string;
}

/** One target's outcome. */
export type TargetResult = TargetMeasurement | TargetFailure;

/** The ratios that say what Strata costs over the floor; null when a side could not be measured. */
export interface GatewayRatios {
  /** Strata's server CPU per request over the bare pass-through's, same run. */
  strata_full_vs_bare: number | null;
  strata_latency_p50_vs_bare: number | null;
  strata_latency_p99_vs_bare: number | null;
  strata_rps_vs_bare: number | null;
  bare_cpu_vs_direct: number | null;
}

/** A full report of one bench run. */
export interface GatewayBenchReport {
  targets: Record<TargetName, TargetResult>;
  ratios: GatewayRatios;
  /** The acceptance goal: Strata's CPU per request at most `max` times the bare pass-through's. */
  goal: { ratio: 'strata_full_vs_bare'; max: number; met: boolean | null };
  config: {
    mode: 'json' | 'stream';
    connections: number;
    duration_seconds: number;
    warmup_seconds: number;
    rounds: number;
    model: string;
    request_bytes: number;
  };
  machine: {
    cpus: number;
    cpu_model: string;
    node: string;
    platform: string;
    clock_ticks_per_second: number;
  };
}
