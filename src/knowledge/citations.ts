import type { KnowledgeHit } from './knowledge-service.js';

/** A citation on the wire: the `[index]` marker, the chunk, and the span in the chunk and its document. */
export interface KnowledgeCitation {
  index: number;
  chunk_id: string;
  document_id: string;
  source: string;
  title: string | null;
  /** The cited text: exactly the chunk's text from `start` to `end`. */
  text: string;
  start: number;
  end: number;
  /** The same span as offsets into the document's text. */
  document_start: number;
  document_end: number;
}

/** Turns an answerer's chunk-level citations into wire citations, resolved against the retrieved hits. */
export function resolveCitations(
  citations: ReadonlyArray<{ index: number; chunkId: string; start: number; end: number; text: string }>,
  hits: readonly KnowledgeHit[],
): KnowledgeCitation[] {
  const byId = new Map(hits.map((hit) => [hit.id, hit]));
  return citations.flatMap((citation) => {
    const hit = byId.get(citation.chunkId);
    if (!hit) return [];
    return [
      {
        index: citation.index,
        chunk_id: hit.id,
        document_id: hit.documentId,
        source: hit.source,
        title: hit.title,
        text: citation.text,
        start: citation.start,
        end: citation.end,
        document_start: hit.charStart + citation.start,
        document_end: hit.charStart + citation.end,
      },
    ];
  });
}

/** Wire citations for whole retrieved chunks, numbered from 1 in rank order (the `[n]` of injected context). */
export function sourceCitations(hits: readonly KnowledgeHit[]): KnowledgeCitation[] {
  return hits.map((hit, position) => ({
    index: position + 1,
    chunk_id: hit.id,
    document_id: hit.documentId,
    source: hit.source,
    title: hit.title,
    text: hit.text,
    start: 0,
    end: hit.text.length,
    document_start: hit.charStart,
    document_end: hit.charEnd,
  }));
}

/** The system message that hands retrieved chunks to a model, each under its `[n]` marker. */
export function contextMessage(hits: readonly KnowledgeHit[]): string {
  const sources = hits.map((hit, position) => {
    const where = [hit.source, ...hit.headingPath].join(' › ');
    return `[${position + 1}] ${where}\n${hit.text}`;
  });
  return [
    'Answer from the numbered sources below. Cite the sources each statement rests on with their markers, e.g. [1] or [1][2].',
    'If the sources do not contain the answer, say that the information is insufficient.',
    '',
    sources.join('\n\n'),
  ].join('\n');
}
