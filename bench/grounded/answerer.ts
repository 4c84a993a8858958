/** What the bench asks of a model: an answer with citations to the passages it was given. */
import type { GroundedAnswer, Passage } from '../../src/knowledge/grounded/extractive-answer.js';

/** A model under test: the built-in extractive answerer, or a configured model through the pipeline. */
export interface BenchAnswerer {
  model: string;
  answer(
    question: string,
    passages: Passage[],
  ): Promise<Pick<GroundedAnswer, 'answer' | 'citations' | 'abstained'>>;
}
