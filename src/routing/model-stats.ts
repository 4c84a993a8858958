/** Latency and load observed per `provider/model`, in this process. */
export interface ModelStats {
  /** Exponentially weighted moving average of successful attempt latencies, ms; undefined before any. */
  latency(key: string): number | undefined;
  /** The given percentile (0..100) of recent latencies, or undefined with fewer than `minSamples`. */
  percentile(key: string, percentile: number, minSamples: number): number | undefined;
  /** Attempts running now. */
  inFlight(key: string): number;
  /** Marks an attempt started; the returned function marks it finished, with its latency when it succeeded. */
  start(key: string): (latencyMs?: number) => void;
}

interface Entry {
  ewma: number | undefined;
  recent: number[];
  next: number;
  inFlight: number;
}

/** How many recent latencies the percentile is read from. */
const window = 128;

/** Builds the in-process stats; `alpha` weighs the newest latency in the moving average. */
export function createModelStats(alpha = 0.3): ModelStats {
  const entries = new Map<string, Entry>();
  const entry = (key: string): Entry => {
    let found = entries.get(key);
    if (!found) {
      found = { ewma: undefined, recent: [], next: 0, inFlight: 0 };
      entries.set(key, found);
    }
    return found;
  };
  return {
    latency: (key) => entries.get(key)?.ewma,
    percentile(key, percentile, minSamples) {
      const recent = entries.get(key)?.recent;
      if (!recent || recent.length < minSamples) return undefined;
      const sorted = [...recent].sort((a, b) => a - b);
      const rank = Math.min(sorted.length - 1, Math.ceil((percentile / 100) * sorted.length) - 1);
      return sorted[Math.max(0, rank)];
    },
    inFlight: (key) => entries.get(key)?.inFlight ?? 0,
    start(key) {
      const found = entry(key);
      found.inFlight++;
      let done = false;
      return (latencyMs) => {
        if (done) return;
        done = true;
        found.inFlight--;
        if (latencyMs === undefined) return;
        found.ewma = found.ewma === undefined ? latencyMs : alpha * latencyMs + (1 - alpha) * found.ewma;
        if (found.recent.length < window) found.recent.push(latencyMs);
        else found.recent[found.next] = latencyMs;
        found.next = (found.next + 1) % window;
      };
    },
  };
}
