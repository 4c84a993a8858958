import type { Kysely } from 'kysely';
import { createDatasetsRepository, type DatasetsRepository } from '../store/datasets-repository.js';
import {
  createExperimentResultsRepository,
  type ExperimentResultsRepository,
} from '../store/experiments-results-repository.js';
import { createPromptsRepository, type PromptsRepository } from '../store/prompts-repository.js';
import type { Schema } from '../store/schema.js';
import { createScoresRepository, type ScoresRepository } from '../store/scores-repository.js';

/** The evaluation layer's state, which its services (built above the pipeline) read and write. */
export interface EvaluationStores {
  readonly datasets: DatasetsRepository;
  readonly prompts: PromptsRepository;
  readonly scores: ScoresRepository;
  readonly experiments: ExperimentResultsRepository;
}

/** Builds the evaluation layer's part of the stack: its repositories on the stack's store. */
export function createEvaluation(deps: { db: Kysely<Schema> }): { stores: EvaluationStores } {
  return {
    stores: {
      datasets: createDatasetsRepository(deps.db),
      prompts: createPromptsRepository(deps.db),
      scores: createScoresRepository(deps.db),
      experiments: createExperimentResultsRepository(deps.db),
    },
  };
}
