/** Where the bench's passages come from: the dataset's corpus through the knowledge index, or gold context. */
import type { Passage } from '../../src/knowledge/grounded/extractive-answer.js';
import { createKnowledgeIndex } from '../../src/knowledge/index/index.js';
import type { GroundedDataset, GroundedQuestion } from './dataset.js';

/** `retrieved`: search the corpus; `gold`: the question's own evidence passages. */
export type ContextSource = 'retrieved' | 'gold';

/** How the knowledge index searches when passages are retrieved. */
export type RetrievalMode = 'bm25' | 'vector' | 'hybrid';

/** Passages for a question, and a description of how they were found. */
export interface BenchRetriever {
  description: string;
  retrieve(question: GroundedQuestion): Promise<Passage[]>;
}

/** Builds the retriever for a dataset: gold evidence, or the knowledge index over the whole corpus. */
export async function createRetriever(
  dataset: GroundedDataset,
  context: ContextSource,
  topK: number,
  mode: RetrievalMode = 'hybrid',
): Promise<BenchRetriever> {
  if (context === 'gold') {
    return {
      description: 'gold context',
      retrieve: async (question) =>
        question.gold
          .slice(0, topK)
          .map((document) => ({ id: document.id, text: document.text, title: document.title })),
    };
  }
  const index = createKnowledgeIndex();
  await index.upsert(
    dataset.corpus.map((document) => ({ id: document.id, text: document.text, title: document.title })),
  );
  const byId = new Map(dataset.corpus.map((document) => [document.id, document]));
  // The first search trains the vector leg; do it before any question is timed.
  await index.search(dataset.questions[0]?.question ?? 'warm up', { topK, mode });
  return {
    description: `knowledge index (${mode}) over ${dataset.corpus.length} corpus passages`,
    async retrieve(question) {
      const hits = await index.search(question.question, { topK, mode });
      return hits.flatMap((hit) => {
        const document = byId.get(hit.id);
        return document ? [{ id: document.id, text: document.text, title: document.title }] : [];
      });
    },
  };
}
