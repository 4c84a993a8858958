import type { Stack } from '../pipeline/stack.js';
import { createDatasetService, type DatasetService } from './datasets/dataset-service.js';
import { createExperimentService, type ExperimentService } from './experiments/experiment-service.js';
import { stackTarget } from './stack-target.js';

/** The evaluation layer's services over a stack: what the admin API and the CLI call. */
export interface EvaluationServices {
  datasets: DatasetService;
  experiments: ExperimentService;
}

/** Builds the evaluation services on a stack's store and pipeline. */
export function evaluationServices(stack: Stack): EvaluationServices {
  const stores = stack.evaluation;
  const datasets = createDatasetService(stores.datasets, {
    requests: stack.requests,
    traces: stack.traces,
    scores: stores.scores,
  });
  const experiments = createExperimentService({
    target: (config) => stackTarget(stack, { embeddingModel: config.defaultTest.options.embedding_provider }),
    datasets,
    resolvePrompt: (name, selector) => stores.prompts.resolve(name, selector),
    results: stores.experiments,
  });
  return { datasets, experiments };
}
