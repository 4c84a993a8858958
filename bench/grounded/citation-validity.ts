/** Checks that an answer's citations are real: each quotes its retrieved chunk verbatim at its offsets. */
import type { Citation } from '../../src/knowledge/grounded/extractive-answer.js';

/** A retrieved chunk as the answerer saw it. */
export interface RetrievedChunk {
  id: string;
  text: string;
}

/** Counts of valid and invalid citations in one answer. */
export interface CitationCheck {
  valid: number;
  invalid: number;
}

/**
 * A citation is valid when its chunk was among those retrieved, its text is non-empty and equals the
 * chunk's text between its offsets, and the answer carries its `[n]` marker.
 */
export function checkCitations(
  answer: string,
  citations: readonly Citation[],
  retrieved: readonly RetrievedChunk[],
): CitationCheck {
  const byId = new Map(retrieved.map((chunk) => [chunk.id, chunk]));
  let valid = 0;
  for (const citation of citations) {
    const chunk = byId.get(citation.chunkId);
    const quoted =
      chunk !== undefined &&
      citation.text.length > 0 &&
      citation.start >= 0 &&
      citation.end <= chunk.text.length &&
      chunk.text.slice(citation.start, citation.end) === citation.text;
    if (quoted && answer.includes(`[${citation.index}]`)) valid++;
  }
  return { valid, invalid: citations.length - valid };
}
