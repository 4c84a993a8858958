import type { IndexChunk, IndexSearchOptions, SearchIndex, SearchIndexFactory } from '../search-index.js';

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);

/**
 * A test index: a chunk scores the share of query words it contains. It honours top-k and metadata
 * filters and round-trips through its snapshot, so the service can be tested without the real index.
 */
function termOverlapIndex(initial: IndexChunk[], onTrain: () => void): SearchIndex {
  const chunks = new Map(initial.map((chunk) => [chunk.id, chunk]));
  return {
    refreshVectors: onTrain,
    async upsert(added) {
      for (const chunk of added) chunks.set(chunk.id, chunk);
    },
    remove(ids) {
      for (const id of ids) chunks.delete(id);
    },
    async search(query: string, options: IndexSearchOptions = {}) {
      const asked = words(query);
      const hits: Array<{ id: string; score: number }> = [];
      for (const chunk of chunks.values()) {
        const filter = Object.entries(options.filter ?? {});
        const matches = filter.every(([key, value]) => {
          const actual = chunk.metadata?.[key];
          return Array.isArray(value) ? value.includes(actual as never) : actual === value;
        });
        if (!matches) continue;
        const have = words(`${chunk.title ?? ''} ${chunk.text}`);
        const shared = [...asked].filter((word) => have.has(word)).length;
        if (shared > 0) hits.push({ id: chunk.id, score: shared / asked.size });
      }
      hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      return hits.slice(0, options.topK ?? 10);
    },
    snapshot() {
      return Buffer.from(JSON.stringify([...chunks.values()]));
    },
    get size() {
      return chunks.size;
    },
  };
}

/** A factory of term-overlap indexes that counts builds from scratch, restores and vector trainings. */
export function termOverlapFactory(): SearchIndexFactory & {
  created: number;
  restored: number;
  trained: number;
} {
  const train = () => {
    factory.trained += 1;
  };
  const factory = {
    format: 'test-term-overlap/1',
    created: 0,
    restored: 0,
    trained: 0,
    create() {
      factory.created += 1;
      return termOverlapIndex([], train);
    },
    restore(snapshot: Uint8Array) {
      factory.restored += 1;
      return termOverlapIndex(JSON.parse(Buffer.from(snapshot).toString('utf8')) as IndexChunk[], train);
    },
  };
  return factory;
}
