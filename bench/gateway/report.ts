/** The shape of a gateway bench report, as printed by `--json`. */

/** The things the bench puts load on, in the order it measures and prints them. */
export const targetNames = [
  'direct',
  'bare',
  'bare_recording',
  'strata_minimal',
  'strata_full',
  'strata_full_unobserved',
  'strata_full_no_traces',
  'strata_full_no_metrics',
  'strata_full_no_logs',
  'portkey',
  'strata_full_workers',
] as const;

/** One target of the race. */
export type TargetName = (typeof targetNames)[number];

/** The parts of the observability layer, each priced by a target that is `strata_full` with it off. */
export const observabilityParts = {
  traces: 'strata_full_no_traces',
  metrics: 'strata_full_no_metrics',
  logs: 'strata_full_no_logs',
} as const satisfies Record<string, TargetName>;

/** The targets a run races when `--targets` is not given: all but the part-by-part ones. */
export const raceTargetNames: TargetName[] = targetNames.filter(
  (name) => !(Object.values(observabilityParts) as TargetName[]).includes(name),
);

/** A paired CPU ratio: the median of the rounds' ratios and its 95% bootstrap interval (null under three rounds). */
export interface PairedRatio {
  ratio: number;
  interval: [number, number] | null;
}

/** Latency of one fixed-rate run: the load the target gets is the same whatever its speed. */
export interface FixedRateLatency {
  /** Requests per second asked for. */
  rate: number;
  /** Requests per second completed; below `rate` when the target cannot keep up. */
  requests_per_second: number;
  p50: number;
  p99: number;
  errors: number;
}

/** The measurements of one target in one mode. */
export interface TargetMeasurement {
  ok: true;
  description: string;
  /** Processes measured together (a cluster's primary and its workers). */
  processes: number;
  requests: number;
  /** At saturation: as many requests as the target answers with `connections` in flight. */
  requests_per_second: number;
  /** At saturation; for streams, to the last byte. */
  latency_ms: { p50: number; p90: number; p99: number; mean: number };
  /** At each fixed rate. */
  fixed_rate: FixedRateLatency[];
  /** One request at a time: from sending it to the first byte of the answer's body. */
  first_byte_ms: { p50: number; p99: number; mean: number };
  /** Connection errors, timeouts and non-2xx responses together. */
  errors: number;
  non2xx: number;
  /** User plus system CPU of the server's processes per completed request at saturation, in microseconds. */
  cpu_us_per_request: number;
  /** The same for the mock upstream behind it (for `direct`, the server is the mock). */
  upstream_cpu_us_per_request: number;
  /** RSS after start and one request, before any load. */
  idle_rss_mib: number;
  /** RSS at the end of the measured runs. */
  rss_mib: number;
  /** Peak RSS during warm-up and measurement when the kernel allows resetting it, else since start. */
  peak_rss_mib: number;
}

/** A target that could not be measured, and why; `skipped` when it was unavailable rather than broken. */
export interface TargetFailure {
  ok: false;
  description: string;
  error: string;
  skipped?: boolean;
}

/** One target's outcome. */
export type TargetResult = TargetMeasurement | TargetFailure;

/** Ratios within one mode; null when a side could not be measured. */
export interface GatewayRatios {
  /** Strata with everything on: its CPU per request over the bare pass-through's. */
  strata_full_vs_bare: number | null;
  /** Strata with everything on: its CPU per request over Portkey's. */
  strata_full_vs_portkey: number | null;
  strata_minimal_vs_bare: number | null;
  /**
   * The floor of a gateway that keeps a durable, priced row per call (`bare_recording`) over the bare
   * pass-through: how much of strata_full_vs_bare any recording gateway spends before keys, budgets,
   * limits or observability.
   */
  bare_recording_vs_bare: number | null;
  /**
   * What the observability layer costs: strata_full's CPU per request over the same config with it off,
   * the median of the rounds' paired ratios (each round runs the two back to back).
   */
  observability_cpu_vs_off: number | null;
  /** The 95% bootstrap interval of that median over the rounds: null under three rounds, absent without the pair. */
  observability_cpu_vs_off_interval?: [number, number] | null;
  /**
   * What each part costs: strata_full's CPU per request over the same config with only that part off,
   * paired by round as above; present for the parts whose target ran.
   */
  observability_parts?: Partial<Record<keyof typeof observabilityParts, PairedRatio>>;
  /**
   * The same pair loaded side by side: both at once, at one fixed rate, sharing the measured core, in
   * pairs of freshly started processes; the median of the pairs' ratios and its interval. Absent without
   * the pair or its windows.
   */
  observability_side_by_side?: PairedRatio;
  portkey_vs_bare: number | null;
  /** Milliseconds Strata with everything on adds to the time to first byte over the mock served directly. */
  strata_full_first_byte_added_ms: number | null;
  strata_full_latency_p50_vs_bare: number | null;
  strata_full_latency_p99_vs_bare: number | null;
  strata_full_rps_vs_bare: number | null;
  bare_cpu_vs_direct: number | null;
  /** Saturation throughput of Strata full with `--workers N` (all CPUs) over one worker (one CPU). */
  workers_vs_one_rps: number | null;
}

/** Everything measured in one mode (JSON answers or SSE streams). */
export interface ModeReport {
  mode: 'json' | 'stream';
  targets: Partial<Record<TargetName, TargetResult>>;
  ratios: GatewayRatios;
}

/** One acceptance goal and whether this run met it; null when not measured. */
export interface GoalResult {
  goal: string;
  value: number | null;
  comparison: 'at most' | 'at least';
  limit: number;
  met: boolean | null;
}

/** A full report of one bench run. */
export interface GatewayBenchReport {
  modes: ModeReport[];
  /** The ratios of the first mode measured: JSON answers unless only streams were asked for. */
  ratios: GatewayRatios;
  goals: GoalResult[];
  config: {
    modes: Array<'json' | 'stream'>;
    connections: number;
    duration_seconds: number;
    warmup_seconds: number;
    rounds: number;
    rates: number[];
    rate_duration_seconds: number;
    first_byte_requests: number;
    side_by_side_pairs: number;
    side_by_side_windows: number;
    side_by_side_rate: number;
    model: string;
    portkey_version: string;
  };
  machine: {
    cpus: number;
    cpu_model: string;
    node: string;
    platform: string;
    clock_ticks_per_second: number;
  };
}
