import type { OutcomePoster, OutcomeRecord, OutcomesRepository } from '../store/outcomes-repository.js';
import { type OutcomeInput, outcomeRecord } from './outcome-input.js';
import { ofPoster } from './value-join.js';

/** Outcomes as a post left them, or the index of an id another team's outcome already has. */
export type PostedOutcomes =
  | { outcomes: Array<{ record: OutcomeRecord; created: boolean }> }
  | { taken: number };

/** Stores business outcomes, each id once. */
export interface OutcomesService {
  /**
   * Stores the new ones; returns every outcome as stored, with whether this post created it. `postedBy`
   * limits the calls they join to those of that key and its team; absent, they join any call. When an id
   * already belongs to an outcome `postedBy` may not see, nothing is stored and its index comes back as
   * `taken`.
   */
  post(inputs: readonly OutcomeInput[], postedBy?: OutcomePoster): Promise<PostedOutcomes>;
}

/** True when `poster` may see an outcome stored by `owner`: its own key's or its team's; trusted posters see all. */
function mayRead(poster: OutcomePoster | undefined, owner: OutcomePoster | undefined): boolean {
  return poster === undefined || (owner !== undefined && ofPoster(owner, poster));
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
      // A repeated id answers with the stored outcome, so an id another team used is refused, not shown.
      const { stored, created, taken } = await repository.insert(records, (record) =>
        mayRead(postedBy, record.postedBy),
      );
      if (taken !== undefined) return { taken };
      // A batch may name one id twice: the first is created, the second reports what is stored.
      const reported = new Set<string>();
      const outcomes = stored.map((record) => {
        const first = created.has(record.id) && !reported.has(record.id);
        reported.add(record.id);
        return { record, created: first };
      });
      return { outcomes };
    },
  };
}
