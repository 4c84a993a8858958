import { StrataError } from '../../core/errors.js';
import { Bm25Scorer } from './bm25-scorer.js';
import { reciprocalRankFusion, weightedFusion } from './fusion.js';
import { createState, type IndexState, type KnowledgeIndexOptions, storedOptions } from './index-state.js';
import { filterMask } from './metadata-filter.js';
import { maximalMarginalRelevance } from './mmr.js';
import { selectTop } from './select-top.js';
import { readSnapshot, writeSnapshot } from './snapshot.js';
import { termRowCosine } from './term-row-cosine.js';
import type { IndexedChunk, SearchHit, SearchOptions } from './types.js';
import {
  chunkText,
  embedTexts,
  queryVector,
  refreshLsa,
  storeEmbeddings,
  vectorLegKind,
} from './vector-leg.js';

/** A searchable, incrementally updatable index of chunks: BM25 plus a vector leg, fused. */
export interface KnowledgeIndex {
  /** Adds chunks, or replaces those whose id is already indexed (no rebuild). */
  upsert(chunks: IndexedChunk[]): Promise<void>;
  /** Removes chunks by id; unknown ids are ignored. */
  remove(ids: string[]): void;
  /** The best chunks for a query, best first. */
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** How many chunks are indexed. */
  readonly size: number;
  /** Which vector leg hybrid and vector searches use. */
  readonly vectorLeg: 'embedding' | 'lsa' | 'none';
  /** The whole index as bytes, for `restoreKnowledgeIndex` (e.g. stored in a database blob). */
  snapshot(): Uint8Array;
  /** Trains or folds in the LSA leg now rather than at the next vector search (no-op otherwise). */
  refreshVectors(): void;
}

/** How deep each leg's ranking goes for RRF, and the least MMR candidate pool. */
const rrfDepth = 1000;
const mmrPoolFloor = 20;

/** Creates an empty knowledge index. */
export function createKnowledgeIndex(options: KnowledgeIndexOptions = {}): KnowledgeIndex {
  return wrapState(createState(storedOptions(options), options.embed));
}

/**
 * Rebuilds an index from `snapshot()` bytes without re-analysing any text. Pass the same `embed` the
 * index was built with when it had one; `weights`, `k1` and `b` may be changed, the analyzer may not.
 */
export function restoreKnowledgeIndex(
  snapshot: Uint8Array,
  options: Pick<KnowledgeIndexOptions, 'embed' | 'weights' | 'k1' | 'b'> = {},
): KnowledgeIndex {
  const state = readSnapshot(snapshot, options.embed);
  if (options.weights !== undefined) state.weights = options.weights;
  if (options.k1 !== undefined) state.bm25.k1 = options.k1;
  if (options.b !== undefined) state.bm25.b = options.b;
  return wrapState(state);
}

function checkSearchOptions(options: SearchOptions): void {
  const { topK, mmr, mode, fusion } = options;
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 1))
    throw new StrataError('invalid_request', `top_k must be a positive integer, got ${topK}.`, {
      param: 'top_k',
    });
  if (mmr !== undefined && !(mmr.lambda >= 0 && mmr.lambda <= 1))
    throw new StrataError('invalid_request', `mmr.lambda must be between 0 and 1, got ${mmr.lambda}.`, {
      param: 'mmr.lambda',
    });
  if (mode !== undefined && !['bm25', 'vector', 'hybrid'].includes(mode))
    throw new StrataError('invalid_request', `mode must be bm25, vector or hybrid, got ${mode}.`, {
      param: 'mode',
    });
  if (fusion !== undefined && fusion !== 'weighted' && fusion !== 'rrf')
    throw new StrataError('invalid_request', `fusion must be weighted or rrf, got ${fusion}.`, {
      param: 'fusion',
    });
}

