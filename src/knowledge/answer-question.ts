import { type KnowledgeCitation, resolveCitations } from './citations.js';
import { extractivePool } from './extractive-provider.js';
import { answerFromPassages } from './grounded/extractive-answer.js';
import type { KnowledgeHit, KnowledgeService } from './knowledge-service.js';
import type { IndexSearchOptions } from './search-index.js';

/** A grounded answer from a knowledge base, with its citations resolved to chunks and documents. */
export interface KnowledgeAnswer {
  answer: string;
  abstained: boolean;
  support: number;
  citations: KnowledgeCitation[];
  /** The chunks the answer was chosen from, best first. */
  hits: KnowledgeHit[];
}

/**
 * Answers a question from a knowledge base exactly as `local/extractive` does on chat: the same
 * retrieval (`topK` chunks, by default the deep pool the model reads for `configuredTopK`) and the same
 * answerer, so one question gets one answer whichever door it came through.
 */
export async function answerQuestion(
  knowledge: KnowledgeService,
  kb: string,
  question: string,
  options: IndexSearchOptions = {},
  configuredTopK = 5,
): Promise<KnowledgeAnswer> {
  const hits = await knowledge.search(kb, question, {
    ...options,
    topK: options.topK ?? extractivePool(configuredTopK),
  });
  const passages = hits.map((hit) => ({
    id: hit.id,
    text: hit.text,
    ...(hit.title && { title: hit.title }),
    headings: hit.headingPath,
  }));
  const answer = answerFromPassages(question, passages);
  return {
    answer: answer.answer,
    abstained: answer.abstained,
    support: Math.round(answer.support * 1000) / 1000,
    citations: resolveCitations(answer.citations, hits),
    hits,
  };
}
