import type { OutcomesRepository } from '../store/outcomes-repository.js';
import type { ValueQueries } from '../store/value-queries.js';
import { type ExperimentResults, experimentResults } from './experiment-results.js';
import type { Experiment, ExperimentsService } from './experiments.js';
import type { RoiReportData } from './roi-report.js';
import { type Saving, type SavingsDeps, savingsOf } from './savings.js';
import { joinValue, type ValueJoin } from './value-join.js';
import { type ValueDimension, type ValueGroup, valueMetrics } from './value-metrics.js';
import type { ValueWindow } from './window.js';

/** Value metrics of a window, grouped. */
export interface ValueMetricsReport extends ValueWindow {
  group_by: ValueDimension;
  groups: ValueGroup[];
  /** Outcomes in the window whose requests are not in it (or were never recorded). */
  unmatched_outcomes: number;
}

/** The value layer's reads: metrics, savings and experiment results over the ledger and outcomes. */
export interface ValueService {
  join(window: ValueWindow): Promise<ValueJoin>;
  metrics(window: ValueWindow, by: ValueDimension): Promise<ValueMetricsReport>;
  savings(window: ValueWindow): Promise<Saving[]>;
  results(experiment: Experiment, to?: string): Promise<ExperimentResults>;
  /** Everything the ROI report shows for a window. */
  roi(window: ValueWindow): Promise<RoiReportData>;
}

/** Builds the value service. */
export function createValueService(deps: {
  queries: ValueQueries;
  outcomes: OutcomesRepository;
  experiments: ExperimentsService;
  savings: SavingsDeps;
  /** Bootstrap resamples per interval. */
  samples?: number;
}): ValueService {
  const join = async ({ from, to }: ValueWindow) => {
    // Outcomes may arrive days after their requests: every outcome since the window opened is read.
    const [requests, ledger, outcomes] = await Promise.all([
      deps.queries.requests(from, to),
      deps.queries.ledger(from, to),
      deps.outcomes.list({ from }),
    ]);
    return joinValue(requests, ledger, outcomes);
  };
  const results = async (experiment: Experiment, to = new Date().toISOString()) =>
    experimentResults(experiment, await join({ from: experiment.createdAt, to }), {
      ...(deps.samples !== undefined && { samples: deps.samples }),
    });
  return {
    join,
    async metrics(window, by) {
      const joined = await join(window);
      return {
        ...window,
        group_by: by,
        groups: valueMetrics(joined, by),
        unmatched_outcomes: joined.outcomes.filter((outcome) => outcome.requestIds.length === 0).length,
      };
    },
    async savings(window) {
      return savingsOf((await join(window)).requests, deps.savings);
    },
    results,
    async roi(window) {
      const joined = await join(window);
      const overlapping = (await deps.experiments.list()).filter(
        (experiment) =>
          experiment.createdAt <= window.to &&
          (experiment.stoppedAt === null || experiment.stoppedAt >= window.from),
      );
      return {
        window,
        generatedAt: new Date().toISOString(),
        total: valueMetrics(joined, 'total')[0],
        days: valueMetrics(joined, 'day'),
        savings: savingsOf(joined.requests, deps.savings),
        experiments: await Promise.all(overlapping.map((experiment) => results(experiment, window.to))),
      };
    },
  };
}