function wrapState(state: IndexState): KnowledgeIndex {
  const scorer = new Bm25Scorer(state.inverted, state.bm25);
  let vectorScores = new Float64Array(0);
  let fused = new Float64Array(0);
  let live = new Int32Array(0);
  let liveCount = -1;

  const changed = () => {
    liveCount = -1;
  };
  const liveSlots = () => {
    if (liveCount >= 0) return live;
    const { table } = state;
    if (live.length < table.capacity) live = new Int32Array(table.capacity);
    liveCount = 0;
    for (let slot = 0; slot < table.capacity; slot++) if (table.isLive(slot)) live[liveCount++] = slot;
    return live;
  };
  const scratch = (array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> =>
    array.length >= state.table.capacity ? array : new Float64Array(state.table.capacity);

  const index: KnowledgeIndex = {
    get size() {
      return state.table.size;
    },
    get vectorLeg() {
      return vectorLegKind(state);
    },

    async upsert(chunks) {
      const last = new Map<string, IndexedChunk>();
      for (const chunk of chunks) last.set(chunk.id, chunk);
      const unique = [...last.values()];
      const embeddings = await embedTexts(state, state.embed === undefined ? [] : unique.map(chunkText));
      const slots = unique.map((chunk) => {
        const { slot, existed } = state.table.acquire(chunk.id);
        if (existed) state.inverted.delete(slot);
        state.inverted.add(slot, chunkText(chunk), state.analyzer);
        state.table.metadata[slot] = chunk.metadata === undefined ? undefined : { ...chunk.metadata };
        state.vectors?.invalidate(slot);
        return slot;
      });
      storeEmbeddings(state, slots, embeddings);
      state.changesSinceTraining += unique.length;
      state.needsFolding = true;
      changed();
    },

    remove(ids) {
      for (const id of ids) {
        const slot = state.table.release(id);
        if (slot === undefined) continue;
        state.inverted.delete(slot);
        state.vectors?.invalidate(slot);
        state.changesSinceTraining++;
      }
      changed();
    },

    async search(query, options = {}) {
      checkSearchOptions(options);
      const kind = vectorLegKind(state);
      const mode = options.mode ?? (kind === 'none' ? 'bm25' : 'hybrid');
      if (mode !== 'bm25' && kind === 'none')
        throw new StrataError('invalid_request', `This index has no vector leg; use mode bm25.`, {
          param: 'mode',
        });
      const topK = options.topK ?? 10;
      const poolSize = options.mmr === undefined ? topK : Math.max(topK * 4, mmrPoolFloor);
      const terms = state.analyzer.analyze(query);
      // Every await comes first: from here on the search runs synchronously, so concurrent searches and
      // upserts never see each other's half-filled scratch arrays.
      let vector: Float64Array | undefined;
      if (mode !== 'bm25') {
        refreshLsa(state, liveSlots(), liveCount);
        vector = await queryVector(state, query, terms);
      }
      const slots = liveSlots();
      if (vector !== undefined && state.vectors !== undefined) {
        vectorScores = scratch(vectorScores);
        state.vectors.scoreInto(vector, slots, liveCount, vectorScores);
      } else vector = undefined;
      const mask = filterMask(state.table, options.filter);
      const { order } = state.table;
      const matched = scorer.score(terms, state.table.capacity);

      let ranked: number[];
      let scores: Float64Array<ArrayBufferLike>;
      if (mode === 'bm25' || (vector === undefined && mode === 'hybrid')) {
        scores = scorer.scores;
        ranked = selectTop(scorer.touched, matched, scores, order, poolSize, mask);
      } else if (vector === undefined) {
        return [];
      } else if (mode === 'vector') {
        scores = vectorScores;
        ranked = selectTop(slots, liveCount, scores, order, poolSize, mask, true);
      } else {
        fused = scratch(fused);
        scores = fused;
        if (options.fusion === 'rrf') {
          for (let entry = 0; entry < liveCount; entry++) fused[slots[entry] ?? 0] = 0;
          const lexical = selectTop(scorer.touched, matched, scorer.scores, order, rrfDepth, mask);
          const dense = selectTop(slots, liveCount, vectorScores, order, rrfDepth, mask, true);
          reciprocalRankFusion([lexical, dense], fused);
          const union = Int32Array.from(new Set([...lexical, ...dense]));
          ranked = selectTop(union, union.length, fused, order, poolSize, mask);
        } else {
          weightedFusion(slots, liveCount, scorer.scores, vectorScores, state.weights, fused);
          ranked = selectTop(slots, liveCount, fused, order, poolSize, mask, true);
        }
      }

      if (options.mmr !== undefined) ranked = diversify(state, ranked, scores, options.mmr.lambda, topK);
      return ranked.map((slot) => {
        const hit: SearchHit = { id: state.table.ids[slot] ?? '', score: scores[slot] ?? 0 };
        const lexical = scorer.scores[slot] ?? 0;
        if (lexical > 0) hit.bm25 = lexical;
        if (vector !== undefined) hit.vector = vectorScores[slot] ?? 0;
        return hit;
      });
    },

    snapshot() {
      return writeSnapshot(state);
    },

    refreshVectors() {
      const slots = liveSlots();
      refreshLsa(state, slots, liveCount);
    },
  };
  return index;
}

/** MMR over the candidate pool; similarity is cosine of the leg's vectors, else of the term rows. */
function diversify(
  state: IndexState,
  pool: number[],
  scores: Float64Array,
  lambda: number,
  k: number,
): number[] {
  const store = state.vectors;
  const similarity = (a: number, b: number): number => {
    const slotA = pool[a] ?? 0;
    const slotB = pool[b] ?? 0;
    if (store?.isValid(slotA) && store.isValid(slotB)) {
      const left = store.vectorOf(slotA);
      const right = store.vectorOf(slotB);
      let dot = 0;
      for (let index = 0; index < left.length; index++) dot += (left[index] ?? 0) * (right[index] ?? 0);
      return dot;
    }
    return termRowCosine(state.inverted.rows[slotA], state.inverted.rows[slotB]);
  };
  const picked = maximalMarginalRelevance(
    pool.map((slot) => scores[slot] ?? 0),
    similarity,
    lambda,
    k,
  );
  return picked.map((position) => pool[position] ?? 0);
}
