import { useState } from 'react';
import type { ConfiguredRoute, RouteOutcomes, StatPoint } from '../../api.js';
import { LoadedView } from '../../components/loaded-view.js';
import { type Period, PeriodPicker, periodStart } from '../../components/period-picker.js';
import { count, percent } from '../../format.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';
import { BenchFrontier } from './bench-frontier.js';
import { RouteOutcomesView } from './route-outcomes-view.js';

interface RouteMix {
  route: ConfiguredRoute;
  served: { model: string; requests: number }[];
  requests: number;
  errors: number;
  outcomes: RouteOutcomes;
}

function mixOf(route: ConfiguredRoute, points: StatPoint[], outcomes: RouteOutcomes): RouteMix {
  const served = new Map<string, number>();
  let requests = 0;
  let errors = 0;
  for (const point of points) {
    served.set(point.group ?? 'none', (served.get(point.group ?? 'none') ?? 0) + point.requests);
    requests += point.requests;
    errors += point.errors;
  }
  return {
    route,
    served: [...served].map(([model, n]) => ({ model, requests: n })).sort((a, b) => b.requests - a.requests),
    requests,
    errors,
    outcomes,
  };
}

/**
 * The routes as configured and their live mix: which models served each route's calls, how often it
 * failed, how often its cascades escalated and what its verifiers said; then the latest routing bench.
 */
export default function RoutingPage() {
  const { api } = useSignedIn();
  const [period, setPeriod] = useState<Period>('24h');
  const loaded = useLoad(async () => {
    const routes = await api.routes();
    const from = periodStart(period);
    return Promise.all(
      routes.map(async (route) => {
        const [points, outcomes] = await Promise.all([
          api.stats('day', { from, model: route.name }, 'served_model'),
          api.routeOutcomes(route.name, from),
        ]);
        return mixOf(route, points, outcomes);
      }),
    );
  }, [api, period]);
  const bench = useLoad(() => api.routingBench(), [api]);
  return (
    <>
      <div className="page-heading">
        <h1>Routing</h1>
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      <LoadedView loaded={loaded}>
        {(mixes) =>
          mixes.length === 0 ? (
            <p className="hint">
              No routes are configured. A route is a virtual model name mapped to a plan — fallbacks, load
              balancing, rules or a cascade — under <code>routes:</code> in <code>strata.yaml</code> (see
              docs/routing.md).
            </p>
          ) : (
            mixes.map((mix) => (
              <section
                key={mix.route.name}
                className="route-card"
                aria-labelledby={`route-${mix.route.name}`}
              >
                <h2 id={`route-${mix.route.name}`}>{mix.route.name}</h2>
                <p>
                  {count(mix.requests)} requests in the period
                  {mix.requests > 0 ? `, ${percent(mix.errors / mix.requests)} failed` : ''}.
                </p>
                {mix.served.length > 0 && (
                  <ul className="plain-list" aria-label={`Models that served ${mix.route.name}`}>
                    {mix.served.map((served) => (
                      <li key={served.model}>
                        {served.model}: {count(served.requests)} ({percent(served.requests / mix.requests)})
                      </li>
                    ))}
                  </ul>
                )}
                <RouteOutcomesView outcomes={mix.outcomes} />
                <details>
                  <summary>Plan as configured</summary>
                  <pre>{JSON.stringify(mix.route.plan, null, 2)}</pre>
                </details>
              </section>
            ))
          )
        }
      </LoadedView>
      <section aria-labelledby="bench-heading">
        <h2 id="bench-heading">Latest routing bench</h2>
        <LoadedView loaded={bench}>{(report) => <BenchFrontier bench={report} />}</LoadedView>
      </section>
    </>
  );
}
