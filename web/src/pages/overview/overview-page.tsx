import { useState } from 'react';
import type { SpendGroup, StatPoint } from '../../api.js';
import { FirstCallGuide } from '../../components/first-call-guide.js';
import { LoadedView } from '../../components/loaded-view.js';
import { type Period, PeriodPicker, periodStart, periods } from '../../components/period-picker.js';
import { StatTile } from '../../components/stat-tile.js';
import { TimeSeriesChart } from '../../components/time-series-chart.js';
import { count, duration, percent, usd } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';
import { TopList } from './top-list.js';

interface OverviewData {
  series: StatPoint[];
  byModel: SpendGroup[];
  byKey: SpendGroup[];
  byRoute: StatPoint[];
  cacheEnabled: boolean;
}

function totals(series: StatPoint[]) {
  const requests = series.reduce((sum, point) => sum + point.requests, 0);
  const errors = series.reduce((sum, point) => sum + point.errors, 0);
  const cost = series.reduce((sum, point) => sum + point.cost_usd, 0);
  const tokens = series.reduce((sum, point) => sum + point.input_tokens + point.output_tokens, 0);
  const cacheHits = series.reduce((sum, point) => sum + point.cache_hits, 0);
  const saved = series.reduce((sum, point) => sum + point.saved_usd, 0);
  // The busiest bucket's percentiles stand for the period; the exact figure needs the raw rows.
  const busiest = [...series].sort((a, b) => b.requests - a.requests)[0];
  return {
    requests,
    errors,
    cost,
    tokens,
    cacheHits,
    saved,
    p50: busiest?.latency_ms.p50,
    p95: busiest?.latency_ms.p95,
  };
}

/** A bucket's name on the time axis: `2026-12-07T10` (an hour) is `10:00`, a day is `12-07`. */
function bucketLabel(bucket: string): string {
  if (bucket.length === 13) return `${bucket.slice(11, 13)}:00`;
  if (bucket.length >= 16) return bucket.slice(11, 16);
  return bucket.slice(5, 10);
}

/** Requests, cost, tokens, latency and errors over a chosen period, with the top models, keys and routes. */
export default function OverviewPage() {
  const { api } = useSignedIn();
  const [period, setPeriod] = useState<Period>('24h');
  const loaded = useLoad<OverviewData>(async () => {
    const from = periodStart(period);
    const bucket = periods[period].bucket;
    const [series, byModel, byKey, byRoute, settings] = await Promise.all([
      api.stats(bucket, { from }),
      api.spend('model', from),
      api.spend('key', from),
      api.stats(bucket, { from }, 'model'),
      api.settings(),
    ]);
    const cache = settings.config.cache as { enabled?: boolean } | undefined;
    return { series, byModel, byKey, byRoute, cacheEnabled: cache?.enabled === true };
  }, [api, period]);

  return (
    <>
      <div className="page-heading">
        <h1>Overview</h1>
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      <LoadedView loaded={loaded}>
        {(data) => {
          const total = totals(data.series);
          if (total.requests === 0) return <FirstCallGuide />;
          const points = data.series.map((point) => ({
            label: bucketLabel(point.bucket),
            requests: point.requests,
            errors: point.errors,
            error_rate: point.error_rate,
            cost: point.cost_usd,
            input: point.input_tokens,
            output: point.output_tokens,
            p50: point.latency_ms.p50,
            p95: point.latency_ms.p95,
            hit_rate: point.cache_hit_rate,
            saved: point.saved_usd,
          }));
          const routes = new Map<string, number>();
          for (const point of data.byRoute)
            routes.set(point.group ?? '—', (routes.get(point.group ?? '—') ?? 0) + point.requests);
          return (
            <>
              <dl className="stat-tiles">
                <StatTile label="Requests" value={count(total.requests)} />
                <StatTile label="Cost" value={usd(total.cost)} />
                <StatTile label="Tokens" value={count(total.tokens)} />
                <StatTile
                  label="Latency p50 / p95"
                  value={`${duration(total.p50)} / ${duration(total.p95)}`}
                />
                <StatTile
                  label="Error rate"
                  value={percent(total.errors / total.requests)}
                  detail={`${count(total.errors)} errors`}
                />
                <StatTile
                  label="Cache hit rate"
                  value={percent(total.cacheHits / total.requests)}
                  detail={
                    data.cacheEnabled
                      ? `${count(total.cacheHits)} answered from the cache`
                      : 'the cache is off (cache.enabled in strata.yaml)'
                  }
                />
                <StatTile label="Cache savings" value={usd(total.saved)} />
              </dl>
              <div className="chart-grid">
                <TimeSeriesChart
                  title="Requests"
                  summary={`${count(total.requests)} in the period`}
                  points={points}
                  lines={[
                    { key: 'requests', name: 'Requests', colour: 'var(--series-1)' },
                    { key: 'errors', name: 'Errors', colour: 'var(--series-error)', dash: '4 3' },
                  ]}
                  format={(value) => count(value)}
                />
                <TimeSeriesChart
                  title="Cost"
                  summary={`${usd(total.cost)} in the period`}
                  points={points}
                  lines={[{ key: 'cost', name: 'Cost (USD)', colour: 'var(--series-2)' }]}
                  format={usd}
                />
                <TimeSeriesChart
                  title="Tokens"
                  summary={`${count(total.tokens)} tokens in the period`}
                  points={points}
                  lines={[
                    { key: 'input', name: 'Input', colour: 'var(--series-1)' },
                    { key: 'output', name: 'Output', colour: 'var(--series-3)', dash: '4 3' },
                  ]}
                  format={(value) => count(value)}
                />
                <TimeSeriesChart
                  title="Latency"
                  summary={`p50 ${duration(total.p50)}, p95 ${duration(total.p95)} in the busiest interval`}
                  points={points}
                  lines={[
                    { key: 'p50', name: 'p50', colour: 'var(--series-1)' },
                    { key: 'p95', name: 'p95', colour: 'var(--series-2)', dash: '4 3' },
                  ]}
                  format={duration}
                />
                <TimeSeriesChart
                  title="Error rate"
                  summary={percent(total.errors / total.requests)}
                  points={points}
                  lines={[{ key: 'error_rate', name: 'Error rate', colour: 'var(--series-error)' }]}
                  format={percent}
                />
                <TimeSeriesChart
                  title="Cache hit rate"
                  summary={`${percent(total.cacheHits / total.requests)} of calls answered from the cache`}
                  points={points}
                  lines={[{ key: 'hit_rate', name: 'Hit rate', colour: 'var(--series-3)' }]}
                  format={percent}
                />
                <TimeSeriesChart
                  title="Cache savings"
                  summary={`${usd(total.saved)} saved in the period`}
                  points={points}
                  lines={[{ key: 'saved', name: 'Saved (USD)', colour: 'var(--series-2)' }]}
                  format={usd}
                />
              </div>
              <div className="top-lists">
                <TopList
                  title="Top models by cost"
                  rows={data.byModel.map((group) => ({
                    name: group.group ?? 'unknown',
                    value: group.cost_usd,
                  }))}
                  format={usd}
                />
                <TopList
                  title="Top keys by cost"
                  rows={data.byKey.map((group) => ({ name: group.group ?? 'no key', value: group.cost_usd }))}
                  format={usd}
                />
                <TopList
                  title="Top models and routes by requests"
                  rows={[...routes].map(([name, value]) => ({ name, value }))}
                  format={count}
                />
              </div>
            </>
          );
        }}
      </LoadedView>
    </>
  );
}
