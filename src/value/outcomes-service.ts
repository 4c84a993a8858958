import type { OutcomePoster, OutcomeRecord, OutcomesRepository } from '../store/outcomes-repository.js';
import { type OutcomeInput, outcomeRecord } from './outcome-input.js';

/** Stores business outcomes, each id once. */
export interface OutcomesService {
  /**
   * Stores the new ones; returns every outcome as stored, with whether this post created it. `postedBy`
   * limits the calls they join to those of that key and its team; absent, they join any call.
   */
  post(
    inputs: readonly OutcomeInput[],
    postedBy?: OutcomePoster,
  ): Promise<Array<{ record: OutcomeRecord; created: boolean }>>;
}

/** Builds the outcomes service over its repository. */
export function createOutcomesService(
  repository: OutcomesRepository,
  now = () => new Date(),
): OutcomesService {
  return {
    async post(inputs, postedBy) {
      const at = now().toISOString();
      const records = inputs.map((input) => outcomeRecord(input, at, postedBy));
      const { stored, created } = await repository.insert(records);
      // A batch may name one id twice: the first is created, the second reports what is stored.
      const reported = new Set<string>();
      return stored.map((record) => {
        const first = created.has(record.id) && !reported.has(record.id);
        reported.add(record.id);
        return { record, created: first };
      });
    },
  };
}
