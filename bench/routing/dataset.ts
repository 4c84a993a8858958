import { loadOutcomes, type RecordedQuery } from '../../src/models/replay/outcomes.js';

/** The benchmark's view of an outcomes file: train and test queries and per-model train statistics. */
export interface BenchDataset {
  file: string;
  models: string[];
  train: RecordedQuery[];
  test: RecordedQuery[];
  /** True when every test query has response text for every model (self-consistency can run). */
  hasResponses: boolean;
  costKind: string;
  /** Mean accuracy and USD cost per model over a set of queries. */
  stats(queries: readonly RecordedQuery[]): Map<string, { accuracy: number; cost: number }>;
}

/** Loads the file and keeps the queries where every model has a score and a cost, as the baselines do. */
export async function loadBenchDataset(
  file: string,
  trainSplit: string,
  testSplit: string,
): Promise<BenchDataset> {
  const index = await loadOutcomes(file);
  const complete = [...index.queries()].filter((query) =>
    index.models.every((model) => {
      const outcome = query.outcomes.get(model);
      return outcome !== undefined && outcome.score !== null && outcome.costUsd !== null;
    }),
  );
  const train = complete.filter((query) => query.split === trainSplit);
  const test = complete.filter((query) => query.split === testSplit);
  if (train.length === 0 || test.length === 0) {
    throw new Error(
      `${file} has no complete rows in split \`${train.length === 0 ? trainSplit : testSplit}\``,
    );
  }
  const models = [...index.models];
  return {
    file,
    models,
    train,
    test,
    hasResponses: test.every((query) =>
      models.every((model) => query.outcomes.get(model)?.response !== undefined),
    ),
    costKind: test[0]?.costKind ?? 'none',
    stats(queries) {
      const result = new Map<string, { accuracy: number; cost: number }>();
      for (const model of models) {
        let accuracy = 0;
        let cost = 0;
        for (const query of queries) {
          const outcome = query.outcomes.get(model);
          accuracy += outcome?.score ?? 0;
          cost += outcome?.costUsd ?? 0;
        }
        result.set(model, { accuracy: accuracy / queries.length, cost: cost / queries.length });
      }
      return result;
    },
  };
}
