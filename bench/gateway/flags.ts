/**
 * The gateway bench's flags as parseArgs options: one table for `strata bench gateway` and the bench's
 * own entry. It imports nothing, so the CLI can read it at start without loading the bench.
 */
export const gatewayBenchFlags = {
  json: { type: 'boolean', default: false },
  stream: { type: 'boolean', default: false },
  modes: { type: 'string' },
  connections: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  rounds: { type: 'string' },
  rates: { type: 'string' },
  'rate-duration': { type: 'string' },
  'first-byte-requests': { type: 'string' },
  'side-by-side-pairs': { type: 'string' },
  'side-by-side-windows': { type: 'string' },
  'side-by-side-rate': { type: 'string' },
  targets: { type: 'string' },
  workers: { type: 'string' },
  'no-portkey': { type: 'boolean', default: false },
  plot: { type: 'string' },
} as const;

/** Parsed flag values of the gateway bench. */
export type GatewayBenchFlagValues = {
  [name in keyof typeof gatewayBenchFlags]?: (typeof gatewayBenchFlags)[name]['type'] extends 'boolean'
    ? boolean
    : string;
};
