import { StrataError } from '../../core/errors.js';
import type { IndexState } from './index-state.js';
import { projectTerms, trainLsa } from './lsa-model.js';
import type { IndexedChunk } from './types.js';
import { unitVector, VectorStore } from './vector-store.js';

/** Which vector leg an index has. */
export function vectorLegKind(state: IndexState): 'embedding' | 'lsa' | 'none' {
  if (state.embed !== undefined) return 'embedding';
  return state.stored.lsa === false ? 'none' : 'lsa';
}

/** The text a chunk is embedded and indexed as: its title, then its text. */
export function chunkText(chunk: IndexedChunk): string {
  return chunk.title ? `${chunk.title}\n${chunk.text}` : chunk.text;
}

/** Calls the embedder and checks it returned one finite vector of a consistent length per text. */
export async function embedTexts(state: IndexState, texts: string[]): Promise<number[][]> {
  if (state.embed === undefined || texts.length === 0) return [];
  const vectors = await state.embed(texts);
  const dimensions = state.vectors?.dimensions ?? vectors[0]?.length ?? 0;
  const valid =
    Array.isArray(vectors) &&
    vectors.length === texts.length &&
    dimensions > 0 &&
    vectors.every((vector) => vector.length === dimensions && vector.every(Number.isFinite));
  if (!valid) {
    throw new StrataError(
      'upstream_malformed_response',
      `The embedder returned ${vectors.length} vectors for ${texts.length} texts, or vectors of differing or non-finite values (expected ${dimensions} dimensions each).`,
    );
  }
  return vectors;
}

/** Stores embeddings for slots, creating the store at the first vectors. */
export function storeEmbeddings(
  state: IndexState,
  slots: readonly number[],
  vectors: readonly number[][],
): void {
  slots.forEach((slot, index) => {
    const vector = vectors[index];
    if (vector === undefined) return;
    state.vectors ??= new VectorStore(vector.length);
    state.vectors.set(slot, vector);
  });
}

/**
 * Brings the LSA leg up to date before a vector search. Training is not per upsert: the model is
 * (re)trained only when there is none yet, or when upserts and removals since the last training exceed
 * `retrainFraction` (default 20%) of the corpus it was trained on. In between, new or changed chunks are
 * folded in: projected onto the existing basis with the training-time idf (terms the model never saw
 * count for nothing until the next training).
 */
export function refreshLsa(state: IndexState, liveSlots: Int32Array, liveCount: number): void {
  const options = state.stored.lsa;
  if (options === false || state.embed !== undefined) return;
  const model = state.lsaModel;
  const due = model === undefined || state.changesSinceTraining > options.retrainFraction * model.trainedSize;
  if (!due && !state.needsFolding) return;
  state.needsFolding = false;
  if (due && (state.changesSinceTraining > 0 || model === undefined)) {
    const slots = Array.from(liveSlots.subarray(0, liveCount));
    state.lsaModel = trainLsa(state.inverted, slots, options);
    state.changesSinceTraining = 0;
    state.vectors = state.lsaModel === undefined ? undefined : new VectorStore(state.lsaModel.dimensions);
  }
  const trained = state.lsaModel;
  const store = state.vectors;
  if (trained === undefined || store === undefined) return;
  for (let index = 0; index < liveCount; index++) {
    const slot = liveSlots[index] ?? 0;
    if (store.isValid(slot)) continue;
    const row = state.inverted.rows[slot];
    if (row !== undefined) store.set(slot, projectTerms(trained, row.terms, row.freqs));
  }
}

/** The query's unit vector in the leg's space, or undefined when the leg has no vectors. */
export async function queryVector(
  state: IndexState,
  query: string,
  terms: readonly string[],
): Promise<Float64Array | undefined> {
  if (state.embed !== undefined) {
    if (state.vectors === undefined) return undefined;
    const [vector] = await embedTexts(state, [query]);
    return vector === undefined ? undefined : unitVector(vector);
  }
  const model = state.lsaModel;
  if (model === undefined) return undefined;
  const counts = new Map<number, number>();
  for (const term of terms) {
    const id = state.inverted.termId(term, false);
    if (id >= 0) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return unitVector(projectTerms(model, [...counts.keys()], [...counts.values()]));
}
