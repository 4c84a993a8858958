import type { Kysely } from 'kysely';
import { createDatasetsRepository, type DatasetsRepository } from '../store/datasets-repository.js';
import {
  createExperimentResultsRepository,
  type ExperimentResultsRepository,
} from '../store/experiments-results-repository.js';
import { claimLease } from '../store/lease.js';
import { createPromptsRepository, type PromptsRepository } from '../store/prompts-repository.js';
import type { Schema } from '../store/schema.js';
import { createScoresRepository, type ScoresRepository } from '../store/scores-repository.js';
import { appendRootSpanEvents, type StoredSpanEvent } from '../store/trace-events.js';
import type { ChatCall, ChatOutcome, Stage } from './call.js';
import { promptChat } from './stages/prompt.js';

/** The evaluation layer's state, which its services (built above the pipeline) read and write. */
export interface EvaluationStores {
  readonly datasets: DatasetsRepository;
  readonly prompts: PromptsRepository;
  readonly scores: ScoresRepository;
  readonly experiments: ExperimentResultsRepository;
  /** Adds events to a stored call's root span (online evaluation results). */
  appendTraceEvents(requestId: string, events: readonly StoredSpanEvent[]): Promise<boolean>;
  /** Takes or renews the online evaluator's lease, so one replica at a time scores traffic. */
  claimOnline(owner: string, ttlMs: number): Promise<boolean>;
}

/**
 * Builds the evaluation layer's part of the stack: its repositories on the stack's store, and the stage
 * that serves managed prompts (`prompt: {name, label|version, variables}`) on chat calls.
 */
export function createEvaluation(deps: { db: Kysely<Schema> }): {
  stores: EvaluationStores;
  stage: Stage<ChatCall, ChatOutcome>;
} {
  const prompts = createPromptsRepository(deps.db);
  return {
    stores: {
      datasets: createDatasetsRepository(deps.db),
      prompts,
      scores: createScoresRepository(deps.db),
      experiments: createExperimentResultsRepository(deps.db),
      appendTraceEvents: (requestId, events) => appendRootSpanEvents(deps.db, requestId, events),
      claimOnline: (owner, ttlMs) => claimLease(deps.db, 'evaluation.online.lease', owner, ttlMs),
    },
    // Prompts are managed through the admin API at any time, so the stage is always there; a call without
    // `prompt` pays one property read, and it is unnamed so it adds no span to every trace.
    stage: promptChat((name, selector) => prompts.resolve(name, selector)),
  };
}
