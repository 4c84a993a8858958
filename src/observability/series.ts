import type { Registry } from 'prom-client';

/** One label set's running totals: a counter's value, or a histogram's per-bucket counts, sum and count. */
export interface Series {
  value: number;
  sum: number;
  count: number;
  /** Observations per bucket (not cumulative); the last slot is past the highest bound. */
  buckets: number[];
}

interface Entry {
  labels: Record<string, string>;
  series: Series;
}

/**
 * A counter or histogram updated once per call. prom-client validates and hashes the label object on
 * every observation; here the caller names a label set with a key it builds anyway, the labels are only
 * made the first time a key is seen, and the text is built at scrape time by the registry this family is
 * registered in.
 */
export class Family {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'histogram',
    private readonly bounds: readonly number[] = [],
  ) {}

  /** Registers the family so the registry renders it with its own metrics. */
  in(registry: Registry): this {
    // prom-client renders any registered object that has a name, help, type and get().
    registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
    return this;
  }

  /** The series of one label set, made on first use. */
  of(key: string, labels: () => Record<string, string>): Series {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = {
        labels: labels(),
        series: { value: 0, sum: 0, count: 0, buckets: new Array(this.bounds.length + 1).fill(0) },
      };
      this.entries.set(key, entry);
    }
    return entry.series;
  }

  /** Adds one observation to a histogram series. */
  observe(series: Series, value: number): void {
    series.sum += value;
    series.count += 1;
    let bucket = 0;
    while (bucket < this.bounds.length && value > (this.bounds[bucket] as number)) bucket += 1;
    series.buckets[bucket] = (series.buckets[bucket] as number) + 1;
  }

  /** The family in prom-client's exposition shape. */
  get() {
    const values: Array<{ metricName?: string; labels: Record<string, string | number>; value: number }> = [];
    for (const { labels, series } of this.entries.values()) {
      if (this.type === 'counter') {
        values.push({ labels, value: series.value });
        continue;
      }
      let cumulative = 0;
      this.bounds.forEach((bound, index) => {
        cumulative += series.buckets[index] as number;
        values.push({
          metricName: `${this.name}_bucket`,
          labels: { ...labels, le: bound },
          value: cumulative,
        });
      });
      values.push({
        metricName: `${this.name}_bucket`,
        labels: { ...labels, le: '+Inf' },
        value: series.count,
      });
      values.push({ metricName: `${this.name}_sum`, labels, value: series.sum });
      values.push({ metricName: `${this.name}_count`, labels, value: series.count });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: 'sum' };
  }
}
